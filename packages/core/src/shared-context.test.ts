import {
  describeCorpus,
  fakeClock,
  readCorpus,
} from '@sharedcontext-internal/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Compressor } from './compressors/index.ts';
import { defaultCompressors } from './compressors/index.ts';
import {
  EntryNotFoundError,
  InvalidArgumentError,
  NotReadyError,
  SharedContextError,
  StoreDriverError,
} from './errors/index.ts';
import { SharedContext } from './shared-context.ts';
import { memoryDriver, type StoreDriver } from './store/index.ts';

// The seed's 100 phrases ("item_i: data value i with details").
const PHRASES = Array.from(
  { length: 100 },
  (_, i) => `item_${i}: data value ${i} with details`,
).join('\n');
const ROWS = JSON.stringify(
  Array.from({ length: 60 }, (_, i) => ({
    id: i,
    name: `service-${i % 7}`,
    status: i % 13 === 0 ? 'failed' : 'ok',
    latencyMs: 20 + ((i * 37) % 90),
  })),
  null,
  2,
);

describe('SharedContext', () => {
  describe('put', () => {
    it('returns an entry with key, agent, token counts and labels', async () => {
      const ctx = new SharedContext();
      const entry = await ctx.put('research', PHRASES, { agent: 'researcher' });
      expect(entry.key).toBe('research');
      expect(entry.agent).toBe('researcher');
      expect(entry.originalTokens).toBeGreaterThan(0);
      expect(entry.compressed.length).toBeLessThanOrEqual(PHRASES.length);
      // One line template repeated a hundred times: the line-template
      // compressor is tried before the text one and wins.
      expect(entry.transforms[0]).toMatch(/^router:log:\d\.\d\d$/);
      expect(entry.tokenizer).toBe('estimate:claude');
    });

    it('compresses JSON and says how in the labels', async () => {
      const ctx = new SharedContext({ model: 'gpt-4o' });
      const entry = await ctx.put('rows', ROWS);
      expect(entry.contentType).toBe('json');
      expect(entry.compressedTokens).toBeLessThan(entry.originalTokens);
      expect(entry.savingsPercent).toBeGreaterThan(20);
      expect(entry.transforms[0]).toBe(
        `router:json:${(entry.compressedTokens / entry.originalTokens).toFixed(2)}`,
      );
      expect(entry.tokenizer).toBe('o200k_base');
    });

    it('serialises non-string content once, deterministically', async () => {
      const ctx = new SharedContext();
      const value = { b: 1, a: [1, 'two', { c: null }] };
      await ctx.put('value', value);
      expect(await ctx.get('value', { full: true })).toBe(
        JSON.stringify(value),
      );
    });

    it('passes content under minTokens through with a label saying why', async () => {
      const ctx = new SharedContext();
      const entry = await ctx.put('small', 'hello world');
      expect(entry.compressed).toBe('hello world');
      expect(entry.savingsPercent).toBe(0);
      expect(entry.transforms).toEqual([
        'router:text:1.00',
        expect.stringMatching(/^skip:below-min-tokens\(\d+<250\)$/),
      ]);
    });

    it('keeps the original when a compressor throws, and names the failure', async () => {
      const broken: Compressor = {
        specificationVersion: 'v1',
        name: 'broken',
        contentTypes: ['json'],
        compress() {
          throw new Error('boom');
        },
      };
      const ctx = new SharedContext({ compressors: [broken] });
      const entry = await ctx.put('rows', ROWS);
      expect(entry.compressed).toBe(ROWS);
      expect(entry.transforms).toContain('broken:failed(boom)');
      expect(await ctx.get('rows', { full: true })).toBe(ROWS);
    });

    it('uses the original when compression would not shrink it', async () => {
      const inflating: Compressor = {
        specificationVersion: 'v1',
        name: 'inflating',
        contentTypes: ['json'],
        compress: ({ content }) => ({
          output: `${content}${content}`,
          lossless: true,
        }),
      };
      const ctx = new SharedContext({ compressors: [inflating] });
      const entry = await ctx.put('rows', ROWS);
      expect(entry.compressed).toBe(ROWS);
      expect(
        entry.transforms.some((label) =>
          label.startsWith('inflating:rejected('),
        ),
      ).toBe(true);
    });
  });

  describe('get', () => {
    it('returns the original byte for byte with full', async () => {
      const ctx = new SharedContext();
      await ctx.put('rows', ROWS);
      expect(await ctx.get('rows', { full: true })).toBe(ROWS);
    });

    it('returns null for a missing key', async () => {
      const ctx = new SharedContext();
      expect(await ctx.get('missing')).toBeNull();
      expect(await ctx.getEntry('missing')).toBeNull();
    });

    it('returns the second version after an overwrite', async () => {
      const ctx = new SharedContext();
      await ctx.put('k', 'first');
      await ctx.put('k', 'second');
      expect(await ctx.get('k', { full: true })).toBe('second');
    });
  });

  describe('getEntry', () => {
    it('carries agent, token counts and a numeric savingsPercent rounded to 0.1', async () => {
      const ctx = new SharedContext();
      await ctx.put('rows', ROWS, { agent: 'agent-A' });
      const entry = await ctx.getEntry('rows');
      expect(entry?.agent).toBe('agent-A');
      expect(entry?.originalTokens).toBeGreaterThanOrEqual(0);
      expect(typeof entry?.savingsPercent).toBe('number');
      expect(Math.round((entry?.savingsPercent ?? 0) * 10) / 10).toBe(
        entry?.savingsPercent,
      );
      expect(entry?.agent).not.toBeUndefined();
      expect((await new SharedContext().put('x', 'y')).agent).toBeNull();
    });
  });

  describe('ttl', () => {
    it('expires at once with ttl 0', async () => {
      const ctx = new SharedContext({ ttl: 0 });
      await ctx.put('gone', 'data');
      expect(await ctx.get('gone')).toBeNull();
      expect(await ctx.getEntry('gone')).toBeNull();
      expect(await ctx.keys()).toEqual([]);
    });

    it('counts from the last write, with the injected clock', async () => {
      const clock = fakeClock();
      const ctx = new SharedContext({ ttl: 10, now: clock.now });
      await ctx.put('k', 'v1');
      clock.advance(8_000);
      await ctx.put('k', 'v2');
      clock.advance(8_000);
      expect(await ctx.get('k')).toBe('v2');
      clock.advance(2_000);
      expect(await ctx.get('k')).toBeNull();
    });

    it('purges expired entries from the store, not just hides them', async () => {
      const clock = fakeClock();
      const store = memoryDriver();
      const ctx = new SharedContext({ ttl: 1, now: clock.now, store });
      await ctx.put('old', 'a');
      clock.advance(5_000);
      await ctx.put('fresh', 'b');
      expect(
        (store.list() as { key: string }[]).map((meta) => meta.key),
      ).toEqual(['fresh']);
      expect(await ctx.keys()).toEqual(['fresh']);
    });

    it('hides expired keys from keys() and stats()', async () => {
      const clock = fakeClock();
      const ctx = new SharedContext({ ttl: 10, now: clock.now });
      await ctx.put('stale', 'a');
      clock.advance(9_000);
      await ctx.put('fresh', 'b');
      clock.advance(2_000);
      expect(await ctx.keys()).toEqual(['fresh']);
      expect((await ctx.stats()).entries).toBe(1);
    });
  });

  describe('keys', () => {
    it('lists live keys oldest write first', async () => {
      const clock = fakeClock();
      const ctx = new SharedContext({ now: clock.now });
      for (const key of ['a', 'b', 'c']) {
        await ctx.put(key, key);
        clock.advance(1);
      }
      await ctx.put('a', 'again');
      expect(await ctx.keys()).toEqual(['b', 'c', 'a']);
    });
  });

  describe('maxEntries', () => {
    it('evicts the least recently written entry', async () => {
      const ctx = new SharedContext({ maxEntries: 2 });
      await ctx.put('first', '1');
      await ctx.put('second', '2');
      await ctx.put('third', '3');
      expect(await ctx.get('first')).toBeNull();
      expect(await ctx.keys()).toEqual(['second', 'third']);
    });

    it('counts rewriting as the latest write', async () => {
      const ctx = new SharedContext({ maxEntries: 2 });
      await ctx.put('first', '1');
      await ctx.put('second', '2');
      await ctx.put('first', '1b');
      await ctx.put('third', '3');
      expect(await ctx.keys()).toEqual(['first', 'third']);
    });

    it('never evicts another entry when a key is overwritten', async () => {
      const ctx = new SharedContext({ maxEntries: 2 });
      await ctx.put('a', '1');
      await ctx.put('b', '2');
      await ctx.put('b', '3');
      expect(await ctx.keys()).toEqual(['a', 'b']);
    });

    it('never overfills under concurrent puts', async () => {
      const ctx = new SharedContext({ maxEntries: 5 });
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          ctx.put(`k${i}`, ROWS.slice(0, 500 + i)),
        ),
      );
      const keys = await ctx.keys();
      expect(keys).toHaveLength(5);
      expect(keys).toEqual(['k35', 'k36', 'k37', 'k38', 'k39']);
    });
  });

  describe('stats', () => {
    it('sums tokens of live entries, overall and per agent', async () => {
      const ctx = new SharedContext();
      const a = await ctx.put('a', ROWS, { agent: 'researcher' });
      const b = await ctx.put('b', PHRASES, { agent: 'analyst' });
      const stats = await ctx.stats();
      expect(stats.entries).toBe(2);
      expect(stats.totalOriginalTokens).toBe(
        a.originalTokens + b.originalTokens,
      );
      expect(stats.totalCompressedTokens).toBe(
        a.compressedTokens + b.compressedTokens,
      );
      expect(stats.totalTokensSaved).toBe(
        stats.totalOriginalTokens - stats.totalCompressedTokens,
      );
      expect(stats.agents.researcher?.originalTokens).toBe(a.originalTokens);
      expect(stats.agents.analyst?.entries).toBe(1);
    });

    it('is all zero when empty', async () => {
      const stats = await new SharedContext().stats();
      expect(stats).toMatchObject({
        entries: 0,
        totalOriginalTokens: 0,
        savingsPercent: 0,
      });
    });
  });

  describe('delete and clear', () => {
    it('deletes one entry, or all', async () => {
      const ctx = new SharedContext();
      await ctx.put('a', '1');
      await ctx.put('b', '2');
      expect(await ctx.delete('a')).toBe(true);
      expect(await ctx.delete('a')).toBe(false);
      expect(await ctx.keys()).toEqual(['b']);
      await ctx.clear();
      expect(await ctx.keys()).toEqual([]);
      expect((await ctx.stats()).entries).toBe(0);
    });
  });

  describe('retrieve', () => {
    it('returns the whole original without options, matching lines for a query', async () => {
      const ctx = new SharedContext();
      await ctx.put('phrases', PHRASES);
      expect(await ctx.retrieve('phrases')).toBe(PHRASES);
      expect(await ctx.retrieve('phrases', { query: 'item_42' })).toBe(
        'item_42: data value 42 with details',
      );
      expect(await ctx.retrieve('missing')).toBeNull();
    });

    it('returns matching items of a JSON array for a query', async () => {
      const ctx = new SharedContext();
      await ctx.put('rows', ROWS);
      const found = (await ctx.retrieve('rows', { query: 'failed' }))!
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(found.map((row) => row.id)).toEqual([0, 13, 26, 39, 52]);
    });

    it('resolves a marker to exactly the dropped span', async () => {
      const dropping: Compressor = {
        specificationVersion: 'v1',
        name: 'drop-middle',
        contentTypes: ['text'],
        compress({ content, markers }) {
          const lines = content.split('\n');
          const start = lines[0]!.length + 1;
          const end = content.length - lines.at(-1)!.length - 1;
          const marker = markers.drop({
            summary: `${lines.length - 2} lines omitted`,
            ranges: [[start, end]],
          });
          return {
            output: `${lines[0]}\n${marker}\n${lines.at(-1)}`,
            lossless: false,
          };
        },
      };
      const ctx = new SharedContext({ compressors: [dropping] });
      const entry = await ctx.put('phrases', PHRASES);
      const marker = /\[… [^\]]*…\]/.exec(entry.compressed)![0];
      expect(marker).toBe('[… 98 lines omitted · sc:phrases#1 …]');
      const middle = PHRASES.split('\n').slice(1, -1).join('\n');
      expect(await ctx.retrieve('phrases', { marker })).toBe(middle);
      expect(await ctx.retrieve('phrases', { marker: 'phrases#1' })).toBe(
        middle,
      );
      expect(await ctx.resolveMarker(`see ${marker} above`)).toBe(middle);
      await expect(
        ctx.retrieve('phrases', { marker: 'phrases#9' }),
      ).rejects.toSatisfy(EntryNotFoundError.isInstance);
      await expect(
        ctx.retrieve('phrases', { marker: 'other#1' }),
      ).rejects.toSatisfy(InvalidArgumentError.isInstance);
    });
  });

  describe('putSync', () => {
    it('throws NotReadyError before ready() on an exact tokenizer', () => {
      const ctx = new SharedContext({
        model: 'gpt-4.1-mini',
        tokenizer: undefined,
      });
      // The o200k tables may already be loaded by another test in this
      // process; a fresh cl100k instance is never loaded here.
      const fresh = new SharedContext({ model: 'gpt-3.5-turbo' });
      expect(() => fresh.putSync('k', ROWS)).toThrow(
        expect.objectContaining({ code: 'NOT_READY' }),
      );
      expect(
        NotReadyError.isInstance(captured(() => fresh.putSync('k', ROWS))),
      ).toBe(true);
      expect(ctx.model).toBe('gpt-4.1-mini');
    });

    it('stores synchronously and durably on a synchronous store', async () => {
      const store = memoryDriver();
      const ctx = new SharedContext({ store });
      await ctx.ready();
      const entry = ctx.putSync('rows', ROWS, { agent: 'a' });
      expect(entry.compressedTokens).toBeLessThan(entry.originalTokens);
      expect(store.get('rows')).toBeDefined();
      expect(await ctx.get('rows', { full: true })).toBe(ROWS);
    });

    it('holds a failed async write and reports it from flush(), then retries', async () => {
      const inner = memoryDriver();
      let down = true;
      const flaky: StoreDriver = {
        ...inner,
        name: 'flaky',
        flags: {},
        set: async (key, record, options) => {
          if (down) throw new Error('connection refused');
          return inner.set(key, record, options);
        },
        list: async () => inner.list(),
      };
      const ctx = new SharedContext({ store: flaky });
      await ctx.ready();
      ctx.putSync('rows', ROWS);
      expect(await ctx.get('rows', { full: true })).toBe(ROWS);
      const error = await ctx.flush().then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(StoreDriverError.isInstance(error)).toBe(true);
      expect((error as StoreDriverError).driver).toBe('flaky');
      expect(await ctx.keys()).toEqual(['rows']);
      down = false;
      await ctx.flush();
      expect(inner.get('rows')).toBeDefined();
      expect(await ctx.get('rows', { full: true })).toBe(ROWS);
    });
  });

  describe('bad input', () => {
    const ctx = new SharedContext();
    it.each([
      ['empty key', () => ctx.put('', 'x'), 'key'],
      ['non-string key', () => ctx.put(42 as unknown as string, 'x'), 'key'],
      ['function content', () => ctx.put('k', () => 1), 'content'],
      ['BigInt content', () => ctx.put('k', { n: 10n }), 'content'],
      ['cyclic content', () => ctx.put('k', cyclic()), 'content'],
      ['undefined content', () => ctx.put('k', undefined), 'content'],
      ['NaN in content', () => ctx.put('k', { n: Number.NaN }), 'content'],
    ])(
      'rejects %s with InvalidArgumentError',
      async (_name, call, parameter) => {
        const error = await Promise.resolve()
          .then(call)
          .then(
            () => undefined,
            (caught: unknown) => caught,
          );
        expect(InvalidArgumentError.isInstance(error)).toBe(true);
        expect((error as InvalidArgumentError).parameter).toBe(parameter);
        expect(SharedContextError.isInstance(error)).toBe(true);
        expect((error as Error).message).toMatch(
          /^\[sharedcontext\] Invalid argument for /,
        );
      },
    );

    it.each([
      [{ maxEntries: 0 }, 'maxEntries'],
      [{ maxEntries: -1 }, 'maxEntries'],
      [{ maxEntries: 1.5 }, 'maxEntries'],
      [{ ttl: -1 }, 'ttl'],
      [{ model: '' }, 'model'],
      [{ store: {} as StoreDriver }, 'store'],
    ])('rejects options %o naming %s', (options, parameter) => {
      const error = captured(() => new SharedContext(options));
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as InvalidArgumentError).parameter).toBe(parameter);
    });
  });

  describe('round trip', () => {
    it('returns any Unicode string byte for byte (property)', async () => {
      const ctx = new SharedContext({ minTokens: 0 });
      await fc.assert(
        fc.asyncProperty(
          fc.string({ unit: 'binary', maxLength: 400 }),
          async (text) => {
            await ctx.put('p', text);
            expect(await ctx.get('p', { full: true })).toBe(text);
          },
        ),
        { numRuns: 150 },
      );
    });

    it('keeps lone surrogates, emoji and RTL text intact', async () => {
      const ctx = new SharedContext({ minTokens: 0 });
      const text = `lone \ud800 high, \udc00 low, emoji 👩‍💻🚀, RTL שלום مرحبا, NUL \u0000 end`;
      await ctx.put('u', text);
      expect(await ctx.get('u', { full: true })).toBe(text);
    });

    it('stores and returns a 50 MB original', async () => {
      const ctx = new SharedContext();
      const line = 'GET /api/v1/items?page=1 200 12ms trace=abcdef0123456789\n';
      const huge = line.repeat(Math.ceil((50 * 1024 * 1024) / line.length));
      const entry = await ctx.put('huge', huge);
      expect(entry.originalTokens).toBeGreaterThan(1_000_000);
      expect((await ctx.get('huge', { full: true })) === huge).toBe(true);
    });
  });

  describe('default compressors', () => {
    it('are listed in router order', () => {
      expect(defaultCompressors()[0]?.name).toBe('json');
    });
  });
});

describeCorpus('SharedContext on the shared corpus', () => {
  it('compresses the npm packages JSON for real', async () => {
    const ctx = new SharedContext({ model: 'gpt-4o' });
    const json = readCorpus('json/npm-packages-1500.json');
    const entry = await ctx.put('npm', json);
    expect(entry.originalTokens).toBeGreaterThan(40_000);
    expect(entry.savingsPercent).toBeGreaterThan(20);
    expect(await ctx.get('npm', { full: true })).toBe(json);
  });

  it('counts o200k tokens exactly for OpenAI models', async () => {
    const ctx = new SharedContext({ model: 'gpt-4o' });
    const entry = await ctx.put(
      'labels',
      readCorpus('json/octokit-labels.json'),
    );
    const { countTokens } = await import('gpt-tokenizer/encoding/o200k_base');
    expect(entry.originalTokens).toBe(
      countTokens(readCorpus('json/octokit-labels.json')),
    );
  });
});

describe('SharedContext.isReady and countTokens', () => {
  it('reports readiness and counts with the context tokenizer once ready', async () => {
    const ctx = new SharedContext({ model: 'gpt-4o' });
    expect(ctx.isReady).toBe(false);
    await ctx.ready();
    expect(ctx.isReady).toBe(true);
    expect(ctx.countTokens('hello world')).toBe(2);
    expect(ctx.countTokens('')).toBe(0);
  });

  it('rejects text that is not a string', async () => {
    const ctx = new SharedContext();
    await ctx.ready();
    expect(
      InvalidArgumentError.isInstance(
        captured(() => ctx.countTokens(42 as unknown as string)),
      ),
    ).toBe(true);
  });
});

function cyclic(): unknown {
  const value: Record<string, unknown> = { a: 1 };
  value.self = value;
  return value;
}

function captured(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
