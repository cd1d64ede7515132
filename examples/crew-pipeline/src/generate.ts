/**
 * Seeded generators for what the collecting agents return, so the example
 * runs on a fresh clone (no ../shared/corpus) and prints the same numbers
 * every time.
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

const SERVICES = ['checkout', 'inventory', 'payments', 'shipping', 'search'];
const REGIONS = ['eu-west-1', 'us-east-1', 'us-west-2', 'ap-south-1'];

function hex(next: () => number, length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(next() * 16).toString(16);
  return out;
}

/** A service log: routine lines, a few warnings and one payments error. */
export function serviceLog(lines = 1_200, seed = 11): string {
  const next = random(seed);
  const start = Date.UTC(2026, 10, 24, 9, 0, 0);
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const time = new Date(start + i * 1_250).toISOString();
    const service = SERVICES[Math.floor(next() * SERVICES.length)]!;
    const trace = hex(next, 16);
    if (i === 640) {
      out.push(
        `${time} ERROR [payments] charge failed for ord_100640: PaymentGatewayTimeout trace=${trace}`,
      );
    } else if (i % 173 === 17) {
      out.push(
        `${time} WARN  [${service}] slow response ${Math.round(900 + next() * 900)}ms trace=${trace}`,
      );
    } else {
      out.push(
        `${time} INFO  [${service}] GET /api/v2/${service}/${Math.floor(next() * 5_000)} 200 ${Math.round(5 + next() * 80)}ms trace=${trace}`,
      );
    }
  }
  return out.join('\n');
}

/** `count` orders as a pretty-printed JSON array; every 53rd one failed. */
export function ordersJson(count = 250, seed = 7): string {
  const next = random(seed);
  const start = Date.UTC(2026, 10, 24, 9, 0, 0);
  return JSON.stringify(
    Array.from({ length: count }, (_, i) => ({
      id: `ord_${100_000 + i}`,
      region: REGIONS[Math.floor(next() * REGIONS.length)],
      status: i % 53 === 11 ? 'failed' : 'fulfilled',
      amountCents: Math.round(500 + next() * 25_000),
      createdAt: new Date(start + i * 37_000).toISOString(),
    })),
    null,
    2,
  );
}
