import { describe, expect, it } from 'vitest';
import { main } from './main.ts';

describe('main', () => {
  it('saves tokens at every handoff and keeps originals byte for byte', async () => {
    const result = await main({ log: () => {} });
    expect(result.handoffs).toHaveLength(2);
    for (const handoff of result.handoffs) {
      expect(handoff.withTokens).toBeGreaterThan(0);
      expect(handoff.withTokens).toBeLessThan(handoff.withoutTokens);
    }
    expect(result.originalsExact).toBe(true);
  });

  // Holds once the built-in log and JSON compressors drop content behind markers.
  it('lets the writer pull a dropped part back with the retrieval tool', async () => {
    const result = await main({ log: () => {} });
    expect(result.markers).toBeGreaterThan(0);
    expect(result.retrieved.length).toBeGreaterThan(0);
    expect(result.retrievedExact).toBe(true);
  });
});
