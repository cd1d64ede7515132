import { describe, expect, it } from 'vitest';
import { planChunks } from './plan-chunks.ts';

describe('planChunks', () => {
  it('scores every word exactly once within the budget, on sentence boundaries', () => {
    const tokenCounts = Array.from(
      { length: 40 },
      (_, index) => 1 + (index % 3),
    );
    const sentences: Array<[number, number]> = [];
    for (let first = 0; first < 40; first += 5)
      sentences.push([first, first + 5]);
    const chunks = planChunks({
      tokenCounts,
      sentences,
      budget: 24,
      overlapTokens: 4,
    });
    const owned = chunks.flatMap((chunk) =>
      Array.from(
        { length: chunk.end - chunk.first },
        (_, i) => chunk.first + i,
      ),
    );
    expect(owned).toEqual(Array.from({ length: 40 }, (_, index) => index));
    for (const chunk of chunks) {
      const tokens = tokenCounts
        .slice(chunk.contextStart, chunk.end)
        .reduce((sum, count) => sum + count, 0);
      expect(tokens).toBeLessThanOrEqual(24);
      expect(chunk.first % 5).toBe(0);
    }
    expect(chunks[0]!.contextStart).toBe(0);
    expect(chunks[1]!.contextStart).toBeLessThan(chunks[1]!.first);
  });

  it('cuts a sentence longer than the budget between words', () => {
    const chunks = planChunks({
      tokenCounts: new Array(25).fill(1),
      sentences: [[0, 25]],
      budget: 10,
      overlapTokens: 0,
    });
    expect(chunks).toEqual([
      { contextStart: 0, first: 0, end: 10 },
      { contextStart: 10, first: 10, end: 20 },
      { contextStart: 20, first: 20, end: 25 },
    ]);
  });

  it('reads at most overlapTokens of context', () => {
    const chunks = planChunks({
      tokenCounts: new Array(12).fill(1),
      sentences: [
        [0, 6],
        [6, 12],
      ],
      budget: 9,
      overlapTokens: 2,
    });
    expect(chunks[1]).toEqual({ contextStart: 4, first: 6, end: 12 });
  });
});
