import {
  InvalidArgumentError,
  parseMarkers,
  type SharedContext,
  type SharedContextOptions,
  type StoreDriver,
} from '@sharedcontext/core';
import { describe, expect, it } from 'vitest';
import type { FakeClock } from './fake-clock.ts';
import { record } from './store-driver-contract.ts';
import { storeTestText } from './store-test-content.ts';

/**
 * Namespaces that a prefix- or separator-based layout would let meet: one
 * a prefix of another, separators of common key layouts, names that are
 * `Object.prototype` members, unicode, the longest allowed.
 */
export const TRICKY_NAMESPACES: readonly string[] = [
  'tenant1',
  'tenant10',
  'p',
  'p:',
  'p:entry:',
  'acme',
  'acme_order',
  'a b',
  'a%20b',
  'x@y#1',
  '__proto__',
  'constructor',
  'ключ 🗝',
  'n'.repeat(256),
];

/** What the namespace contract needs from its suite. */
export interface NamespaceFixture {
  driver(): StoreDriver;
  clock(): FakeClock;
  context(options?: SharedContextOptions): SharedContext;
  /** The driver's view of `namespace`, cleared after the test. */
  view(namespace: string): StoreDriver;
}

/**
 * Namespaces (`withNamespace` and `new SharedContext({ namespace })`):
 * contexts of different namespaces on one store never see, evict or delete
 * each other's entries, nor resolve each other's markers. A driver
 * without `withNamespace` must be refused with a typed error.
 */
export function describeNamespaceContract(fixture: NamespaceFixture): void {
  const supported = () => {
    const driver = fixture.driver();
    if (typeof driver.withNamespace === 'function') return true;
    expect(() => fixture.context({ namespace: 'a' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        parameter: 'namespace',
      }),
    );
    return false;
  };

  describe('namespaces', () => {
    it('keeps the same key apart in every namespace and in none', async () => {
      if (!supported()) return;
      const root = fixture.context();
      await root.put('index', storeTestText('root', 12));
      for (const namespace of TRICKY_NAMESPACES) {
        const ctx = fixture.context({ namespace });
        expect(ctx.namespace).toBe(namespace);
        await ctx.put('index', storeTestText(namespace, 12));
        await ctx.put('entry:index', storeTestText(`${namespace}-2`, 3));
      }
      expect(await root.keys()).toEqual(['index']);
      expect(await root.get('index', { full: true })).toBe(
        storeTestText('root', 12),
      );
      for (const namespace of TRICKY_NAMESPACES) {
        const ctx = fixture.context({ namespace });
        expect(await ctx.keys()).toEqual(['index', 'entry:index']);
        expect(await ctx.get('index', { full: true })).toBe(
          storeTestText(namespace, 12),
        );
        expect((await ctx.stats()).entries).toBe(2);
      }
    });

    it('clear() and delete() in one namespace leave every other one alone', async () => {
      if (!supported()) return;
      const root = fixture.context();
      await root.put('index', storeTestText('root'));
      for (const namespace of TRICKY_NAMESPACES) {
        await fixture
          .context({ namespace })
          .put('index', storeTestText(namespace));
      }
      for (const [index, namespace] of TRICKY_NAMESPACES.entries()) {
        const ctx = fixture.context({ namespace });
        if (index % 2 === 0) await ctx.clear();
        else expect(await ctx.delete('index')).toBe(true);
        expect(await ctx.keys()).toEqual([]);
        for (const other of TRICKY_NAMESPACES.slice(index + 1)) {
          expect(await fixture.context({ namespace: other }).keys()).toEqual([
            'index',
          ]);
        }
        expect(await root.keys()).toEqual(['index']);
      }
      await root.clear();
      expect(await root.keys()).toEqual([]);
    });

    it('counts maxEntries per namespace: eviction never reaches another', async () => {
      if (!supported()) return;
      const clock = fixture.clock();
      const root = fixture.context({ maxEntries: 2 });
      const first = fixture.context({ namespace: 'tenant1', maxEntries: 2 });
      const second = fixture.context({ namespace: 'tenant10', maxEntries: 2 });
      for (const ctx of [root, second]) {
        for (const key of ['a', 'b']) {
          await ctx.put(key, storeTestText(key));
          clock.advance(1);
        }
      }
      for (const key of ['a', 'b', 'c', 'd']) {
        await first.put(key, storeTestText(key));
        clock.advance(1);
      }
      expect(await first.keys()).toEqual(['c', 'd']);
      expect(await root.keys()).toEqual(['a', 'b']);
      expect(await second.keys()).toEqual(['a', 'b']);
    });

    it('keeps stats per namespace', async () => {
      if (!supported()) return;
      const first = fixture.context({ namespace: 'acme' });
      const second = fixture.context({ namespace: 'acme_order' });
      await first.put('r', storeTestText('r', 20), { agent: 'researcher' });
      await second.put('w', storeTestText('w', 20), { agent: 'writer' });
      await second.put('x', storeTestText('x', 20), { agent: 'writer' });
      const stats = await first.stats();
      expect(stats.entries).toBe(1);
      expect(Object.keys(stats.agents)).toEqual(['researcher']);
      expect((await second.stats()).agents.writer?.entries).toBe(2);
      expect((await fixture.context().stats()).entries).toBe(0);
    });

    it('names the namespace in markers and resolves them only there', async () => {
      if (!supported()) return;
      const first = fixture.context({ namespace: 'tenant1' });
      const second = fixture.context({ namespace: 'tenant10' });
      const root = fixture.context();
      const one = await first.put('doc', storeTestText('one', 40));
      await second.put('doc', storeTestText('two', 40));
      await root.put('doc', storeTestText('root', 40));
      const [ref] = parseMarkers(one.compressed);
      expect(ref).toMatchObject({ key: 'doc', namespace: 'tenant1' });
      const dropped = storeTestText('one', 40).split('\n').slice(2, -2);
      expect(await first.resolveMarker(one.compressed)).toBe(
        dropped.join('\n'),
      );
      for (const other of [second, root]) {
        const error = await other
          .resolveMarker(one.compressed)
          .catch((caught: unknown) => caught);
        expect(InvalidArgumentError.isInstance(error)).toBe(true);
        expect((error as InvalidArgumentError).parameter).toBe('marker');
        await expect(
          other.retrieve('doc', { marker: one.compressed }),
        ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      }
      // The bare `key#n` form is read in the resolving context's namespace.
      expect(
        await first.retrieve('doc', { marker: `doc#${ref?.spanId}` }),
      ).toBe(dropped.join('\n'));
    });

    it('refuses namespaces that are empty, too long, ill-formed or not strings', () => {
      for (const namespace of ['', 'n'.repeat(257), 'k\ud800', 5, null]) {
        expect(() =>
          fixture.context({ namespace: namespace as string }),
        ).toThrow(
          expect.objectContaining({
            code: 'INVALID_ARGUMENT',
            parameter: 'namespace',
          }),
        );
      }
    });

    it('withNamespace views: raw records, order and eviction stay in their namespace', async () => {
      const driver = fixture.driver();
      if (typeof driver.withNamespace !== 'function') return;
      const now = fixture.clock().now();
      const first = fixture.view('p:');
      const second = fixture.view('p:entry:');
      await driver.set('index', record(now, 'root'));
      await first.set('index', record(now + 1, 'first'));
      await first.set('entry:index', record(now + 2, 'first-2'));
      await second.set('index', record(now + 3, 'second'));
      expect((await driver.get('index'))?.value).toBe(record(0, 'root').value);
      expect((await first.get('index'))?.value).toBe(record(0, 'first').value);
      expect((await second.get('entry:index'))?.value).toBeUndefined();
      expect((await driver.list()).map((meta) => meta.key)).toEqual(['index']);
      expect((await first.list()).map((meta) => meta.key)).toEqual([
        'index',
        'entry:index',
      ]);
      expect(
        await second.set('new', record(now + 4, 'new'), { maxEntries: 1 }),
      ).toEqual({ evicted: ['index'] });
      expect(await first.list()).toHaveLength(2);
      await first.clear();
      expect(await first.list()).toEqual([]);
      expect((await second.list()).map((meta) => meta.key)).toEqual(['new']);
      expect(await driver.delete('new')).toBe(false);
      expect((await driver.list()).map((meta) => meta.key)).toEqual(['index']);
    });
  });
}
