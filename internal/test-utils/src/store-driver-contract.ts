import type { StoreDriver, StoredRecord } from '@sharedcontext/core';
import { describe, expect, it } from 'vitest';
import type { FakeClock } from './fake-clock.ts';
import { storeTestText } from './store-test-content.ts';

/** A record as core would write it (JSON `meta` and `value`). */
export function record(
  writtenAt: number,
  text: string,
  expiresAt?: number,
): StoredRecord {
  return {
    meta: JSON.stringify({ v: 1, text: `meta ${text}` }),
    value: JSON.stringify({ v: 1, text }),
    writtenAt,
    ...(expiresAt === undefined ? {} : { expiresAt }),
  };
}

/**
 * The raw `StoreDriver` contract (`docs/stores/custom-driver.md`), run by
 * {@link describeStoreDriver} against the current test's driver and clock.
 */
export function describeDriverContract(fixture: {
  driver(): StoreDriver;
  clock(): FakeClock;
}): void {
  describe('StoreDriver contract', () => {
    it('declares specification v1, a name and boolean flags', () => {
      const current = fixture.driver();
      expect(current.specificationVersion).toBe('v1');
      expect(typeof current.name).toBe('string');
      expect(current.name.length).toBeGreaterThan(0);
      for (const value of Object.values(current.flags ?? {})) {
        expect(typeof value).toBe('boolean');
      }
    });

    it('returns undefined for a missing key', async () => {
      expect(await fixture.driver().get('nothing-here')).toBeUndefined();
    });

    it('returns a record exactly as written, with and without expiresAt', async () => {
      const current = fixture.driver();
      const now = fixture.clock().now();
      const withExpiry = record(now, storeTestText('raw'), now + 60_000);
      const withoutExpiry = record(now, storeTestText('raw2'));
      await current.set('with', withExpiry);
      await current.set('without', withoutExpiry);
      expect(await current.get('with')).toEqual(withExpiry);
      const read = await current.get('without');
      expect(read).toEqual(withoutExpiry);
      expect(read?.expiresAt).toBeUndefined();
    });

    it('lists metas oldest write first, without the payload, ties in write order', async () => {
      const current = fixture.driver();
      const now = fixture.clock().now();
      await current.set('early', record(now, 'early'));
      await current.set('tie-2', record(now + 10, 'tie-2'));
      await current.set('tie-1', record(now + 10, 'tie-1'));
      await current.set('late', record(now + 20, 'late', now + 60_000));
      const metas = await current.list();
      expect(metas.map((meta) => meta.key)).toEqual([
        'early',
        'tie-2',
        'tie-1',
        'late',
      ]);
      expect(metas[3]).toEqual({
        key: 'late',
        meta: record(0, 'late').meta,
        writtenAt: now + 20,
        expiresAt: now + 60_000,
      });
      for (const meta of metas) expect(meta).not.toHaveProperty('value');
    });

    it('evicts the oldest records beyond maxEntries, oldest first, and never on overwrite', async () => {
      const current = fixture.driver();
      const now = fixture.clock().now();
      for (let index = 0; index < 4; index++) {
        expect(
          await current.set(`k${index}`, record(now + index, `k${index}`), {
            maxEntries: 4,
          }),
        ).toEqual({ evicted: [] });
      }
      expect(
        await current.set('k1', record(now + 10, 'k1b'), { maxEntries: 4 }),
      ).toEqual({ evicted: [] });
      expect(
        await current.set('k4', record(now + 11, 'k4'), { maxEntries: 2 }),
      ).toEqual({
        evicted: ['k0', 'k2', 'k3'],
      });
      expect((await current.list()).map((meta) => meta.key)).toEqual([
        'k1',
        'k4',
      ]);
      expect(await current.get('k0')).toBeUndefined();
    });

    it('deletes and clears', async () => {
      const current = fixture.driver();
      await current.set('a', record(fixture.clock().now(), 'a'));
      await current.set('b', record(fixture.clock().now(), 'b'));
      expect(await current.delete('a')).toBe(true);
      expect(await current.delete('a')).toBe(false);
      expect(await current.get('a')).toBeUndefined();
      await current.clear();
      expect(await current.list()).toEqual([]);
      expect(await current.get('b')).toBeUndefined();
    });

    it('keys are opaque strings: separators, globs, unicode', async () => {
      const current = fixture.driver();
      const keys = ['a:b:c', 'glob*?[x]', 'ключ 🗝', 'sc:x#3', 'entry:index'];
      for (const key of keys)
        await current.set(key, record(fixture.clock().now(), key));
      for (const key of keys)
        expect((await current.get(key))?.value).toBe(record(0, key).value);
      expect((await current.list()).map((meta) => meta.key).sort()).toEqual(
        [...keys].sort(),
      );
    });

    it('follows its synchronous flag', async () => {
      const current = fixture.driver();
      const results = [
        current.set('s', record(fixture.clock().now(), 's')),
        current.get('s'),
        current.list(),
        current.delete('s'),
        current.clear(),
      ];
      const promises = results.filter((result) => result instanceof Promise);
      if (current.flags?.synchronous) expect(promises).toHaveLength(0);
      await Promise.all(results);
    });

    it('with nativeTtl, drops records at expiresAt by itself', async () => {
      const current = fixture.driver();
      if (!current.flags?.nativeTtl) {
        // Core purges expired records for drivers without native TTL;
        // such a driver must still return them until deleted.
        const now = fixture.clock().now();
        await current.set('old', record(now - 10, 'old', now - 1));
        expect((await current.list()).map((meta) => meta.key)).toEqual(['old']);
        return;
      }
      const now = fixture.clock().now();
      await current.set('past', record(now - 10, 'past', now - 5));
      await current.set('soon', record(now, 'soon', Date.now() + 150));
      await current.set('later', record(now, 'later', now + 600_000));
      fixture.clock().advance(400);
      await new Promise((resolve) => setTimeout(resolve, 400));
      await current.set('trigger', record(fixture.clock().now(), 'trigger'), {
        maxEntries: 2,
      });
      expect(await current.get('past')).toBeUndefined();
      expect(await current.get('soon')).toBeUndefined();
      expect((await current.get('later'))?.value).toBe(
        record(0, 'later').value,
      );
      expect((await current.list()).map((meta) => meta.key)).toEqual([
        'later',
        'trigger',
      ]);
    });
  });
}
