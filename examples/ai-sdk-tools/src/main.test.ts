import { describe, expect, it } from 'vitest';
import { main } from './main.ts';

describe('main', () => {
  it('saves tokens per tool and in history, keeps originals, pulls a dropped part back verbatim', async () => {
    const result = await main({ log: () => {} });
    expect(result.steps).toHaveLength(2);
    for (const row of result.steps) {
      expect(row.withTokens).toBeGreaterThan(0);
      expect(row.withTokens).toBeLessThan(row.withoutTokens);
    }
    expect(result.originalsExact).toBe(true);
    expect(result.appGotFullResults).toBe(true);
    expect(result.retrieved.length).toBeGreaterThan(0);
    expect(result.retrievedExact).toBe(true);
  });
});
