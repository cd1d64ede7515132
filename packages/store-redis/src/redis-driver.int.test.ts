import {
  InvalidArgumentError,
  SharedContext,
  StoreDriverError,
} from '@sharedcontext/core';
import {
  describeRedis,
  describeStoreDriver,
  lineDropCompressor,
  storeTestText,
  uniqueRedisPrefix,
} from '@sharedcontext-internal/test-utils';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisDriver } from './redis-driver.ts';
import { redisKeyNames } from './redis-keys.ts';

describeRedis('redisDriver against REDIS_URL', (url) => {
  let admin: Redis;
  beforeAll(() => {
    admin = new Redis(url);
  });
  afterAll(async () => {
    await admin.quit();
  });

  describeStoreDriver({
    name: 'redis',
    // A 50 MiB write on a loaded 2-core machine can outlast the default
    // 10 s command timeout; the suite is about behaviour, not speed.
    create: () =>
      redisDriver({
        url,
        prefix: uniqueRedisPrefix('conformance'),
        commandTimeoutMs: 120_000,
      }),
  });

  describe('redisDriver', () => {
    it('stores each entry as one hash with a layout version, indexed by write time', async () => {
      const prefix = uniqueRedisPrefix('layout');
      const driver = redisDriver({ url, prefix });
      const ctx = new SharedContext({
        store: driver,
        compressors: [lineDropCompressor()],
        minTokens: 0,
      });
      const entry = await ctx.put('doc', storeTestText('doc'));
      const names = redisKeyNames(prefix, []);
      expect(names.entry('doc')).toBe(`${prefix}{/}:entry:doc`);
      const hash = await admin.hgetall(names.entry('doc'));
      expect(hash.v).toBe('2');
      expect(JSON.parse(hash.meta ?? '')).toMatchObject({
        v: 1,
        originalTokens: entry.originalTokens,
      });
      expect(Number(hash.writtenAt)).toBe(entry.timestamp * 1000);
      expect(Number(hash.expiresAt)).toBe(entry.expiresAt * 1000);
      expect(await admin.zscore(names.index, hash.member ?? '')).toBe(
        String(entry.timestamp * 1000),
      );
      const ttl = await admin.pttl(names.entry('doc'));
      expect(ttl).toBeGreaterThan(3_500_000);
      await ctx.clear();
      await ctx.dispose();
    });

    it('lets Redis expire entries and removes their index members lazily', async () => {
      const prefix = uniqueRedisPrefix('expiry');
      const driver = redisDriver({ url, prefix });
      const now = Date.now();
      await driver.set('short', {
        meta: 'm',
        value: 'v',
        writtenAt: now,
        expiresAt: now + 100,
      });
      await driver.set('long', {
        meta: 'm',
        value: 'v',
        writtenAt: now + 1,
        expiresAt: now + 600_000,
      });
      await new Promise((resolve) => setTimeout(resolve, 250));
      const names = redisKeyNames(prefix, []);
      expect(await admin.exists(names.entry('short'))).toBe(0);
      expect(await admin.zcard(names.index)).toBe(2);
      expect((await driver.list()).map((meta) => meta.key)).toEqual(['long']);
      expect(await admin.zcard(names.index)).toBe(1);
      expect(await admin.zcard(names.expiry)).toBe(1);
      await driver.clear();
      await driver.dispose?.();
    });

    it('lists past one page, in order, without duplicates', async () => {
      const prefix = uniqueRedisPrefix('paging');
      const driver = redisDriver({ url, prefix, batchSize: 7 });
      const now = Date.now();
      const keys: string[] = [];
      for (let index = 0; index < 40; index++) {
        const key = `p${index}`;
        keys.push(key);
        // Runs of equal writtenAt longer than a page, to exercise ties.
        await driver.set(key, {
          meta: key,
          value: key,
          writtenAt: now + Math.floor(index / 10),
        });
      }
      const metas = await driver.list();
      expect(metas.map((meta) => meta.key)).toEqual(keys);
      expect(metas.map((meta) => meta.meta)).toEqual(keys);
      await driver.clear();
      await driver.dispose?.();
    });

    it('lists and counts 100k entries in pages, then clears them', async () => {
      const prefix = uniqueRedisPrefix('100k');
      const driver = redisDriver({ url, prefix });
      const ctx = new SharedContext({ store: driver, maxEntries: 200_000 });
      await ctx.put('seed', storeTestText('seed'), { agent: 'bulk' });
      const names = redisKeyNames(prefix, []);
      const seed = await admin.hgetall(names.entry('seed'));
      const total = 100_000;
      const now = Date.now();
      for (let start = 1; start < total; start += 5000) {
        const pipeline = admin.pipeline();
        for (
          let index = start;
          index < Math.min(total, start + 5000);
          index++
        ) {
          const member = `${String(index + 1000).padStart(16, '0')}:bulk-${index}`;
          pipeline.hset(names.entry(`bulk-${index}`), {
            ...seed,
            value: '{}',
            member,
            writtenAt: String(now + index),
          });
          pipeline.zadd(names.index, now + index, member);
        }
        await pipeline.exec();
      }
      const keys = await ctx.keys();
      expect(keys).toHaveLength(total);
      expect(keys[0]).toBe('seed');
      expect(keys[total - 1]).toBe(`bulk-${total - 1}`);
      const stats = await ctx.stats();
      expect(stats.entries).toBe(total);
      expect(stats.agents.bulk?.entries).toBe(total);
      await ctx.clear();
      expect(await admin.exists(names.index, names.entry('bulk-5'))).toBe(0);
      await ctx.dispose();
    }, 120_000);

    it('clears only its own prefix, and keys with glob characters in the prefix', async () => {
      const mine = `${uniqueRedisPrefix('clear')}[*]?:`;
      const neighbour = redisKeyNames(mine.replace('[*]?', 'xyz'), []);
      await admin.set(neighbour.entry('x'), 'keep me');
      const driver = redisDriver({ url, prefix: mine, batchSize: 5 });
      for (let index = 0; index < 23; index++) {
        await driver.set(`k${index}`, {
          meta: 'm',
          value: 'v',
          writtenAt: Date.now(),
        });
      }
      await driver.clear();
      expect(await admin.keys(`${mine.replace(/[[\]*?]/g, '\\$&')}*`)).toEqual(
        [],
      );
      expect(await admin.get(neighbour.entry('x'))).toBe('keep me');
      await admin.del(neighbour.entry('x'));
      await driver.dispose?.();
    });

    it('raises STORE_CORRUPT naming the key for a foreign value under the prefix; other keys unaffected', async () => {
      const prefix = uniqueRedisPrefix('foreign');
      const driver = redisDriver({ url, prefix });
      const ctx = new SharedContext({
        store: driver,
        compressors: [lineDropCompressor()],
        minTokens: 0,
      });
      await ctx.put('good', storeTestText('good'));
      await ctx.put('victim', storeTestText('victim'));
      const names = redisKeyNames(prefix, []);
      await admin.set(names.entry('victim'), 'a plain string');
      await admin.hset(names.entry('strange'), 'field', 'value');
      for (const key of ['victim', 'strange']) {
        const error = await ctx
          .getEntry(key)
          .catch((caught: unknown) => caught);
        expect(StoreDriverError.isInstance(error)).toBe(true);
        expect((error as StoreDriverError).code).toBe('STORE_CORRUPT');
        expect((error as StoreDriverError).key).toBe(key);
        const write = await ctx
          .put(key, 'x')
          .catch((caught: unknown) => caught);
        expect((write as StoreDriverError).code).toBe('STORE_CORRUPT');
        expect((write as StoreDriverError).key).toBe(key);
      }
      expect(await ctx.get('good', { full: true })).toBe(storeTestText('good'));
      const stats = await ctx.stats();
      expect(stats.entries).toBe(1);
      expect(stats.unreadable).toBe(1);
      expect(await ctx.delete('victim')).toBe(true);
      await ctx.put('victim', storeTestText('again'));
      expect(await ctx.get('victim', { full: true })).toBe(
        storeTestText('again'),
      );
      await ctx.clear();
      await ctx.dispose();
    });

    it('uses an injected client and leaves it open', async () => {
      const client = new Redis(url, { lazyConnect: true });
      const driver = redisDriver({
        client,
        prefix: uniqueRedisPrefix('injected'),
      });
      await driver.set('k', { meta: 'm', value: 'v', writtenAt: Date.now() });
      expect((await driver.get('k'))?.value).toBe('v');
      await driver.clear();
      await driver.dispose?.();
      expect(client.status).toBe('ready');
      await client.quit();
    });

    it('refuses calls after dispose', async () => {
      const driver = redisDriver({
        url,
        prefix: uniqueRedisPrefix('disposed'),
      });
      await driver.list();
      await driver.dispose?.();
      const error = await Promise.resolve(driver.get('k')).catch(
        (caught: unknown) => caught,
      );
      expect(StoreDriverError.isInstance(error)).toBe(true);
      expect((error as StoreDriverError).operation).toBe('get');
    });
  });
});

describe('redisDriver options', () => {
  it('rejects bad options with InvalidArgumentError naming the parameter', () => {
    const bad: Array<[string, () => unknown]> = [
      ['url', () => redisDriver({ url: 'http://localhost' })],
      ['prefix', () => redisDriver({ prefix: '' })],
      ['commandTimeoutMs', () => redisDriver({ commandTimeoutMs: 0 })],
      ['connectTimeoutMs', () => redisDriver({ connectTimeoutMs: 1.5 })],
      ['batchSize', () => redisDriver({ batchSize: -1 })],
      ['client', () => redisDriver({ client: {} as never })],
      ['prefix', () => redisDriver({ prefix: '{tenant}:' })],
      ['cluster', () => redisDriver({ cluster: [] })],
      ['cluster', () => redisDriver({ cluster: ['http://127.0.0.1:7000'] })],
      ['cluster', () => redisDriver({ cluster: ['redis://127.0.0.1:7000/3'] })],
      [
        'cluster',
        () =>
          redisDriver({
            url: 'redis://127.0.0.1:6379',
            cluster: ['redis://127.0.0.1:7000'],
          }),
      ],
      [
        'cluster',
        () =>
          redisDriver({
            cluster: ['redis://:a@127.0.0.1:7000', 'redis://:b@127.0.0.1:7001'],
          }),
      ],
    ];
    for (const [parameter, make] of bad) {
      try {
        make();
        expect.unreachable(parameter);
      } catch (error) {
        expect(InvalidArgumentError.isInstance(error)).toBe(true);
        expect((error as InvalidArgumentError).parameter).toBe(parameter);
      }
    }
  });
});
