import { describe, expect, it } from 'vitest';
import {
  BODY_BUDGET_RATIO,
  type ShortBody,
  selectBodiesToElide,
} from './body-budget.ts';

function body(start: number, importance: number, bodyTokens = 60): ShortBody {
  return { start, end: start + 10, importance, bodyTokens, markerTokens: 20 };
}

describe('selectBodiesToElide', () => {
  it('elides nothing when the output already fits the budget', () => {
    const bodies = [body(0, 0), body(10, 0)];
    expect(
      selectBodiesToElide(bodies, { inputTokens: 1000, outputTokens: 300 }),
    ).toEqual([]);
    expect(BODY_BUDGET_RATIO).toBe(0.35);
  });

  it('elides the least important bodies first, and stops once the output fits', () => {
    const bodies = [body(0, 5), body(10, 0), body(20, 2), body(30, 1)];
    // 400 over a budget of 350: two bodies of 40 saved tokens each fit it.
    const chosen = selectBodiesToElide(bodies, {
      inputTokens: 1000,
      outputTokens: 420,
    });
    expect(chosen.map((chosenBody) => chosenBody.start)).toEqual([10, 30]);
  });

  it('never elides a body whose marker costs more than 60 % of it', () => {
    const bodies = [body(0, 0, 30), body(10, 3, 40)];
    const chosen = selectBodiesToElide(bodies, {
      inputTokens: 100,
      outputTokens: 100,
    });
    expect(chosen.map((chosenBody) => chosenBody.start)).toEqual([10]);
  });
});
