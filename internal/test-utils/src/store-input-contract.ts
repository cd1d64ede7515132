import {
  InvalidArgumentError,
  type SharedContext,
  SharedContextError,
  type SharedContextOptions,
  type StoreDriver,
} from '@sharedcontext/core';
import { describe, expect, it } from 'vitest';
import type { FakeClock } from './fake-clock.ts';
import { record } from './store-driver-contract.ts';
import { storeTestText } from './store-test-content.ts';

/** What the input contract needs from its suite. */
export interface InputFixture {
  driver(): StoreDriver;
  clock(): FakeClock;
  context(options?: SharedContextOptions): SharedContext;
}

/** Strings with a lone surrogate: UTF-8 encoders turn each into U+FFFD. */
const ILL_FORMED = ['k\ud800', 'k\udfff', '\udc00k', 'k\ud800\ud800'];

/** Names that are members of `Object.prototype`. */
export const PROTOTYPE_NAMES: readonly string[] = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
];

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

function expectInvalid(error: unknown, parameter: string): void {
  expect(InvalidArgumentError.isInstance(error)).toBe(true);
  expect((error as InvalidArgumentError).parameter).toBe(parameter);
}

/**
 * Hostile input on every store: the key rule (ill-formed UTF-16 keys,
 * agent names and namespaces are refused), all-or-nothing writes (a
 * rejected put writes nothing), and user strings that name
 * `Object.prototype` members.
 */
export function describeInputContract(fixture: InputFixture): void {
  describe('hostile input', () => {
    it('refuses ill-formed keys and agent names on every method, writing nothing', async () => {
      const ctx = fixture.context();
      for (const bad of ILL_FORMED) {
        expectInvalid(await rejection(ctx.put(bad, 'x')), 'key');
        expectInvalid(
          await rejection(ctx.put('k', 'x', { agent: bad })),
          'agent',
        );
        expectInvalid(await rejection(ctx.get(bad)), 'key');
        expectInvalid(await rejection(ctx.getEntry(bad)), 'key');
        expectInvalid(await rejection(ctx.retrieve(bad)), 'key');
        expectInvalid(await rejection(ctx.delete(bad)), 'key');
        expect(() => ctx.putSync(bad, 'x')).toThrow(
          expect.objectContaining({ parameter: 'key' }),
        );
      }
      expect(await ctx.keys()).toEqual([]);
      expect(await fixture.driver().list()).toEqual([]);
    });

    it('keeps well-formed neighbours of lone surrogates distinct', async () => {
      const ctx = fixture.context();
      const keys = ['k\ufffd', 'k\ud83d\udddd', 'k'];
      for (const key of keys) await ctx.put(key, storeTestText(key, 3));
      for (const key of keys)
        expect(await ctx.get(key, { full: true })).toBe(storeTestText(key, 3));
      expect(await ctx.keys()).toEqual(keys);
    });

    it('a driver handed ill-formed keys directly throws a typed error or keeps them apart', async () => {
      const driver = fixture.driver();
      const now = fixture.clock().now();
      const written: string[] = [];
      for (const key of ['k\ud800', 'k\udfff', 'k\ufffd']) {
        try {
          await driver.set(key, record(now + written.length, key));
          written.push(key);
        } catch (error) {
          expect(SharedContextError.isInstance(error)).toBe(true);
        }
      }
      for (const key of written)
        expect((await driver.get(key))?.value).toBe(record(0, key).value);
      expect(new Set((await driver.list()).map((meta) => meta.key)).size).toBe(
        written.length,
      );
    });

    it('a rejected put writes nothing and leaves the previous entry', async () => {
      const ctx = fixture.context();
      await ctx.put('kept', storeTestText('kept'));
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      const rejected: Array<[unknown, unknown]> = [
        [new Map([['a', 1]]), undefined],
        [{ nested: [new Set([1])] }, undefined],
        [cyclic, undefined],
        [{ n: 1n }, undefined],
        ['text', null],
        ['text', { agent: 5 }],
        ['text', { query: {} }],
        ['text', { contentType: 'no-such-type' }],
      ];
      for (const [content, options] of rejected) {
        for (const key of ['kept', 'new']) {
          const error = await rejection(
            ctx.put(key, content, options as never),
          );
          expect(InvalidArgumentError.isInstance(error)).toBe(true);
          expect(() => ctx.putSync(key, content, options as never)).toThrow(
            expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
          );
        }
      }
      expect(await ctx.keys()).toEqual(['kept']);
      expect(await ctx.get('kept', { full: true })).toBe(storeTestText('kept'));
      expect((await fixture.driver().list()).map((meta) => meta.key)).toEqual([
        'kept',
      ]);
    });

    it('agent names and keys that are Object.prototype members are just names', async () => {
      const ctx = fixture.context();
      for (const name of PROTOTYPE_NAMES) {
        await ctx.put(name, storeTestText(name, 20), { agent: name });
      }
      const stats = await ctx.stats();
      expect(stats.entries).toBe(PROTOTYPE_NAMES.length);
      expect(Object.keys(stats.agents).sort()).toEqual(
        [...PROTOTYPE_NAMES].sort(),
      );
      for (const name of PROTOTYPE_NAMES) {
        expect(Object.hasOwn(stats.agents, name)).toBe(true);
        expect(stats.agents[name]?.entries).toBe(1);
        expect(await ctx.get(name, { full: true })).toBe(
          storeTestText(name, 20),
        );
      }
      // Nothing leaked onto the shared prototype.
      const probe: Record<string, unknown> = {};
      expect(Object.keys(probe)).toEqual([]);
      expect(typeof probe.toString).toBe('function');
      expect(Object.entries({ a: 1 })).toEqual([['a', 1]]);
      expect(await ctx.keys()).toEqual(PROTOTYPE_NAMES);
    });

    it('null and wrong-typed option arguments are typed errors naming the parameter', async () => {
      const ctx = fixture.context();
      await ctx.put('k', storeTestText('k', 20));
      expectInvalid(await rejection(ctx.get('k', null as never)), 'options');
      expectInvalid(await rejection(ctx.get('k', 5 as never)), 'options');
      expectInvalid(
        await rejection(ctx.get('k', { full: 'yes' } as never)),
        'full',
      );
      expectInvalid(
        await rejection(ctx.retrieve('k', null as never)),
        'options',
      );
      expectInvalid(await rejection(ctx.retrieve('k', { limit: -1 })), 'limit');
      expectInvalid(
        await rejection(ctx.retrieve('k', { query: 5 } as never)),
        'query',
      );
      expectInvalid(
        await rejection(ctx.put('k', 'x', null as never)),
        'options',
      );
      expect(await ctx.get('k', { full: true })).toBe(storeTestText('k', 20));
    });
  });
}
