import type {
  SharedContext,
  SharedContextOptions,
  StoreDriver,
} from '@sharedcontext/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** What the round-trip property needs from its suite. */
export interface RoundTripFixture {
  driver(): StoreDriver;
  context(options?: SharedContextOptions): SharedContext;
}

const wellFormed = (text: string) => !/\p{Cs}/u.test(text);

// Keys and names: any well-formed string, `Object.prototype` members and
// separators included. Content: any UTF-16, lone surrogates included.
const name = fc
  .oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 24 }),
    fc.constantFrom('__proto__', 'constructor', 'toString', 'a:b', 'p:entry:'),
  )
  .filter(wellFormed);

/**
 * A fast-check round trip on every store: for arbitrary keys, agent names,
 * namespaces and content, `get(key, { full: true })` returns the content
 * byte for byte and the entry is listed once, in its own namespace only.
 */
export function describeRoundTripContract(fixture: RoundTripFixture): void {
  describe('round trip (property)', () => {
    it('returns any content under any well-formed key, agent and namespace', async () => {
      const namespaced = typeof fixture.driver().withNamespace === 'function';
      await fc.assert(
        fc.asyncProperty(
          name,
          fc.option(name, { nil: undefined }),
          namespaced
            ? fc.option(name, { nil: undefined })
            : fc.constant(undefined),
          fc.string({ unit: 'binary', maxLength: 400 }),
          async (key, agent, namespace, content) => {
            const ctx = fixture.context(
              namespace === undefined ? {} : { namespace },
            );
            await ctx.put(key, content, agent === undefined ? {} : { agent });
            expect(await ctx.get(key, { full: true })).toBe(content);
            expect((await ctx.keys()).filter((k) => k === key)).toHaveLength(1);
            if (agent !== undefined)
              expect((await ctx.stats()).agents[agent]?.entries).toBe(1);
            await ctx.clear();
            expect(await ctx.keys()).toEqual([]);
          },
        ),
        { numRuns: 25, seed: 15 },
      );
    }, 120_000);
  });
}
