import { describe, expect, it } from 'vitest';
import { main } from './main.ts';

describe('main', () => {
  it('saves tokens on both model calls, keeps originals and pulls a dropped part back verbatim', async () => {
    const result = await main({ log: () => {} });
    expect(result.calls).toHaveLength(2);
    for (const row of result.calls) {
      expect(row.withTokens).toBeGreaterThan(0);
      expect(row.withTokens).toBeLessThan(row.withoutTokens);
    }
    expect(result.originalsExact).toBe(true);
    expect(result.retrieved.length).toBeGreaterThan(0);
    expect(result.retrievedExact).toBe(true);
    expect(result.stateUntouched).toBe(true);
  });
});
