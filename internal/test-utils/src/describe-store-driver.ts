import {
  parseMarkers,
  SharedContext,
  type SharedContextOptions,
  type StoreDriver,
  StoreDriverError,
} from '@sharedcontext/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeClock, fakeClock } from './fake-clock.ts';
import { describeDriverContract } from './store-driver-contract.ts';
import { describeInputContract } from './store-input-contract.ts';
import { describeNamespaceContract } from './store-namespace-contract.ts';
import { describeRoundTripContract } from './store-round-trip-contract.ts';
import {
  largeStoreTestText,
  lineDropCompressor,
  storeTestText,
} from './store-test-content.ts';

/** What {@link DescribeStoreDriverOptions.create} is given. */
export interface StoreDriverTestContext {
  /**
   * The test's clock (epoch ms, starting at the real time). Drivers with a
   * clock seam should use it; drivers that expire by the server's real
   * time (Redis) ignore it.
   */
  now: () => number;
}

/** Options of {@link describeStoreDriver}. */
export interface DescribeStoreDriverOptions {
  /** Shown in the test names: 'memory', 'sqlite (file)', 'redis'. */
  name: string;
  /** A fresh, empty driver for one test. */
  create(context: StoreDriverTestContext): StoreDriver | Promise<StoreDriver>;
  /** Tears a driver down. @default driver.dispose() */
  destroy?(driver: StoreDriver): void | Promise<void>;
  /** Extra driver-specific tests, run in the same `describe`. */
  additionalTests?(fixture: StoreDriverFixture): void;
  /** Size of the large-value round trip in bytes; 0 skips it. @default 50 MiB */
  largeValueBytes?: number;
}

/** Access to the current test's driver and clock, for `additionalTests`. */
export interface StoreDriverFixture {
  driver(): StoreDriver;
  clock(): FakeClock;
  /** A SharedContext over the current driver and clock. */
  context(options?: SharedContextOptions): SharedContext;
  /** The current driver's view of `namespace`; cleared after the test. */
  view(namespace: string): StoreDriver;
}

const MIB = 1024 * 1024;

async function expectStoreError(
  promise: Promise<unknown>,
  code: string,
  key: string,
): Promise<StoreDriverError> {
  const error: unknown = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(StoreDriverError.isInstance(error)).toBe(true);
  const driverError = error as StoreDriverError;
  expect(driverError.code).toBe(code);
  expect(driverError.key).toBe(key);
  expect(driverError.message).toContain(JSON.stringify(key));
  return driverError;
}

/**
 * The conformance suite every store driver passes: SharedContext behaviour
 * over the driver (round trips byte for byte, overwrite, order, TTL,
 * eviction, concurrency, stats, retrieval, corrupt records, a 50 MiB value)
 * and the raw `StoreDriver` contract (`docs/stores/custom-driver.md`).
 *
 * @example
 * describeStoreDriver({ name: 'memory', create: () => memoryDriver() });
 */
export function describeStoreDriver(options: DescribeStoreDriverOptions): void {
  const {
    name,
    create,
    destroy,
    additionalTests,
    largeValueBytes = 50 * MIB,
  } = options;

  describe(`describeStoreDriver(${name})`, () => {
    let driver: StoreDriver | undefined;
    let clock: FakeClock = fakeClock();
    const contexts: SharedContext[] = [];
    // Namespaces a test wrote to: the root's clear() does not reach them.
    const namespaces = new Set<string>();

    beforeEach(async () => {
      clock = fakeClock(Date.now());
      driver = await create({ now: clock.now });
    });

    afterEach(async () => {
      const current = driver;
      driver = undefined;
      contexts.length = 0;
      if (!current) return;
      for (const namespace of namespaces)
        await current.withNamespace?.(namespace).clear();
      namespaces.clear();
      await current.clear();
      await (destroy ? destroy(current) : current.dispose?.());
    });

    const fixture: StoreDriverFixture = {
      driver() {
        if (!driver) throw new Error('no driver: call inside a test');
        return driver;
      },
      clock: () => clock,
      context(overrides = {}) {
        const ctx = new SharedContext({
          store: fixture.driver(),
          now: clock.now,
          compressors: [lineDropCompressor()],
          minTokens: 0,
          ...overrides,
        });
        contexts.push(ctx);
        if (ctx.namespace !== undefined) namespaces.add(ctx.namespace);
        return ctx;
      },
      view(namespace) {
        const current = fixture.driver();
        if (!current.withNamespace)
          throw new Error(`${current.name} has no withNamespace()`);
        namespaces.add(namespace);
        return current.withNamespace(namespace);
      },
    };

    describe('SharedContext over the driver', () => {
      it('returns the compressed text and the original byte for byte', async () => {
        const ctx = fixture.context();
        const original = storeTestText('round-trip', 40);
        const entry = await ctx.put('notes', original, { agent: 'researcher' });
        expect(entry.compressed).not.toBe(original);
        expect(await ctx.get('notes')).toBe(entry.compressed);
        const full = await ctx.get('notes', { full: true });
        expect(full).toBe(original);
        expect(
          Buffer.from(full ?? '', 'utf8').equals(Buffer.from(original, 'utf8')),
        ).toBe(true);
      });

      it('keeps lone surrogates and every character class of small values', async () => {
        const ctx = fixture.context();
        const original = storeTestText('tiny', 8);
        expect(original).toContain('\ud800');
        await ctx.put('tiny', original);
        expect(await ctx.get('tiny', { full: true })).toBe(original);
      });

      it('overwrites an entry under the same key', async () => {
        const ctx = fixture.context();
        await ctx.put('k', storeTestText('first'));
        clock.advance(10);
        await ctx.put('k', storeTestText('second'));
        expect(await ctx.get('k', { full: true })).toBe(
          storeTestText('second'),
        );
        expect(await ctx.keys()).toEqual(['k']);
      });

      it('returns the whole entry from getEntry', async () => {
        const ctx = fixture.context({ ttl: 120 });
        const original = storeTestText('entry', 30);
        const put = await ctx.put('entry', original, { agent: 'planner' });
        const entry = await ctx.getEntry('entry');
        expect(entry).toEqual(put);
        expect(entry?.agent).toBe('planner');
        expect(entry?.timestamp).toBe(clock.now() / 1000);
        expect(entry?.expiresAt).toBe(clock.now() / 1000 + 120);
        expect(await ctx.getEntry('missing')).toBeNull();
      });

      it('lists keys oldest write first; an overwrite moves a key to the end', async () => {
        const ctx = fixture.context();
        for (const key of ['a', 'b', 'c']) {
          await ctx.put(key, storeTestText(key));
          clock.advance(5);
        }
        expect(await ctx.keys()).toEqual(['a', 'b', 'c']);
        await ctx.put('a', storeTestText('a2'));
        expect(await ctx.keys()).toEqual(['b', 'c', 'a']);
      });

      it('keeps write order for writes within the same millisecond', async () => {
        const ctx = fixture.context();
        const keys = Array.from(
          { length: 12 },
          (_, index) => `same-ms-${index}`,
        );
        for (const key of keys) await ctx.put(key, storeTestText(key, 2));
        expect(await ctx.keys()).toEqual(keys);
      });

      it('expires entries after ttl seconds on the context clock', async () => {
        const ctx = fixture.context({ ttl: 60 });
        await ctx.put('short', storeTestText('short'));
        clock.advance(59_000);
        expect(await ctx.get('short', { full: true })).toBe(
          storeTestText('short'),
        );
        clock.advance(1_000);
        expect(await ctx.get('short')).toBeNull();
        expect(await ctx.keys()).toEqual([]);
        expect((await ctx.stats()).entries).toBe(0);
      });

      it('evicts the least recently written entries beyond maxEntries', async () => {
        const ctx = fixture.context({ maxEntries: 3 });
        for (const key of ['a', 'b', 'c', 'd', 'e']) {
          await ctx.put(key, storeTestText(key));
          clock.advance(1);
        }
        expect(await ctx.keys()).toEqual(['c', 'd', 'e']);
        expect(await ctx.get('a')).toBeNull();
        expect(await ctx.get('b')).toBeNull();
      });

      it('does not evict when an existing key is overwritten at capacity', async () => {
        const ctx = fixture.context({ maxEntries: 2 });
        await ctx.put('a', storeTestText('a'));
        clock.advance(1);
        await ctx.put('b', storeTestText('b'));
        clock.advance(1);
        await ctx.put('a', storeTestText('a2'));
        expect(await ctx.keys()).toEqual(['b', 'a']);
        clock.advance(1);
        await ctx.put('c', storeTestText('c'));
        expect(await ctx.keys()).toEqual(['a', 'c']);
        expect(await ctx.get('a', { full: true })).toBe(storeTestText('a2'));
      });

      it('never overfills under concurrent puts, from one or two contexts', async () => {
        const first = fixture.context({ maxEntries: 5 });
        const second = fixture.context({ maxEntries: 5 });
        const puts = Array.from({ length: 30 }, (_, index) =>
          (index % 2 === 0 ? first : second).put(
            `c${index}`,
            storeTestText(`c${index}`, 8),
          ),
        );
        await Promise.all(puts);
        const keys = await first.keys();
        expect(keys).toHaveLength(5);
        expect(new Set(keys).size).toBe(5);
        for (const key of keys) {
          expect(await second.get(key, { full: true })).toBe(
            storeTestText(key, 8),
          );
        }
      });

      it('deletes one entry', async () => {
        const ctx = fixture.context();
        await ctx.put('gone', storeTestText('gone'));
        await ctx.put('kept', storeTestText('kept'));
        expect(await ctx.delete('gone')).toBe(true);
        expect(await ctx.delete('gone')).toBe(false);
        expect(await ctx.get('gone')).toBeNull();
        expect(await ctx.keys()).toEqual(['kept']);
      });

      it('clears every entry', async () => {
        const ctx = fixture.context();
        await ctx.put('a', storeTestText('a'));
        await ctx.put('b', storeTestText('b'));
        await ctx.clear();
        expect(await ctx.keys()).toEqual([]);
        expect(await ctx.get('a')).toBeNull();
        await ctx.put('c', storeTestText('c'));
        expect(await ctx.keys()).toEqual(['c']);
      });

      it('adds up stats over the live entries, overall and per agent', async () => {
        const ctx = fixture.context();
        const entries = [
          await ctx.put('r1', storeTestText('r1', 30), { agent: 'researcher' }),
          await ctx.put('r2', storeTestText('r2', 50), { agent: 'researcher' }),
          await ctx.put('w1', storeTestText('w1', 20), { agent: 'writer' }),
          await ctx.put('n1', storeTestText('n1', 10)),
        ];
        const stats = await ctx.stats();
        const sum = (pick: (entry: (typeof entries)[number]) => number) =>
          entries.reduce((total, entry) => total + pick(entry), 0);
        expect(stats.entries).toBe(4);
        expect(stats.unreadable).toBe(0);
        expect(stats.totalOriginalTokens).toBe(
          sum((entry) => entry.originalTokens),
        );
        expect(stats.totalCompressedTokens).toBe(
          sum((entry) => entry.compressedTokens),
        );
        expect(stats.agents.researcher?.entries).toBe(2);
        expect(stats.agents.researcher?.originalTokens).toBe(
          entries[0]!.originalTokens + entries[1]!.originalTokens,
        );
        expect(stats.agents.writer?.entries).toBe(1);
        expect(stats.agents['(none)']?.entries).toBe(1);
      });

      it('retrieves a dropped span by its marker, and the whole original', async () => {
        const ctx = fixture.context();
        const original = storeTestText('retrieve', 40);
        const entry = await ctx.put('doc', original);
        const [marker] = parseMarkers(entry.compressed);
        expect(marker?.key).toBe('doc');
        const lines = original.split('\n');
        expect(
          await ctx.retrieve('doc', { marker: `doc#${marker?.spanId}` }),
        ).toBe(lines.slice(2, -2).join('\n'));
        expect(await ctx.retrieve('doc')).toBe(original);
        expect(await ctx.resolveMarker(entry.compressed)).toBe(
          lines.slice(2, -2).join('\n'),
        );
      });

      it('raises STORE_CORRUPT naming the key for an undecodable record; other keys still work', async () => {
        const ctx = fixture.context();
        await ctx.put('good', storeTestText('good'));
        await fixture.driver().set('bad', {
          meta: '{"not": "ours"',
          value: 'garbage',
          writtenAt: clock.now(),
          expiresAt: clock.now() + 60_000,
        });
        await expectStoreError(ctx.getEntry('bad'), 'STORE_CORRUPT', 'bad');
        expect(await ctx.get('good', { full: true })).toBe(
          storeTestText('good'),
        );
        const stats = await ctx.stats();
        expect(stats.entries).toBe(1);
        expect(stats.unreadable).toBe(1);
        expect(await ctx.keys()).toEqual(['good', 'bad']);
      });

      if (largeValueBytes > 0) {
        it(`stores a ${Math.round(largeValueBytes / MIB)} MiB original byte for byte`, async () => {
          const ctx = fixture.context();
          const original = largeStoreTestText(largeValueBytes);
          expect(Buffer.byteLength(original, 'utf8')).toBeGreaterThanOrEqual(
            largeValueBytes,
          );
          const entry = await ctx.put('large', original, {
            contentType: 'text',
          });
          expect(entry.compressed.length).toBeLessThan(original.length / 100);
          const full = await ctx.get('large', { full: true });
          expect(full?.length).toBe(original.length);
          expect(full === original).toBe(true);
        }, 180_000);
      }
    });

    describeDriverContract(fixture);
    describeNamespaceContract(fixture);
    describeInputContract(fixture);
    describeRoundTripContract(fixture);

    additionalTests?.(fixture);
  });
}
