import type {
  StoreDriver,
  StoredMeta,
  StoredRecord,
  StoreOperation,
} from '@sharedcontext/core';
import type { Redis } from 'ioredis';
import { createConnection, type RedisConnection } from './redis-connection.ts';
import { redisCorrupt, toRedisError } from './redis-errors.ts';
import {
  DELETE_SCRIPT,
  REDIS_LAYOUT_VERSION,
  type RedisScript,
  SEQUENCE_DIGITS,
  SET_SCRIPT,
} from './redis-scripts.ts';
import { validateRedisOptions } from './validate-options.ts';

/** Options of {@link redisDriver}. */
export interface RedisDriverOptions {
  /**
   * Where Redis is (`redis://`, `rediss://`, with user, password and db
   * number). Ignored when `client` is given.
   * @default 'redis://127.0.0.1:6379'
   */
  url?: string;
  /**
   * An ioredis client to use instead of opening one from `url`. The driver
   * connects it if needed but never closes it, and leaves its options
   * alone: give it `commandTimeout` and `enableOfflineQueue: false` for the
   * bounded failures described in the docs.
   */
  client?: Redis;
  /**
   * Namespace of every key this driver writes (per app, tenant or run).
   * `clear()` removes exactly the keys under it.
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
 * A SharedContext store in Redis, for agents on many processes or hosts.
 * Each entry is one hash written atomically with its place in a sorted-set
 * index by a Lua script, which also enforces `maxEntries` across every
 * process sharing the prefix. Redis expires entries itself (PEXPIREAT).
 * Connects on first use; an unreachable server gives `StoreDriverError`
 * within the timeouts, and work resumes when it returns.
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
    client,
    prefix = 'sharedcontext:',
    commandTimeoutMs = 10_000,
    connectTimeoutMs = 5_000,
    batchSize = 1000,
  } = validateRedisOptions(options);
  const connection: RedisConnection = createConnection({
    url,
    ...(client === undefined ? {} : { client }),
    commandTimeoutMs,
    connectTimeoutMs,
  });
  const names = {
    index: `${prefix}index`,
    expiry: `${prefix}expiry`,
    sequence: `${prefix}seq`,
    entryPrefix: `${prefix}entry:`,
  };
  const entryKey = (key: string) => `${names.entryPrefix}${key}`;

  const run = async <T>(
    operation: StoreOperation,
    key: string | undefined,
    body: (redis: Redis) => Promise<T>,
  ): Promise<T> => {
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
        const fields = await redis.hgetall(entryKey(key));
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
    set: (key, record, { maxEntries } = {}) =>
      run('set', key, async (redis) => {
        const evicted = await evalScript(
          redis,
          SET_SCRIPT,
          [names.index, names.expiry, names.sequence, entryKey(key)],
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
      }),
    delete: (key) =>
      run('delete', key, async (redis) => {
        const deleted = await evalScript(
          redis,
          DELETE_SCRIPT,
          [names.index, names.expiry, entryKey(key)],
          [],
        );
        return deleted === 1;
      }),
    list: () =>
      run('list', undefined, (redis) => listMetas(redis, names, batchSize)),
    clear: () =>
      run('clear', undefined, async (redis) => {
        const pattern = `${escapeGlob(prefix)}*`;
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(
            cursor,
            'MATCH',
            pattern,
            'COUNT',
            batchSize,
          );
          if (keys.length > 0) await redis.unlink(...keys);
          cursor = next;
        } while (cursor !== '0');
      }),
    async dispose() {
      try {
        await connection.close();
      } catch (error) {
        throw toRedisError('dispose', error);
      }
    },
  };
}

interface KeyNames {
  index: string;
  expiry: string;
  entryPrefix: string;
}

/**
 * Pages through the index by score (so entries present throughout are
 * never skipped while others are added or evicted), reads each page's
 * headers in one pipeline, and drops index members whose hash has expired.
 */
async function listMetas(
  redis: Redis,
  names: KeyNames,
  batchSize: number,
): Promise<StoredMeta[]> {
  const metas: StoredMeta[] = [];
  let after: { score: number; member: string } | undefined;
  let limit = batchSize;
  for (;;) {
    const flat = await redis.zrangebyscore(
      names.index,
      after === undefined ? '-inf' : after.score,
      '+inf',
      'WITHSCORES',
      'LIMIT',
      0,
      limit,
    );
    const page: Array<{ member: string; score: number }> = [];
    for (let index = 0; index < flat.length; index += 2) {
      const member = flat[index]!;
      const score = Number(flat[index + 1]);
      if (after && score === after.score && member <= after.member) continue;
      page.push({ member, score });
    }
    const full = flat.length / 2 === limit;
    if (page.length === 0) {
      if (!full) break;
      limit *= 2; // more members share one score than fit in a page
      continue;
    }
    limit = batchSize;
    const pipeline = redis.pipeline();
    for (const { member } of page) {
      pipeline.hmget(
        `${names.entryPrefix}${member.slice(SEQUENCE_DIGITS + 1)}`,
        'v',
        'meta',
        'expiresAt',
        'member',
      );
    }
    const replies = (await pipeline.exec()) ?? [];
    const stale: string[] = [];
    page.forEach(({ member, score }, position) => {
      const key = member.slice(SEQUENCE_DIGITS + 1);
      const [error, fields] = replies[position] ?? [new Error('no reply')];
      if (error) {
        // A foreign value under the entry's name: listed with an empty
        // header, so core counts it as unreadable and getEntry names it.
        metas.push({ key, meta: '', writtenAt: score });
        return;
      }
      const [version, meta, expiresAt, owner] = fields as [
        string | null,
        string | null,
        string | null,
        string | null,
      ];
      if (version === null && meta === null) {
        stale.push(member); // expired or deleted since the index was read
        return;
      }
      if (owner !== null && owner !== member) {
        stale.push(member); // rewritten; its new member comes later
        return;
      }
      const ours = version === REDIS_LAYOUT_VERSION && meta !== null;
      metas.push({
        key,
        meta: ours ? meta : '',
        writtenAt: score,
        ...(expiresAt === null ? {} : { expiresAt: Number(expiresAt) }),
      });
    });
    if (stale.length > 0) {
      await redis
        .pipeline()
        .zrem(names.index, ...stale)
        .zrem(names.expiry, ...stale)
        .exec();
    }
    const last = page[page.length - 1]!;
    after = { score: last.score, member: last.member };
    if (!full) break;
  }
  return metas;
}

async function evalScript(
  redis: Redis,
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

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (char) => `\\${char}`);
}
