import type {
  StoreDriver,
  StoredRecord,
  StoreOperation,
} from '@sharedcontext/core';
import type { Cluster, Redis } from 'ioredis';
import {
  createConnection,
  type RedisClient,
  type RedisConnection,
} from './redis-connection.ts';
import { redisCorrupt, toRedisError } from './redis-errors.ts';
import { escapeGlob, redisKeyNames } from './redis-keys.ts';
import { listMetas } from './redis-list.ts';
import { checkRecord, checkWellFormed } from './redis-records.ts';
import {
  CLEAR_SCRIPT,
  DELETE_SCRIPT,
  REDIS_LAYOUT_VERSION,
  type RedisScript,
  SET_SCRIPT,
} from './redis-scripts.ts';
import { validateRedisOptions } from './validate-options.ts';

/** Options of {@link redisDriver}. */
export interface RedisDriverOptions {
  /**
   * Where Redis is (`redis://`, `rediss://`, with user, password and db
   * number). Ignored when `client` or `cluster` is given.
   * @default 'redis://127.0.0.1:6379'
   */
  url?: string;
  /**
   * Startup nodes of a Redis Cluster (`redis://host:port` or `rediss://`,
   * the same user and password on each): the driver connects through
   * ioredis `Cluster` and finds the other nodes itself. Not with `url`.
   */
  cluster?: readonly string[];
  /**
   * An ioredis `Redis` or `Cluster` client to use instead of opening one.
   * The driver connects it if needed but never closes it, and leaves its
   * options alone: give it `commandTimeout` and `enableOfflineQueue: false`
   * for the bounded failures described in the docs.
   */
  client?: Redis | Cluster;
  /**
   * Start of every key this driver writes (per app or deployment); no `{`
   * or `}`, which the driver uses for its hash tags. `clear()` removes
   * exactly the keys of one namespace under it.
   * @default 'sharedcontext:'
   */
  prefix?: string;
  /** A command not answered within this many milliseconds fails. @default 10000 */
  commandTimeoutMs?: number;
  /** Connecting gives up after this many milliseconds. @default 5000 */
  connectTimeoutMs?: number;
  /** Index members and keys read per round trip by `list()` and `clear()`. @default 1000 */
  batchSize?: number;
}

/**
 * A SharedContext store in Redis or Redis Cluster, for agents on many
 * processes or hosts. Each entry is one hash written atomically with its
 * place in a sorted-set index by a Lua script, which also enforces
 * `maxEntries` across every process sharing the namespace. All keys of a
 * namespace share one hash tag, so each script runs in one cluster slot.
 * Redis expires entries itself (PEXPIREAT). Connects on first use; an
 * unreachable server gives `StoreDriverError` within the timeouts, a write
 * whose answer was lost gives `StoreOutcomeUnknownError`, and work
 * resumes when Redis returns.
 *
 * @example
 * import { SharedContext } from '@sharedcontext/core';
 * import { redisDriver } from '@sharedcontext/store-redis';
 *
 * const ctx = new SharedContext({
 *   store: redisDriver({ url: process.env.REDIS_URL, prefix: 'my-app:' }),
 * });
 */
export function redisDriver(options: RedisDriverOptions = {}): StoreDriver {
  const {
    url = 'redis://127.0.0.1:6379',
    cluster,
    client,
    prefix = 'sharedcontext:',
    commandTimeoutMs = 10_000,
    connectTimeoutMs = 5_000,
    batchSize = 1000,
  } = validateRedisOptions(options);
  const connection = createConnection({
    url,
    ...(cluster === undefined ? {} : { cluster }),
    ...(client === undefined ? {} : { client }),
    commandTimeoutMs,
    connectTimeoutMs,
  });
  return redisView({ connection, prefix, batchSize }, []);
}

interface Shared {
  connection: RedisConnection;
  prefix: string;
  batchSize: number;
}

// One namespace (path [] is the driver itself); views share the connection.
function redisView(shared: Shared, path: readonly string[]): StoreDriver {
  const { connection, prefix, batchSize } = shared;
  const names = redisKeyNames(prefix, path);

  const run = async <T>(
    operation: StoreOperation,
    key: string | undefined,
    body: (redis: RedisClient) => Promise<T>,
  ): Promise<T> => {
    if (key !== undefined) checkWellFormed(key, 'key');
    try {
      return await body(await connection.ready(operation));
    } catch (error) {
      throw toRedisError(operation, error, key);
    }
  };

  return {
    specificationVersion: 'v1',
    name: 'redis',
    flags: { nativeTtl: true, sharedAcrossProcesses: true },
    get: (key) =>
      run('get', key, async (redis) => {
        // HGETALL, not HMGET: it tells a missing key from a foreign hash.
        const fields = await redis.hgetall(names.entry(key));
        if (Object.keys(fields).length === 0) return undefined;
        const { v: version, meta, value, writtenAt, expiresAt } = fields;
        if (
          version !== REDIS_LAYOUT_VERSION ||
          meta === undefined ||
          value === undefined ||
          writtenAt === undefined
        ) {
          throw redisCorrupt(
            key,
            `a hash without layout version ${REDIS_LAYOUT_VERSION} and its fields`,
          );
        }
        const record: StoredRecord = {
          meta,
          value,
          writtenAt: Number(writtenAt),
        };
        if (expiresAt !== undefined) record.expiresAt = Number(expiresAt);
        return record;
      }),
    set: async (key, record, setOptions = {}) => {
      // Checked before anything is sent: a rejected write writes nothing.
      checkWellFormed(key, 'key');
      const { maxEntries } = checkRecord(record, setOptions);
      return run('set', key, async (redis) => {
        const evicted = await evalScript(
          redis,
          SET_SCRIPT,
          [names.index, names.expiry, names.sequence, names.entry(key)],
          [
            names.entryPrefix,
            key,
            record.meta,
            record.value,
            String(record.writtenAt),
            record.expiresAt === undefined ? '' : String(record.expiresAt),
            maxEntries === undefined ? '' : String(maxEntries),
            REDIS_LAYOUT_VERSION,
          ],
        );
        return { evicted: evicted as string[] };
      });
    },
    delete: (key) =>
      run('delete', key, async (redis) => {
        const deleted = await evalScript(
          redis,
          DELETE_SCRIPT,
          [names.index, names.expiry, names.entry(key)],
          [],
        );
        return deleted === 1;
      }),
    list: () =>
      run('list', undefined, (redis) => listMetas(redis, names, batchSize)),
    clear: () =>
      run('clear', undefined, async (redis) => {
        // Routed by the index key to the one server holding the namespace.
        const pattern = `${escapeGlob(names.base)}*`;
        let cursor = '0';
        do {
          cursor = String(
            await evalScript(
              redis,
              CLEAR_SCRIPT,
              [names.index],
              [cursor, pattern, String(batchSize)],
            ),
          );
        } while (cursor !== '0');
      }),
    withNamespace(namespace) {
      checkWellFormed(namespace, 'namespace');
      return redisView(shared, [...path, namespace]);
    },
    async dispose() {
      try {
        await connection.close();
      } catch (error) {
        throw toRedisError('dispose', error);
      }
    },
  };
}

async function evalScript(
  redis: RedisClient,
  script: RedisScript,
  keys: string[],
  args: string[],
): Promise<unknown> {
  try {
    return await redis.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT'))
      throw error;
    return redis.eval(script.source, keys.length, ...keys, ...args);
  }
}
