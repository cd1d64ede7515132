import {
  InvalidArgumentError,
  SharedContext,
  SharedContextError,
  type StoreDriver,
} from '@sharedcontext/core';
import {
  describeRedis,
  lineDropCompressor,
  storeTestText,
  uniqueRedisPrefix,
} from '@sharedcontext-internal/test-utils';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisDriver } from './redis-driver.ts';
import { escapeGlob, redisKeyNames } from './redis-keys.ts';
import { REDIS_LAYOUT_VERSION, SET_SCRIPT } from './redis-scripts.ts';

const record = (text: string, writtenAt = Date.now()) => ({
  meta: `meta ${text}`,
  value: text,
  writtenAt,
});

async function rejection(promise: unknown): Promise<unknown> {
  return Promise.resolve(promise).then(
    () => undefined,
    (error: unknown) => error,
  );
}

const contextOver = (store: StoreDriver, ttl?: number) =>
  new SharedContext({
    store,
    compressors: [lineDropCompressor()],
    minTokens: 0,
    ...(ttl === undefined ? {} : { ttl }),
  });

// Issue 15: tenants sharing one Redis never reach into each other's keys.
describeRedis('redisDriver isolation (issue 15)', (url) => {
  let admin: Redis;
  beforeAll(() => {
    admin = new Redis(url);
  });
  afterAll(async () => {
    await admin.quit();
  });
  const keysUnder = (prefix: string) => admin.keys(`${escapeGlob(prefix)}*`);

  describe('prefixes', () => {
    it('clear() on prefix tenant1 leaves every entry of prefix tenant10', async () => {
      const base = uniqueRedisPrefix('tenants');
      const first = redisDriver({ url, prefix: `${base}tenant1` });
      const second = redisDriver({ url, prefix: `${base}tenant10` });
      for (const key of ['a', 'b', 'index'])
        await second.set(key, record(`second ${key}`));
      await first.set('a', record('first a'));
      await first.clear();
      expect(await first.list()).toEqual([]);
      expect((await second.list()).map((meta) => meta.key)).toEqual([
        'a',
        'b',
        'index',
      ]);
      expect((await second.get('a'))?.value).toBe('second a');
      await second.clear();
      expect(await keysUnder(base)).toEqual([]);
      await first.dispose?.();
      await second.dispose?.();
    });

    it('prefix p: with key index never meets prefix p:entry:', async () => {
      const base = uniqueRedisPrefix('overlap');
      const short = redisDriver({ url, prefix: `${base}p:` });
      const long = redisDriver({ url, prefix: `${base}p:entry:` });
      await short.set('index', record('short index'));
      await short.set('seq', record('short seq'));
      await long.set('x', record('long x'));
      expect((await short.list()).map((meta) => meta.key)).toEqual([
        'index',
        'seq',
      ]);
      expect((await long.list()).map((meta) => meta.key)).toEqual(['x']);
      await long.clear();
      expect((await short.get('index'))?.value).toBe('short index');
      await short.set('more', record('short more'));
      expect((await short.list()).map((meta) => meta.key)).toEqual([
        'index',
        'seq',
        'more',
      ]);
      await short.clear();
      expect(await keysUnder(base)).toEqual([]);
      await short.dispose?.();
      await long.dispose?.();
    });

    it('refuses a prefix with braces (the driver places the hash tag) or a lone surrogate', () => {
      for (const prefix of ['{app}:', 'app}', 'app\ud800']) {
        const error = (() => {
          try {
            redisDriver({ url, prefix });
          } catch (caught) {
            return caught;
          }
          return undefined;
        })();
        expect(InvalidArgumentError.isInstance(error)).toBe(true);
        expect((error as InvalidArgumentError).parameter).toBe('prefix');
      }
    });
  });

  describe('namespaces', () => {
    it('puts all keys of a namespace under one hash tag right after the prefix', async () => {
      const prefix = uniqueRedisPrefix('tags');
      const driver = redisDriver({ url, prefix });
      const tenant = driver.withNamespace!('tenant-1');
      const nested = tenant.withNamespace!('run/7');
      const braces = driver.withNamespace!('a}b{c%');
      await driver.set('k', record('root'));
      await tenant.set('k', record('tenant'), { maxEntries: 5 });
      await nested.set('k', record('nested'));
      await braces.set('k', record('braces'));
      expect((await keysUnder(prefix)).sort()).toEqual(
        [
          `${prefix}{/}:entry:k`,
          `${prefix}{/}:index`,
          `${prefix}{/}:seq`,
          `${prefix}{/tenant-1}:entry:k`,
          `${prefix}{/tenant-1}:index`,
          `${prefix}{/tenant-1}:seq`,
          `${prefix}{/tenant-1/run%2F7}:entry:k`,
          `${prefix}{/tenant-1/run%2F7}:index`,
          `${prefix}{/tenant-1/run%2F7}:seq`,
          `${prefix}{/a%7Db%7Bc%25}:entry:k`,
          `${prefix}{/a%7Db%7Bc%25}:index`,
          `${prefix}{/a%7Db%7Bc%25}:seq`,
        ].sort(),
      );
      // One slot per namespace: every key a script touches hashes alike.
      for (const path of [[], ['tenant-1'], ['tenant-1', 'run/7']]) {
        const names = redisKeyNames(prefix, path);
        const slots = new Set(
          await Promise.all(
            [names.index, names.expiry, names.sequence, names.entry('k')].map(
              (key) => admin.cluster('KEYSLOT', key).catch(() => undefined),
            ),
          ),
        );
        // CLUSTER KEYSLOT needs cluster mode; on a plain Redis the tag is
        // checked by the names above, and on the cluster by its suite.
        if (!slots.has(undefined)) expect(slots.size).toBe(1);
      }
      for (const view of [driver, tenant, nested, braces]) {
        expect(await view.list()).toHaveLength(1);
        await view.clear();
      }
      expect(await keysUnder(prefix)).toEqual([]);
      await driver.dispose?.();
    });

    it('keeps the driver itself apart from a namespace named "/" or "index"', async () => {
      const prefix = uniqueRedisPrefix('root');
      const driver = redisDriver({ url, prefix });
      const slash = driver.withNamespace!('/');
      const index = driver.withNamespace!('index');
      await driver.set('k', record('root'));
      await slash.set('k', record('slash'));
      await index.set('k', record('index'));
      expect((await driver.get('k'))?.value).toBe('root');
      expect((await slash.get('k'))?.value).toBe('slash');
      expect((await index.get('k'))?.value).toBe('index');
      await driver.clear();
      expect((await slash.get('k'))?.value).toBe('slash');
      await slash.clear();
      await index.clear();
      await driver.dispose?.();
    });
  });

  describe('keys with lone surrogates (contract 2)', () => {
    it('never become one entry: the driver refuses ill-formed keys with a typed error', async () => {
      const prefix = uniqueRedisPrefix('surrogates');
      const driver = redisDriver({ url, prefix });
      await driver.set('k\ufffd', record('replacement character'));
      for (const key of ['k\ud800', 'k\udfff', '\udc00k']) {
        for (const call of [
          () => driver.set(key, record(key)),
          () => driver.get(key),
          () => driver.delete(key),
        ]) {
          const error = await rejection(call());
          expect(InvalidArgumentError.isInstance(error)).toBe(true);
          expect((error as InvalidArgumentError).parameter).toBe('key');
        }
      }
      expect(() => driver.withNamespace!('n\ud800')).toThrow(
        expect.objectContaining({ parameter: 'namespace' }),
      );
      expect((await driver.get('k\ufffd'))?.value).toBe(
        'replacement character',
      );
      expect((await driver.list()).map((meta) => meta.key)).toEqual([
        'k\ufffd',
      ]);

      const ctx = contextOver(driver);
      for (const key of ['k\ud800', 'k\udfff']) {
        const error = await rejection(ctx.put(key, storeTestText(key)));
        expect(SharedContextError.isInstance(error)).toBe(true);
      }
      expect(await ctx.keys()).toEqual(['k\ufffd']);
      await driver.clear();
      await driver.dispose?.();
    });

    it('refuses a record value Redis would change (lone surrogate) instead of storing it altered', async () => {
      const prefix = uniqueRedisPrefix('surrogate-value');
      const driver = redisDriver({ url, prefix });
      const error = await rejection(
        driver.set('k', { ...record('x'), value: 'v\ud800' }),
      );
      expect((error as InvalidArgumentError).parameter).toBe('record.value');
      expect(await keysUnder(prefix)).toEqual([]);
      await driver.dispose?.();
    });
  });

  describe('rejected writes write nothing', () => {
    it('a put whose expiry Redis cannot hold rejects and leaves no entry, no expiry-less hash, no index member', async () => {
      const prefix = uniqueRedisPrefix('ttl-1e20');
      const driver = redisDriver({ url, prefix });
      const ctx = contextOver(driver);
      // Core refuses ttl 1e20 itself now; a clock near the end of what
      // Redis (and JavaScript) can count gets the same expiry past 2^53 ms
      // to the driver.
      expect(() => contextOver(driver, 1e20)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT', parameter: 'ttl' }),
      );
      const late = new SharedContext({
        store: driver,
        compressors: [lineDropCompressor()],
        minTokens: 0,
        now: () => Number.MAX_SAFE_INTEGER - 1000,
      });
      await ctx.put('kept', storeTestText('kept'));
      for (const key of ['kept', 'new']) {
        const error = await rejection(late.put(key, storeTestText('too late')));
        expect(SharedContextError.isInstance(error)).toBe(true);
      }
      expect(await ctx.get('new')).toBeNull();
      expect(await ctx.keys()).toEqual(['kept']);
      expect(await ctx.get('kept', { full: true })).toBe(storeTestText('kept'));
      const names = redisKeyNames(prefix, []);
      expect(await admin.exists(names.entry('new'))).toBe(0);
      expect(await admin.zcard(names.index)).toBe(1);
      expect(await admin.pttl(names.entry('kept'))).toBeGreaterThan(0);
      await ctx.clear();
      await ctx.dispose();
    });

    it('the driver refuses out-of-range times before sending anything', async () => {
      const prefix = uniqueRedisPrefix('bad-record');
      const driver = redisDriver({ url, prefix });
      const now = Date.now();
      const bad: Array<[string, () => unknown]> = [
        [
          'record.expiresAt',
          () => driver.set('k', { ...record('x'), expiresAt: 1e23 }),
        ],
        [
          'record.expiresAt',
          () => driver.set('k', { ...record('x'), expiresAt: now + 0.5 }),
        ],
        [
          'record.writtenAt',
          () => driver.set('k', { ...record('x'), writtenAt: Number.NaN }),
        ],
        ['maxEntries', () => driver.set('k', record('x'), { maxEntries: 0 })],
      ];
      for (const [parameter, call] of bad) {
        const error = await rejection(call());
        expect(InvalidArgumentError.isInstance(error)).toBe(true);
        expect((error as InvalidArgumentError).parameter).toBe(parameter);
      }
      expect(await keysUnder(prefix)).toEqual([]);
      await driver.dispose?.();
    });

    it('the write script itself checks everything before its first write', async () => {
      const prefix = uniqueRedisPrefix('script');
      const names = redisKeyNames(prefix, []);
      const driver = redisDriver({ url, prefix });
      await driver.set('old', record('old', 1000));
      const before = (await keysUnder(prefix)).sort();
      const run = (expiresAt: string, key = 'k') =>
        admin.eval(
          SET_SCRIPT.source,
          4,
          names.index,
          names.expiry,
          names.sequence,
          names.entry(key),
          names.entryPrefix,
          key,
          'meta',
          'value',
          String(Date.now()),
          expiresAt,
          '1',
          REDIS_LAYOUT_VERSION,
        );
      // Past any expiry Redis accepts, not an integer, not a number; and a
      // full index (maxEntries 1), so a partial run would evict 'old'.
      for (const expiresAt of [
        '1e+23',
        '1.5',
        'soon',
        '99999999999999999999',
      ]) {
        await expect(run(expiresAt)).rejects.toThrow(/expiresAt/);
      }
      expect((await keysUnder(prefix)).sort()).toEqual(before);
      expect((await driver.get('old'))?.value).toBe('old');
      // A foreign counter is found before anything is evicted.
      await admin.set(names.sequence, 'not a number');
      await expect(run(String(Date.now() + 60_000))).rejects.toThrow(
        /SHAREDCONTEXT_CORRUPT/,
      );
      expect((await driver.get('old'))?.value).toBe('old');
      expect(await admin.exists(names.entry('k'))).toBe(0);
      await driver.clear();
      await driver.dispose?.();
    });
  });
});
