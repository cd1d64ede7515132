/**
 * A seeded generator for an orders API response, so the example runs on a
 * fresh clone (no ../shared/corpus) and prints the same numbers every time.
 */

/** mulberry32: a tiny deterministic PRNG. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS = ['eu-west-1', 'us-east-1', 'us-west-2', 'ap-south-1'];
const CUSTOMERS = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'stark'];

/**
 * `count` order records as a pretty-printed JSON array (as an HTTP tool
 * returns them); every 61st order failed with a payment timeout.
 */
export function ordersJson(count = 300, seed = 7): string {
  const next = random(seed);
  const start = Date.UTC(2026, 10, 24, 9, 0, 0);
  const orders = Array.from({ length: count }, (_, i) => {
    const failed = i % 61 === 29;
    return {
      id: `ord_${100_000 + i}`,
      customer: CUSTOMERS[Math.floor(next() * CUSTOMERS.length)],
      region: REGIONS[Math.floor(next() * REGIONS.length)],
      status: failed ? 'failed' : next() < 0.9 ? 'fulfilled' : 'pending',
      amountCents: Math.round(500 + next() * 25_000),
      latencyMs: failed
        ? 4_000 + (i % 3) * 1_000
        : Math.round(40 + next() * 160),
      createdAt: new Date(start + i * 37_000).toISOString(),
      ...(failed
        ? {
            error: {
              code: 'PAYMENT_TIMEOUT',
              message: `payments gateway timed out after ${4 + (i % 3)}s`,
            },
          }
        : {}),
    };
  });
  return JSON.stringify(orders, null, 2);
}
