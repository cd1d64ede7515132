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

/** The operations timed, each in its own phase. */
export type RedisScalingOperation = 'put' | 'get' | 'driver.set' | 'driver.get';

const OPERATIONS: readonly RedisScalingOperation[] = [
  'put',
  'get',
  'driver.set',
  'driver.get',
];

/** Operations per second of every operation in one round. */
export type RedisScalingSample = Record<RedisScalingOperation, number>;

/** Throughput of one backend: median operations per second over rounds. */
export interface RedisScalingRow {
  backend: 'one Redis' | '3-shard cluster';
  median: RedisScalingSample;
  rounds: RedisScalingSample[];
}

/** What {@link benchRedisScaling} returns. */
export interface RedisScalingResult {
  rows: RedisScalingRow[];
  /** Cluster throughput divided by one Redis's, measured in the same run. */
  ratio: RedisScalingSample;
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
): Promise<RedisScalingSample> {
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
    const sample = {} as RedisScalingSample;
    for (const operation of OPERATIONS)
      sample[operation] = total / (await timedPhase(children, operation));
    await timedPhase(children, 'clear');
    for (const child of children) child.send('exit');
    return sample;
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
    single: [] as RedisScalingSample[],
    cluster: [] as RedisScalingSample[],
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
  const medians = (rounds: RedisScalingSample[]): RedisScalingSample => {
    const result = {} as RedisScalingSample;
    for (const operation of OPERATIONS)
      result[operation] = median(rounds.map((round) => round[operation]));
    return result;
  };
  const rows: [RedisScalingRow, RedisScalingRow] = [
    {
      backend: 'one Redis',
      median: medians(samples.single),
      rounds: samples.single,
    },
    {
      backend: '3-shard cluster',
      median: medians(samples.cluster),
      rounds: samples.cluster,
    },
  ];
  const ratio = {} as RedisScalingSample;
  for (const operation of OPERATIONS)
    ratio[operation] = rows[1].median[operation] / rows[0].median[operation];
  const { workers, namespaces, operations, concurrency, valueBytes, rounds } =
    resolved;
  const format = (value: number) => Math.round(value).toLocaleString('en-US');
  const markdown = [
    `| Backend | ${OPERATIONS.map((operation) => `${operation} (ops/s)`).join(' | ')} |`,
    `|---|${OPERATIONS.map(() => '---:').join('|')}|`,
    ...rows.map(
      (row) =>
        `| ${row.backend} | ${OPERATIONS.map((operation) => `${format(row.median[operation])} (${row.rounds.map((round) => format(round[operation])).join(', ')})`).join(' | ')} |`,
    ),
    '',
    `Cluster ÷ one Redis, same run: ${OPERATIONS.map((operation) => `${operation} ×${ratio[operation].toFixed(2)}`).join(', ')}.`,
    '',
    `${workers} processes × ${concurrency} operations in flight, ${operations} of each operation per process per round: \`put\`/\`get\` are SharedContext.put and get({ full: true }) with compression bypassed (token counting, encoding, the store), \`driver.set\`/\`driver.get\` the driver's namespace views with a pre-encoded record (the store alone); ${(valueBytes / 1024).toFixed(0)} KiB texts, ${namespaces} namespaces shared out among the processes; private redis-server processes on loopback; ${rounds} alternating rounds per backend, medians (each round in brackets). Machine: ${availableParallelism()} CPUs, shared by the clients and every server, so the ratio says what the cluster gives on this machine, not what separate hosts would.`,
  ].join('\n');
  return { rows, ratio, markdown };
}
