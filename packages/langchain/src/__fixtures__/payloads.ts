// Seeded tool outputs (mulberry32), so every run sees the same realistic
// payloads without the shared corpus.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

const LEVELS = ['INFO', 'INFO', 'INFO', 'DEBUG', 'WARN', 'ERROR'];
const VERBS = ['opened', 'closed', 'retried', 'flushed', 'queued', 'synced'];

/** Service log lines: timestamps, levels, workers, ids, durations. */
export function logOutput(seed: number, lines = 400): string {
  const next = random(seed);
  const start = Date.UTC(2026, 2, 1) + Math.floor(next() * 1e7);
  return Array.from({ length: lines }, (_, index) => {
    const at = new Date(start + index * (200 + Math.floor(next() * 800)));
    const level = LEVELS[Math.floor(next() * LEVELS.length)];
    const verb = VERBS[Math.floor(next() * VERBS.length)];
    const id = Math.floor(next() * 0xffffff).toString(16).padStart(6, '0');
    return `${at.toISOString()} ${level} [worker-${1 + Math.floor(next() * 6)}] ${verb} batch id=${id} took=${Math.floor(next() * 900)}ms`;
  }).join('\n');
}

/** A JSON array of uniform order records. */
export function ordersOutput(seed: number, items = 300): string {
  const next = random(seed);
  return JSON.stringify(
    Array.from({ length: items }, (_, index) => ({
      id: 5000 + index,
      customer: `c-${Math.floor(next() * 900)}`,
      status: next() < 0.05 ? 'failed' : 'shipped',
      totalCents: Math.floor(next() * 90000),
      region: ['north', 'south', 'east', 'west'][Math.floor(next() * 4)],
    })),
  );
}
