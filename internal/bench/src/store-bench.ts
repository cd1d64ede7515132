import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  memoryDriver,
  SharedContext,
  type StoreDriver,
} from '@sharedcontext/core';
import { redisDriver } from '@sharedcontext/store-redis';
import { sqliteDriver } from '@sharedcontext/store-sqlite';

/** Options of {@link benchStores}. */
export interface StoreBenchOptions {
  /** Puts (then gets) per driver, each under its own key. @default 500 */
  iterations?: number;
  /** Size of each stored original in bytes. @default 16384 */
  valueBytes?: number;
  /** Untimed puts/gets before measuring. @default 50 */
  warmup?: number;
  /** Redis to measure; skipped when unset. @default process.env.REDIS_URL */
  redisUrl?: string | undefined;
}

/** What a row timed. */
export type StoreBenchOperation = 'put' | 'get' | 'driver.set' | 'driver.get';

/** One measured operation of one driver. */
export interface StoreBenchRow {
  driver: string;
  /** `put`/`get`: through SharedContext; `driver.set`/`driver.get`: the bare driver. */
  operation: StoreBenchOperation;
  iterations: number;
  valueBytes: number;
  medianMs: number;
  p95Ms: number;
  /** Sequential operations per second (one caller, awaited one by one). */
  opsPerSecond: number;
}

/** What {@link benchStores} returns. */
export interface StoreBenchResult {
  rows: StoreBenchRow[];
  /** The rows as a Markdown table, with a line on what was measured. */
  markdown: string;
  /** Drivers not measured, with why (e.g. redis without REDIS_URL). */
  skipped: string[];
}

function percentile(sorted: number[], fraction: number): number {
  const index = Math.min(
    sorted.length - 1,
    Math.ceil(fraction * sorted.length) - 1,
  );
  return sorted[Math.max(0, index)] ?? 0;
}

function summarize(
  driver: string,
  operation: StoreBenchOperation,
  samples: number[],
  totalMs: number,
  valueBytes: number,
): StoreBenchRow {
  const sorted = [...samples].sort((left, right) => left - right);
  return {
    driver,
    operation,
    iterations: samples.length,
    valueBytes,
    medianMs: percentile(sorted, 0.5),
    p95Ms: percentile(sorted, 0.95),
    opsPerSecond: totalMs > 0 ? (samples.length * 1000) / totalMs : 0,
  };
}

function benchText(bytes: number): string {
  const line =
    'bench line: ASCII, Ünïcödé, 中文, emoji 🧠 and numbers 0123456789\n';
  return line.repeat(
    Math.max(1, Math.ceil(bytes / Buffer.byteLength(line, 'utf8'))),
  );
}

async function measure(
  label: string,
  store: StoreDriver,
  iterations: number,
  warmup: number,
  valueBytes: number,
): Promise<StoreBenchRow[]> {
  // minTokens above any value: nothing is compressed, so the numbers are
  // the store's (encoding, round trip, decoding), not the compressors'.
  const ctx = new SharedContext({
    store,
    maxEntries: iterations + warmup + 1,
    minTokens: Number.MAX_SAFE_INTEGER,
  });
  const text = benchText(valueBytes);
  try {
    await ctx.clear();
    for (let index = 0; index < warmup; index++) {
      await ctx.put(`warmup-${index}`, text);
      await ctx.get(`warmup-${index}`, { full: true });
    }
    const rows: StoreBenchRow[] = [];
    for (const operation of ['put', 'get'] as const) {
      const samples: number[] = [];
      const started = performance.now();
      for (let index = 0; index < iterations; index++) {
        const key = `bench-${index}`;
        const before = performance.now();
        if (operation === 'put') {
          await ctx.put(key, text);
        } else if ((await ctx.get(key, { full: true })) === null) {
          throw new Error(`${label}: ${key} was not stored`);
        }
        samples.push(performance.now() - before);
      }
      rows.push(
        summarize(
          label,
          operation,
          samples,
          performance.now() - started,
          Buffer.byteLength(text, 'utf8'),
        ),
      );
    }
    await ctx.clear();
    // The bare driver with a pre-encoded record: the store's own cost.
    const record = {
      meta: JSON.stringify({ v: 1, bench: true }),
      value: JSON.stringify({ v: 1, original: text }),
      writtenAt: Date.now(),
    };
    for (const operation of ['driver.set', 'driver.get'] as const) {
      const samples: number[] = [];
      const started = performance.now();
      for (let index = 0; index < iterations; index++) {
        const before = performance.now();
        if (operation === 'driver.set') {
          await store.set(
            `raw-${index}`,
            { ...record, writtenAt: record.writtenAt + index },
            { maxEntries: iterations + 1 },
          );
        } else if ((await store.get(`raw-${index}`)) === undefined) {
          throw new Error(`${label}: raw-${index} was not stored`);
        }
        samples.push(performance.now() - before);
      }
      rows.push(
        summarize(
          label,
          operation,
          samples,
          performance.now() - started,
          Buffer.byteLength(record.value, 'utf8'),
        ),
      );
    }
    await store.clear();
    return rows;
  } finally {
    await ctx.dispose();
  }
}

function toMarkdown(rows: StoreBenchRow[], skipped: string[]): string {
  const lines = [
    '| Driver | Operation | Value size | Median (ms) | p95 (ms) | Throughput (ops/s) |',
    '|---|---|---:|---:|---:|---:|',
    ...rows.map(
      (row) =>
        `| ${row.driver} | ${row.operation} | ${(row.valueBytes / 1024).toFixed(1)} KiB | ${row.medianMs.toFixed(3)} | ${row.p95Ms.toFixed(3)} | ${Math.round(row.opsPerSecond).toLocaleString('en-US')} |`,
    ),
    '',
    `put / get: SharedContext.put and get({ full: true }) with compression bypassed (token counting, encoding and the store). driver.set / driver.get: the bare driver with a pre-encoded record. ${rows[0]?.iterations ?? 0} sequential operations per row, one caller.`,
  ];
  for (const reason of skipped) lines.push(`Skipped: ${reason}.`);
  return lines.join('\n');
}

/**
 * Measures put and get latency (median, p95) and sequential throughput of
 * each store driver: memory, SQLite on a temporary file, and Redis when
 * `redisUrl` (or `REDIS_URL`) is set.
 *
 * @example
 * const { markdown } = await benchStores({ iterations: 1000 });
 * console.log(markdown);
 */
export async function benchStores(
  options: StoreBenchOptions = {},
): Promise<StoreBenchResult> {
  const {
    iterations = 500,
    valueBytes = 16_384,
    warmup = 50,
    redisUrl = process.env.REDIS_URL || undefined,
  } = options;
  const rows: StoreBenchRow[] = [];
  const skipped: string[] = [];
  rows.push(
    ...(await measure(
      'memory',
      memoryDriver(),
      iterations,
      warmup,
      valueBytes,
    )),
  );
  const directory = mkdtempSync(join(tmpdir(), 'sc-store-bench-'));
  try {
    rows.push(
      ...(await measure(
        'sqlite (file, WAL)',
        sqliteDriver({ filename: join(directory, 'bench.db') }),
        iterations,
        warmup,
        valueBytes,
      )),
    );
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  if (redisUrl) {
    const prefix = `sc-bench:${process.pid}:${Date.now().toString(36)}:`;
    rows.push(
      ...(await measure(
        'redis',
        redisDriver({ url: redisUrl, prefix }),
        iterations,
        warmup,
        valueBytes,
      )),
    );
  } else {
    skipped.push('redis (REDIS_URL is not set)');
  }
  return { rows, markdown: toMarkdown(rows, skipped), skipped };
}
