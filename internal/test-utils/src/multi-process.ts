import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SharedContext } from '@sharedcontext/core';
import { expect } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const WORKER = join(here, 'store-worker.mjs');
const CORE_DIST = resolve(here, '../../../packages/core/dist/index.js');

/** Options of {@link runStoreWorkers}. */
export interface RunStoreWorkersOptions {
  /** Absolute path of the driver package's built entry (`dist/index.js`). */
  driverModule: string;
  /** The factory exported by it: 'sqliteDriver', 'redisDriver'. */
  factory: string;
  /** JSON options passed to the factory in every worker. */
  driverOptions: Record<string, unknown>;
  /** SharedContext's maxEntries in every worker. */
  maxEntries: number;
  /** Worker processes. @default 4 */
  workers?: number;
  /** Concurrent puts (each followed by gets) per worker. @default 100 */
  puts?: number;
  /**
   * Spread each worker's puts over this many namespaces (`ns-0`, …) of
   * the driver (`withNamespace`), reusing key names in each. @default 0 (none)
   */
  namespaces?: number;
}

/** One put as a worker saw it. */
export interface WorkerEntry {
  key: string;
  /** The namespace it was put into, when workers used namespaces. */
  namespace?: string;
  sha256: string;
  length: number;
  originalTokens: number;
  compressedTokens: number;
  writtenAt: number;
}

/** What one worker reports when done. */
export interface WorkerReport {
  workerId: number;
  /** Reads of its own key that returned a different text (must be 0). */
  mismatches: number;
  entries: WorkerEntry[];
}

/**
 * Forks `workers` Node processes that each put `puts` entries concurrently
 * into one shared store (and read them back), started together on a
 * signal. Workers are plain JavaScript importing the built `dist` of core
 * and the driver: run `pnpm exec tsc -b` first (CI builds before testing).
 */
export async function runStoreWorkers(
  options: RunStoreWorkersOptions,
): Promise<WorkerReport[]> {
  const {
    driverModule,
    factory,
    driverOptions,
    maxEntries,
    workers = 4,
    puts = 100,
    namespaces = 0,
  } = options;
  for (const [what, path] of [
    ['@sharedcontext/core', CORE_DIST],
    ['the driver', driverModule],
  ] as const) {
    if (!existsSync(path)) {
      throw new Error(
        `The multi-process test runs the built packages, but ${what} is not built (${path} is missing). Run \`pnpm exec tsc -b\` first.`,
      );
    }
  }
  const children = Array.from({ length: workers }, (_, workerId) =>
    fork(
      WORKER,
      [
        JSON.stringify({
          workerId,
          puts,
          maxEntries,
          driverModule,
          factory,
          driverOptions,
          namespaces,
        }),
      ],
      {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        // Plain Node: not vitest's flags (its source condition points at .ts).
        execArgv: [],
        env: { ...process.env, NODE_OPTIONS: '' },
      },
    ),
  );
  const ready = children.map(
    (child) =>
      new Promise<void>((resolveReady, reject) => {
        child.once('exit', (code) =>
          reject(new Error(`worker exited with ${code} before it was ready`)),
        );
        child.on('message', (message: { type: string }) => {
          if (message.type === 'ready') resolveReady();
        });
      }),
  );
  const done = children.map(
    (child) =>
      new Promise<WorkerReport>((resolveDone, reject) => {
        let report: WorkerReport | undefined;
        child.on(
          'message',
          (message: { type: string; report?: WorkerReport }) => {
            if (message.type === 'done') report = message.report;
          },
        );
        child.once('exit', (code) => {
          if (report && code === 0) resolveDone(report);
          else reject(new Error(`worker exited with ${code} without a report`));
        });
      }),
  );
  for (const promise of done) promise.catch(() => {});
  try {
    await Promise.all(ready);
    for (const child of children) child.send('go');
    return await Promise.all(done);
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
  }
}

/**
 * Checks a shared store after {@link runStoreWorkers}: no worker read a
 * wrong text; exactly `min(total, maxEntries)` entries, each once, each
 * byte for byte what its worker wrote; stats equal the sum over them; and
 * eviction kept the newest: for each worker, every entry written after one
 * that survived survived too, and an entry of the newest millisecond is there.
 */
export async function expectStoreAfterWorkers(
  ctx: SharedContext,
  reports: WorkerReport[],
  maxEntries: number,
): Promise<void> {
  const written = new Map<string, WorkerEntry>();
  for (const report of reports) {
    expect(report.mismatches).toBe(0);
    for (const entry of report.entries) written.set(entry.key, entry);
  }
  const keys = await ctx.keys();
  expect(new Set(keys).size).toBe(keys.length);
  expect(keys.length).toBe(Math.min(written.size, maxEntries));
  let originalTokens = 0;
  let compressedTokens = 0;
  for (const key of keys) {
    const expected = written.get(key);
    expect(expected).toBeDefined();
    const original = await ctx.get(key, { full: true });
    expect(original?.length).toBe(expected?.length);
    expect(
      createHash('sha256')
        .update(original ?? '', 'utf8')
        .digest('hex'),
    ).toBe(expected?.sha256);
    originalTokens += expected?.originalTokens ?? 0;
    compressedTokens += expected?.compressedTokens ?? 0;
  }
  const stats = await ctx.stats();
  expect(stats.entries).toBe(keys.length);
  expect(stats.unreadable).toBe(0);
  expect(stats.totalOriginalTokens).toBe(originalTokens);
  expect(stats.totalCompressedTokens).toBe(compressedTokens);
  const present = new Set(keys);
  for (const report of reports) {
    const survivors = report.entries.filter((entry) => present.has(entry.key));
    expect(stats.agents[`worker-${report.workerId}`]?.entries ?? 0).toBe(
      survivors.length,
    );
    const oldestSurvivor = Math.min(
      ...survivors.map((entry) => entry.writtenAt),
    );
    const lostNewer = report.entries.filter(
      (entry) => !present.has(entry.key) && entry.writtenAt > oldestSurvivor,
    );
    expect(lostNewer).toEqual([]);
  }
  // The newest write survives; several may share its millisecond, and
  // eviction keeps only some of a tie when they exceed maxEntries.
  const newestAt = Math.max(
    ...[...written.values()].map((entry) => entry.writtenAt),
  );
  expect(
    [...written.values()].some(
      (entry) => entry.writtenAt === newestAt && present.has(entry.key),
    ),
  ).toBe(true);
}

/**
 * {@link expectStoreAfterWorkers} for each namespace the workers wrote
 * (`runStoreWorkers({ namespaces })`), through `contextOf(namespace)`:
 * each holds at most `maxEntries`, exactly the newest of what was put
 * into it, byte for byte. Since every namespace reuses the same key names
 * with its own texts, an entry that crossed namespaces fails the check.
 * Returns the namespaces checked.
 */
export async function expectNamespacesAfterWorkers(
  contextOf: (namespace: string) => SharedContext,
  reports: WorkerReport[],
  maxEntries: number,
): Promise<string[]> {
  const namespaces = new Set<string>();
  for (const report of reports) {
    for (const entry of report.entries) {
      if (entry.namespace === undefined)
        throw new Error(`entry ${entry.key} was not put into a namespace`);
      namespaces.add(entry.namespace);
    }
  }
  for (const namespace of namespaces) {
    const own = reports.map((report) => ({
      ...report,
      entries: report.entries.filter((entry) => entry.namespace === namespace),
    }));
    await expectStoreAfterWorkers(contextOf(namespace), own, maxEntries);
  }
  return [...namespaces];
}
