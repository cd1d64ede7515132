import { describe, expect, it } from 'vitest';
import { compress } from '../compress.ts';
import { SharedContext } from '../shared-context.ts';

/** A small seeded generator: the same seed, the same numbers. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

const pick = <T>(next: () => number, items: readonly T[]): T =>
  items[Math.floor(next() * items.length)]!;

/**
 * Access-log-like lines in a layout drawn from the seed: field order,
 * clock style, quoting and the client string vary. Every line is an
 * ordinary (non-error) line by its words; the rare status codes are the
 * only thing that tells the odd requests apart.
 */
function accessLog(seed: number, lines: number, rare: Map<number, number>) {
  const next = random(seed);
  const clock = pick(next, [
    (i: number) =>
      `[29/Nov/2026:12:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} +0000]`,
    (i: number) =>
      `2026-11-29T12:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}Z`,
    (i: number) => `${1_764_417_600 + i}`,
  ]);
  const client = pick(next, ['"curl/8.5.0"', 'agent=okhttp/4.12', '"-"']);
  const method = pick(next, ['"GET', 'method=GET', 'GET']);
  const statusFirst = next() < 0.5;
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const status = rare.get(i) ?? 200;
    const address = `10.${i % 7}.${(i * 13) % 250}.${(i * 7) % 250}`;
    const path = `/api/${pick(next, ['users', 'orders', 'cart', 'items'])}/${Math.floor(next() * 90_000)}`;
    const size = 100 + Math.floor(next() * 9000);
    out.push(
      statusFirst
        ? `${clock(i)} ${status} ${address} ${method} ${path} ${size} ${client}`
        : `${address} - - ${clock(i)} ${method} ${path} HTTP/1.1 ${status} ${size} ${client}`,
    );
  }
  return out;
}

describe('category lines of the line-template compressor', () => {
  it('keeps a verbatim line for each rare status in generated access logs', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const rare = new Map([
        [400 + seed * 17, 502],
        [1200 + seed * 3, 404],
      ]);
      const lines = accessLog(seed, 2000, rare);
      const content = lines.join('\n');
      const result = await compress(content, { model: 'gpt-4o' });
      for (const line of rare.keys())
        expect(result.compressed, `seed ${seed}`).toContain(lines[line]);
      expect(result.savingsPercent, `seed ${seed}`).toBeGreaterThanOrEqual(80);
    }
  });

  it('keeps one line per event kind folded into one template', async () => {
    const kinds = [
      'install',
      'status half-installed',
      'status unpacked',
      'configure',
      'status half-configured',
      'status installed',
    ];
    const lines: string[] = [];
    for (let i = 0; i < 300; i++)
      for (const kind of kinds)
        lines.push(
          `2026-05-09 07:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} ${kind} lib${i}:amd64 1.${i % 9}`,
        );
    const ctx = new SharedContext({ model: 'gpt-4o' });
    const entry = await ctx.put('dpkg', lines.join('\n'));
    const view = await ctx.get('dpkg');
    for (const kind of kinds) expect(view).toContain(` ${kind} lib`);
    expect(entry.savingsPercent).toBeGreaterThanOrEqual(80);
    expect(await ctx.get('dpkg', { full: true })).toBe(lines.join('\n'));
  });

  it('keeps each line of a rare value that names a different path', async () => {
    const paths = ['/healthz', '/api/cart', '/api/users', '/static/app.js'];
    const lines = Array.from({ length: 2400 }, (_, i) => {
      const status = i === 700 || i === 1900 ? 502 : 200;
      const path = i === 700 ? '/api/cart' : paths[(i * 7) % paths.length];
      return `10.0.${i % 9}.${(i * 31) % 250} - - [29/Nov/2026:12:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} +0000] "GET ${path} HTTP/1.1" ${status} ${100 + ((i * 977) % 9000)} "-" "curl/8.5.0"`;
    });
    expect(lines[1900]).toContain('/healthz');
    const result = await compress(lines.join('\n'), { model: 'gpt-4o' });
    expect(result.compressed).toContain(lines[700]);
    expect(result.compressed).toContain(lines[1900]);
    expect(result.savingsPercent).toBeGreaterThanOrEqual(95);
  });

  it('keeps each event kind of a template whose lines name an error word', async () => {
    // A package named after errors makes every line of its template an
    // error line: its four states are four events, each kept.
    const kinds = [
      'unpacked',
      'half-installed',
      'half-configured',
      'installed',
    ];
    const lines: string[] = [];
    for (let i = 0; i < 200; i++)
      lines.push(
        `2026-05-09 07:29:${String(i % 60).padStart(2, '0')} status ${kinds[i % 2]} lib${i}:amd64 1.${i % 9}`,
      );
    for (const kind of kinds)
      lines.push(
        `2026-05-09 07:30:00 status ${kind} libgpg-error0:amd64 1.46-1`,
      );
    lines.push('2026-05-09 07:30:01 done');
    const result = await compress(lines.join('\n'), { model: 'gpt-4o' });
    for (const kind of kinds)
      expect(result.compressed).toContain(` status ${kind} libgpg-error0`);
  });

  it('does not split a template on a column as varied as its lines', async () => {
    // Twelve lines whose clock takes twelve values: a variable, not twelve events.
    const lines = Array.from(
      { length: 400 },
      (_, i) =>
        `12:00:${String(i % 12).padStart(2, '0')} worker ${i % 2 ? 'alpha' : 'beta'} finished job ${i} in ${i % 50} ms`,
    );
    const result = await compress(lines.join('\n'), { model: 'gpt-4o' });
    const kept = result.compressed
      .split('\n')
      .filter((line) => line.includes(' finished job '));
    // One line per worker name at most, plus the first and last lines.
    expect(kept.length).toBeLessThanOrEqual(4);
    expect(result.compressed).toContain('worker alpha');
    expect(result.compressed).toContain('worker beta');
  });

  it('compresses JSON-lines logs as logs, whatever the key order, keeping the error', async () => {
    for (let seed = 1; seed <= 6; seed++) {
      const next = random(seed);
      const keys = ['time', 'level', 'msg', 'service', 'latency_ms'];
      const order = keys
        .map((key) => ({ key, rank: next() }))
        .sort((a, b) => a.rank - b.rank)
        .map(({ key }) => key);
      const lines = Array.from({ length: 1500 }, (_, i) => {
        const failed = i === 300 + seed * 11;
        const record: Record<string, unknown> = {
          time: `2026-11-29T12:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}Z`,
          level: failed ? 'error' : 'info',
          msg: failed
            ? `ledger write rejected for account acct-${seed}99`
            : `request served path=/v1/${pick(next, ['a', 'b', 'c'])}`,
          service: pick(next, ['api', 'worker']),
          latency_ms: Math.floor(next() * 400),
        };
        return JSON.stringify(
          Object.fromEntries(order.map((key) => [key, record[key]])),
        );
      });
      const result = await compress(lines.join('\n'), { model: 'gpt-4o' });
      expect(result.contentType, `seed ${seed}`).toBe('log');
      expect(result.compressed).toContain(`acct-${seed}99`);
      expect(result.savingsPercent, `seed ${seed}`).toBeGreaterThanOrEqual(80);
    }
  });
});

describe('weak confident answers', () => {
  it('never hand a diff that saves little to another type', async () => {
    // Context lines that read as a log: the diff saves about 40%, and the
    // line-template compressor would save far more by dropping added lines.
    const lines = [
      'diff --git a/src/worker.ts b/src/worker.ts',
      'index 1111111..2222222 100644',
      '--- a/src/worker.ts',
      '+++ b/src/worker.ts',
      '@@ -1,400 +1,500 @@',
    ];
    for (let i = 0; i < 500; i++) {
      const clock = `2026-11-29 12:${String(i % 60).padStart(2, '0')}`;
      lines.push(
        i % 5 === 0
          ? `+logger.info('${clock}:01 INFO worker ${i % 3} step ${i} done');`
          : ` ${clock}:02 INFO worker ${i % 3} context ${i} ok`,
      );
    }
    const result = await compress(lines.join('\n'), { model: 'gpt-4o' });
    expect(result.contentType).toBe('diff');
    for (const line of lines.filter((text) => /^\+[^+]/.test(text)))
      expect(result.compressed).toContain(line);
  });
});
