import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  freePort,
  type RedisProcess,
  startRedisProcess,
} from './redis-process.ts';

const run = promisify(execFile);

/**
 * One master of a {@link RedisCluster}. `restart()` starts it on the same
 * ports and data directory: it rejoins with its slots and, with
 * `persistent`, every write it acknowledged.
 */
export type RedisClusterNode = RedisProcess;

/** A local Redis Cluster started by {@link startRedisCluster}. */
export interface RedisCluster {
  readonly nodes: readonly RedisClusterNode[];
  /** `redis://127.0.0.1:<port>` of every master: the startup nodes. */
  readonly urls: readonly string[];
  /** The master serving `key`'s slot (`CLUSTER KEYSLOT`, then the slot map). */
  masterOf(key: string): Promise<RedisClusterNode>;
  /** Resolves once every master reports `cluster_state:ok`. */
  waitUntilHealthy(timeoutMs?: number): Promise<void>;
  /** Kills every node and removes their data directories. */
  stop(): Promise<void>;
}

/** Options of {@link startRedisCluster}. */
export interface StartRedisClusterOptions {
  /** Masters (no replicas). @default 3 */
  masters?: number;
  /**
   * Write an append-only file, fsynced on every write, so a killed master
   * restarts with everything it acknowledged. @default false
   */
  persistent?: boolean;
  /** `cluster-node-timeout`: how soon peers mark a silent master failed. @default 2000 */
  nodeTimeoutMs?: number;
}

const redisCli = (port: number, ...args: string[]) =>
  run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], {
    timeout: 10_000,
  });

/**
 * `--cluster create` waits for every node to join, which takes well over
 * 10 s on a loaded 2-core machine (a fresh-clone test run was killed at
 * 10 s mid-join); the suite's own hook allows 120 s.
 */
const CREATE_TIMEOUT_MS = 90_000;

async function clusterState(port: number): Promise<string> {
  try {
    const { stdout } = await redisCli(port, 'CLUSTER', 'INFO');
    return /cluster_state:(\w+)/.exec(stdout)?.[1] ?? 'unknown';
  } catch {
    return 'unreachable';
  }
}

/**
 * Starts `masters` `redis-server --cluster-enabled yes` processes on free
 * loopback ports (each with its own cluster bus port and data directory),
 * joins them with `redis-cli --cluster create … --cluster-replicas 0`, and
 * waits until the cluster serves every slot. Masters are started with
 * `cluster-require-full-coverage no`, so while one is down the others keep
 * serving their slots. Needs `redis-server` and `redis-cli` on the PATH.
 */
export async function startRedisCluster(
  options: StartRedisClusterOptions = {},
): Promise<RedisCluster> {
  const { masters = 3, persistent = false, nodeTimeoutMs = 2000 } = options;
  const directory = mkdtempSync(join(tmpdir(), 'sc-redis-cluster-'));
  const nodes: RedisClusterNode[] = [];
  try {
    for (let index = 0; index < masters; index++) {
      nodes.push(
        await startNode(join(directory, `node-${index}`), {
          persistent,
          nodeTimeoutMs,
        }),
      );
    }
    await run(
      'redis-cli',
      [
        '-h',
        '127.0.0.1',
        '-p',
        String(nodes[0]!.port),
        '--cluster',
        'create',
        ...nodes.map((node) => `127.0.0.1:${node.port}`),
        '--cluster-replicas',
        '0',
        '--cluster-yes',
      ],
      { timeout: CREATE_TIMEOUT_MS },
    );
  } catch (error) {
    await Promise.all(nodes.map((node) => node.stop()));
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  const waitUntilHealthy = async (timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const states = await Promise.all(
        nodes.map((node) => clusterState(node.port)),
      );
      if (states.every((state) => state === 'ok')) return;
      if (Date.now() > deadline) {
        throw new Error(
          `the Redis cluster is not healthy after ${timeoutMs} ms: ${states.join(', ')}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  await waitUntilHealthy();
  const slots = await Promise.all(nodes.map((node) => ownSlots(node.port)));
  return {
    nodes,
    urls: nodes.map((node) => node.url),
    async masterOf(key) {
      const { stdout } = await redisCli(
        nodes[0]!.port,
        'CLUSTER',
        'KEYSLOT',
        key,
      );
      const slot = Number(stdout.trim());
      const owner = slots.findIndex((ranges) =>
        ranges.some(([from, to]) => slot >= from && slot <= to),
      );
      if (owner < 0) throw new Error(`no master serves slot ${slot}`);
      return nodes[owner]!;
    },
    waitUntilHealthy,
    async stop() {
      await Promise.all(nodes.map((node) => node.stop()));
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

// The slot ranges a master serves: the `myself` line of CLUSTER NODES.
async function ownSlots(port: number): Promise<Array<[number, number]>> {
  const { stdout } = await redisCli(port, 'CLUSTER', 'NODES');
  const line = stdout.split('\n').find((row) => row.includes('myself'));
  return (line?.trim().split(' ').slice(8) ?? [])
    .filter((field) => /^\d+(-\d+)?$/.test(field))
    .map((field) => {
      const [from, to = from] = field.split('-').map(Number);
      return [from!, to!];
    });
}

async function startNode(
  directory: string,
  options: { persistent: boolean; nodeTimeoutMs: number },
): Promise<RedisClusterNode> {
  // Two ports each: the client port and the cluster bus, which must not
  // be port + 10000 (above 65535 for high ephemeral ports).
  const port = await freePort();
  const busPort = await freePort();
  mkdirSync(directory, { recursive: true });
  return startRedisProcess(port, [
    '--cluster-enabled',
    'yes',
    '--cluster-port',
    String(busPort),
    '--dir',
    directory,
    '--cluster-config-file',
    'nodes.conf',
    '--cluster-node-timeout',
    String(options.nodeTimeoutMs),
    '--cluster-require-full-coverage',
    'no',
    '--appendonly',
    options.persistent ? 'yes' : 'no',
    '--appendfsync',
    'always',
  ]);
}
