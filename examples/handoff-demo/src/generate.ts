/**
 * A seeded generator for a researcher agent's output, so the demo runs on a
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
const SERVICES = ['checkout', 'inventory', 'payments', 'shipping', 'search'];
const CUSTOMERS = [
  'acme',
  'globex',
  'initech',
  'umbrella',
  'hooli',
  'stark',
  'wayne',
];

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

function hex(next: () => number, length: number): string {
  let out = '';
  while (out.length < length) out += Math.floor(next() * 16).toString(16);
  return out;
}

/** A JSON API result: `count` order records, a few of them failed. */
export function apiResult(count = 400, seed = 7): string {
  const next = random(seed);
  const start = Date.UTC(2026, 10, 24, 9, 0, 0);
  const orders = Array.from({ length: count }, (_, i) => {
    const failed = i % 97 === 41;
    return {
      id: `ord_${(100_000 + i).toString()}`,
      customer: pick(next, CUSTOMERS),
      service: pick(next, SERVICES),
      region: pick(next, REGIONS),
      status: failed ? 'failed' : next() < 0.9 ? 'fulfilled' : 'pending',
      amountCents: Math.round(500 + next() * 25_000),
      items: 1 + Math.floor(next() * 5),
      latencyMs: failed
        ? 4_000 + Math.round(next() * 3_000)
        : Math.round(40 + next() * 160),
      createdAt: new Date(start + i * 37_000).toISOString(),
      ...(failed
        ? {
            error: {
              code: 'PAYMENT_TIMEOUT',
              message: `upstream payments gateway timed out after ${4 + (i % 3)}s`,
            },
          }
        : {}),
    };
  });
  return JSON.stringify(
    { object: 'list', total: count, has_more: false, data: orders },
    null,
    2,
  );
}

/** A long service log: routine lines with a few warnings, errors and a stack trace. */
export function serviceLog(lines = 1_500, seed = 11): string {
  const next = random(seed);
  const start = Date.UTC(2026, 10, 24, 9, 0, 0);
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const time = new Date(start + i * 1_250).toISOString();
    const service = pick(next, SERVICES);
    const trace = hex(next, 16);
    if (i === 812) {
      out.push(
        `${time} ERROR [payments] charge failed for ord_${100_000 + i}: PaymentGatewayTimeout trace=${trace}`,
      );
      out.push('    at GatewayClient.charge (src/payments/gateway.ts:118:13)');
      out.push('    at async ChargeService.run (src/payments/charge.ts:54:7)');
      out.push('    at async Worker.process (src/worker.ts:33:5)');
    } else if (i % 211 === 17) {
      out.push(
        `${time} WARN  [${service}] slow response ${Math.round(900 + next() * 900)}ms from ${pick(next, REGIONS)} trace=${trace}`,
      );
    } else if (i === 1_333) {
      out.push(
        `${time} ERROR [inventory] stock reservation conflict on sku-${Math.round(next() * 9_999)} trace=${trace}`,
      );
    } else {
      const status = next() < 0.97 ? 200 : 304;
      out.push(
        `${time} INFO  [${service}] GET /api/v2/${service}/${Math.floor(next() * 5_000)} ${status} ${Math.round(5 + next() * 80)}ms trace=${trace}`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

/** A TypeScript source file with typed, documented functions and long bodies. */
export function sourceFile(functions = 24, seed = 13): string {
  const next = random(seed);
  const parts = [
    "import { createHash } from 'node:crypto';",
    "import type { Order } from './types.ts';",
    '',
  ];
  for (let f = 0; f < functions; f++) {
    const name = `${pick(next, ['compute', 'validate', 'reconcile', 'summarise'])}${pick(next, ['Order', 'Refund', 'Invoice', 'Shipment'])}${f}`;
    parts.push(`/** ${name}: applies pricing rule #${f} to an order. */`);
    parts.push(
      `export function ${name}(order: Order, factor = ${(1 + next()).toFixed(2)}): number {`,
    );
    parts.push('  let total = 0;');
    for (let line = 0; line < 8 + Math.floor(next() * 10); line++) {
      parts.push(
        `  total += order.items * factor * ${Math.round(next() * 100)}; // step ${line}`,
      );
    }
    parts.push(
      "  const digest = createHash('sha256').update(String(total)).digest('hex');",
    );
    parts.push('  return digest.startsWith("0") ? total * 0.99 : total;');
    parts.push('}', '');
  }
  return parts.join('\n');
}
