import { type ChildProcess, fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  freePort,
  hasRedisBinaries,
  startRedisCluster,
  startRedisProcess,
} from '@sharedcontext-internal/test-utils/redis';

const WORKER = new URL('../src/redis-scaling-worker.mjs', import.meta.url);

/** Options of {@link benchRedisScaling}. */
export interface RedisScalingBenchOptions {
  /** Worker processes. @default 4 */
  workers?: number;
  /** Namespaces, shared out among the workers. @default 20 */
  namespaces?: number;
  /** Puts (then as many gets) per worker per round. @default 1000 */
  operations?: number;
  /** Operations in flight per worker. @default 16 */
  concurrency?: number;
  /** Size of each stored text in bytes. @default 4096 */
  valueBytes?: number;
  /** Rounds per backend, alternating; medians are reported. @default 3 */
  rounds?: number;
}

/** Throughput of one backend: median operations per second over rounds. */
export interface RedisScalingRow {
  backend: 'one Redis' | '3-shard cluster';
  putsPerSecond: number;
  getsPerSecond: number;
  rounds: Array<{ putsPerSecond: number; getsPerSecond: number }>;
}

/** What {@link benchRedisScaling} returns. */
export interface RedisScalingResult {
  rows: RedisScalingRow[];
  /** Cluster throughput divided by one Redis's, measured in the same run. */
  ratio: { put: number; get: number };
  markdown: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? sorted[middle]!
    : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

// Sends `phase` to every worker at once; resolves with the seconds until
// the last one reports it done.
async function timedPhase(
  children: ChildProcess[],
  phase: string,
): Promise<number> {
  const done = children.map(
    (child) =>
      new Promise<void>((resolve, reject) => {
        const onMessage = (message: { type: string; phase?: string }) => {
          if (message.type !== 'done' || message.phase !== phase) return;
          child.off('message', onMessage);
          child.off('exit', onExit);
          resolve();
        };
        const onExit = (code: number | null) =>
          reject(
            new Error(`a bench worker exited with ${code} during ${phase}`),
          );
        child.on('message', onMessage);
        child.once('exit', onExit);
      }),
  );
  const started = performance.now();
  for (const child of children) child.send(phase);
  await Promise.all(done);
  return (performance.now() - started) / 1000;
}

async function measureRound(
  driverOptions: Record<string, unknown>,
  options: Required<RedisScalingBenchOptions>,
  round: number,
): Promise<{ putsPerSecond: number; getsPerSecond: number }> {
  const { workers, namespaces, operations, concurrency, valueBytes } = options;
  const line = 'bench line: ASCII, Ünïcödé, 中文 and numbers 0123456789\n';
  const text = line.repeat(Math.ceil(valueBytes / Buffer.byteLength(line)));
  const prefix = `sc-scaling:${process.pid}:${round}:`;
  const children = Array.from({ length: workers }, (_, workerId) =>
    fork(
      WORKER,
      [
        JSON.stringify({
          workerId,
          driverOptions: { ...driverOptions, prefix },
          namespaces: Array.from(
            { length: namespaces },
            (_, index) => `ns-${index}`,
          ).filter((_, index) => index % workers === workerId),
          operations,
          concurrency,
          text,
        }),
      ],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] },
    ),
  );
  try {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve, reject) => {
            child.once('exit', (code) =>
              reject(new Error(`a bench worker exited with ${code}`)),
            );
            child.on('message', (message: { type: string }) => {
              if (message.type === 'ready') resolve();
            });
          }),
      ),
    );
    const total = workers * operations;
    const putSeconds = await timedPhase(children, 'put');
    const getSeconds = await timedPhase(children, 'get');
    await timedPhase(children, 'clear');
    for (const child of children) child.send('exit');
    return {
      putsPerSecond: total / putSeconds,
      getsPerSecond: total / getSeconds,
    };
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill();
  }
}

/**
 * Put/get throughput from `workers` processes through
 * `@sharedcontext/store-redis`, on one private redis-server and on a
 * private 3-master Redis Cluster, alternating rounds in the same run, and
 * the cluster's throughput as a ratio of one Redis's. Each worker writes
 * to its share of `namespaces` (one hash slot each, so on the cluster they
 * spread over the masters). Needs `redis-server` and `redis-cli` on the
 * PATH and the packages built.
 */
export async function benchRedisScaling(
  options: RedisScalingBenchOptions = {},
): Promise<RedisScalingResult> {
  const resolved: Required<RedisScalingBenchOptions> = {
    workers: 4,
    namespaces: 20,
    operations: 1000,
    concurrency: 16,
    valueBytes: 4096,
    rounds: 3,
    ...options,
  };
  if (!hasRedisBinaries())
    throw new Error('redis-server and redis-cli are not on the PATH');
  const single = await startRedisProcess(await freePort());
  const cluster = await startRedisCluster();
  const samples = {
    single: [] as Array<{ putsPerSecond: number; getsPerSecond: number }>,
    cluster: [] as Array<{ putsPerSecond: number; getsPerSecond: number }>,
  };
  try {
    for (let round = 0; round < resolved.rounds; round++) {
      samples.single.push(
        await measureRound({ url: single.url }, resolved, round),
      );
      samples.cluster.push(
        await measureRound({ cluster: cluster.urls }, resolved, round),
      );
    }
  } finally {
    await single.stop();
    await cluster.stop();
  }
  const row = (
    backend: RedisScalingRow['backend'],
    rounds: RedisScalingRow['rounds'],
  ): RedisScalingRow => ({
    backend,
    putsPerSecond: median(rounds.map((round) => round.putsPerSecond)),
    getsPerSecond: median(rounds.map((round) => round.getsPerSecond)),
    rounds,
  });
  const rows = [
    row('one Redis', samples.single),
    row('3-shard cluster', samples.cluster),
  ];
  const [one, three] = rows as [RedisScalingRow, RedisScalingRow];
  const ratio = {
    put: three.putsPerSecond / one.putsPerSecond,
    get: three.getsPerSecond / one.getsPerSecond,
  };
  const { workers, namespaces, operations, concurrency, valueBytes, rounds } =
    resolved;
  const format = (value: number) => Math.round(value).toLocaleString('en-US');
  const markdown = [
    '| Backend | put (ops/s) | get (ops/s) | rounds (put / get ops/s) |',
    '|---|---:|---:|---|',
    ...rows.map(
      (current) =>
        `| ${current.backend} | ${format(current.putsPerSecond)} | ${format(current.getsPerSecond)} | ${current.rounds.map((sample) => `${format(sample.putsPerSecond)} / ${format(sample.getsPerSecond)}`).join(', ')} |`,
    ),
    '',
    `Cluster ÷ one Redis, same run: put ×${ratio.put.toFixed(2)}, get ×${ratio.get.toFixed(2)}.`,
    '',
    `${workers} processes × ${concurrency} operations in flight, ${operations} puts then ${operations} gets (\`{ full: true }\`) per process per round, ${(valueBytes / 1024).toFixed(0)} KiB texts, compression bypassed, ${namespaces} namespaces shared out among the processes; private redis-server processes on loopback, ${rounds} alternating rounds each, medians. Machine: ${availableParallelism()} CPUs, shared by the clients and every server, so the ratio says how much the cluster adds on this machine, not what separate hosts would give.`,
  ].join('\n');
  return { rows, ratio, markdown };
}
