import { describe, expect, it } from 'vitest';
import { compress, compressSync, prepare } from './compress.ts';
import {
  createRouter,
  decodeJson,
  diffCompressor,
  htmlCompressor,
  jsonCompressor,
  logCompressor,
  mixedCompressor,
  searchCompressor,
  textCompressor,
} from './compressors/index.ts';
import {
  codeDetector,
  detectContentType,
  mixedDetector,
} from './detect/index.ts';
import { InvalidArgumentError } from './errors/index.ts';
import { parseMarkers, searchOriginal } from './retrieval/index.ts';
import { SharedContext } from './shared-context.ts';
import { memoryDriver, type StoreDriver } from './store/index.ts';
import { estimateTokenizer, tokenizerForModel } from './tokenizer/index.ts';

// Issue 15: hostile input (agent names, keys, content, option arguments).

function caught(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

async function rejected(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

function expectInvalid(error: unknown, parameter: string): void {
  expect(InvalidArgumentError.isInstance(error)).toBe(true);
  expect((error as InvalidArgumentError).parameter).toBe(parameter);
}

describe('issue 15: prototype pollution', () => {
  it('stats() with the agent `constructor` or `__proto__` leaves Object.prototype alone', async () => {
    const ctx = new SharedContext({ minTokens: 0 });
    await ctx.put('a', 'alpha', { agent: 'constructor' });
    await ctx.put('b', 'beta', { agent: '__proto__' });
    await ctx.put('c', 'gamma', { agent: 'toString' });
    await ctx.put('d', 'delta', { agent: 'hasOwnProperty' });
    const stats = await ctx.stats();
    expect(Object.getPrototypeOf(stats.agents)).toBeNull();
    expect(Object.keys(stats.agents)).toEqual([
      'constructor',
      '__proto__',
      'toString',
      'hasOwnProperty',
    ]);
    const proto = '__proto__';
    expect(stats.agents[proto]?.entries).toBe(1);
    expect(JSON.parse(JSON.stringify(stats.agents)).constructor.entries).toBe(
      1,
    );
    expect(Object.entries({ x: 1 })).toEqual([['x', 1]]);
    expect(({} as Record<string, unknown>).entries).toBeUndefined();
  });
});

const PROTO_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

describe('issue 15: prototype-member names in content', () => {
  // Rows whose column names are Object.prototype members, as JSON.parse
  // would make them (own properties, `__proto__` included).
  const rows = JSON.stringify(
    Array.from({ length: 80 }, (_, index) =>
      Object.fromEntries(
        PROTO_NAMES.map((name, column) => [
          name,
          `${name}-${index % (column + 3)}`,
        ]),
      ),
    ),
  );

  it('compresses JSON with such columns and returns the original byte for byte', async () => {
    const ctx = new SharedContext({ minTokens: 0 });
    const entry = await ctx.put('rows', rows, { agent: 'toString' });
    expect(entry.contentType).toBe('json');
    expect(entry.compressedTokens).toBeLessThan(entry.originalTokens);
    for (const name of PROTO_NAMES) expect(entry.compressed).toContain(name);
    expect(await ctx.get('rows', { full: true })).toBe(rows);
    expect(await ctx.retrieve('rows', { query: 'constructor-1' })).toContain(
      'constructor-1',
    );
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
  });

  it('decodes a lossless view of such columns back to the same JSON', async () => {
    const result = await compress(rows, { lossless: true, minTokens: 0 });
    expect(JSON.stringify(decodeJson(result.compressed))).toBe(rows);
  });

  it('leaves an HTML entity named after a prototype member as text', async () => {
    const html = `<html><body>${Array.from(
      { length: 60 },
      (_, index) =>
        `<p>Row ${index}: &constructor; &toString; &hasOwnProperty; &amp; &__proto__;</p>`,
    ).join('\n')}</body></html>`;
    const result = await compress(html, { contentType: 'html', minTokens: 0 });
    expect(result.compressed).not.toContain('function');
    expect(result.compressed).not.toContain('[object');
  });
});

describe('issue 15: content JSON cannot carry', () => {
  const cases: Array<[string, unknown]> = [
    ['a Map', new Map([['k', 1]])],
    ['a Set', new Set([1])],
    ['a nested Map', { deep: [{ m: new Map() }] }],
    ['a RegExp', { pattern: /x/ }],
    ['an Error', [new Error('boom')]],
    ['undefined in an array', [1, undefined, 3]],
    // biome-ignore lint/suspicious/noSparseArray: the hole is the case under test
    ['a hole in an array', [1, , 3]],
  ];
  for (const [name, content] of cases) {
    it(`refuses ${name} with InvalidArgumentError, storing nothing`, async () => {
      const ctx = new SharedContext();
      expectInvalid(await rejected(ctx.put('k', content)), 'content');
      expectInvalid(await rejected(compress(content)), 'content');
      expect(await ctx.keys()).toEqual([]);
    });
  }

  it('omits undefined object properties, as JSON does, and says so in the docs', async () => {
    const ctx = new SharedContext();
    const entry = await ctx.put('k', { a: 1, b: undefined });
    expect(entry.original).toBe('{"a":1}');
  });
});

describe('issue 15: option arguments', () => {
  it('compress(x, null) and compressSync(x, null) name the options', async () => {
    expectInvalid(await rejected(compress('x', null as never)), 'options');
    await prepare();
    expectInvalid(
      caught(() => compressSync('x', null as never)),
      'options',
    );
    expectInvalid(await rejected(prepare(null as never)), 'options');
  });

  it('wrong-typed compressors, detectors, tokenizer and contentType name the option', async () => {
    expectInvalid(
      caught(() => new SharedContext({ compressors: 5 as never })),
      'compressors',
    );
    expectInvalid(
      caught(() => new SharedContext({ compressors: [null] as never })),
      'compressors[0]',
    );
    expectInvalid(
      caught(() => new SharedContext({ detectors: {} as never })),
      'detectors',
    );
    expectInvalid(
      caught(() => new SharedContext({ tokenizer: 'o200k' as never })),
      'tokenizer',
    );
    expectInvalid(
      await rejected(compress('x', { compressors: 5 as never })),
      'compressors',
    );
    expectInvalid(
      await rejected(compress('x', { contentType: 'yaml' as never })),
      'contentType',
    );
    expectInvalid(await rejected(compress('x', { key: '' })), 'key');
  });

  it('null options of every public factory and helper name the parameter', () => {
    const calls: Array<[string, () => unknown, string]> = [
      ['jsonCompressor', () => jsonCompressor(null as never), 'options'],
      ['logCompressor', () => logCompressor(null as never), 'options'],
      ['searchCompressor', () => searchCompressor(null as never), 'options'],
      ['diffCompressor', () => diffCompressor(null as never), 'options'],
      ['htmlCompressor', () => htmlCompressor(null as never), 'options'],
      ['textCompressor', () => textCompressor(null as never), 'options'],
      ['mixedCompressor', () => mixedCompressor(null as never), 'options'],
      ['createRouter', () => createRouter(null as never), 'options'],
      [
        'createRouter',
        () => createRouter({ compressors: 5 as never }),
        'compressors',
      ],
      ['codeDetector', () => codeDetector(null as never), 'options'],
      ['mixedDetector', () => mixedDetector(null as never), 'options'],
      [
        'detectContentType',
        () => detectContentType('x', null as never),
        'options',
      ],
      ['detectContentType', () => detectContentType(null as never), 'content'],
      [
        'tokenizerForModel',
        () => tokenizerForModel('gpt-4o', null as never),
        'options',
      ],
      ['tokenizerForModel', () => tokenizerForModel(5 as never), 'model'],
      ['estimateTokenizer', () => estimateTokenizer(null as never), 'options'],
      ['parseMarkers', () => parseMarkers(null as never), 'text'],
      [
        'searchOriginal',
        () => searchOriginal('x', 'q', null as never),
        'options',
      ],
    ];
    for (const [name, call, parameter] of calls) {
      const error = caught(call);
      expect(InvalidArgumentError.isInstance(error), name).toBe(true);
      expect((error as InvalidArgumentError).parameter, name).toBe(parameter);
    }
  });

  it('refuses a ttl beyond what every store can hold, before any write', () => {
    expectInvalid(
      caught(() => new SharedContext({ ttl: 1e20 })),
      'ttl',
    );
    expect(new SharedContext({ ttl: 1e10 }).ttl).toBe(1e10);
  });
});

describe('issue 15: namespaces', () => {
  it('refuses a namespace on a driver without withNamespace, naming the option', () => {
    const { withNamespace: _unused, ...plain } = memoryDriver();
    const store: StoreDriver = plain;
    const error = caught(() => new SharedContext({ store, namespace: 't1' }));
    expectInvalid(error, 'namespace');
    expect((error as Error).message).toContain('withNamespace');
    expect(new SharedContext({ store }).namespace).toBeUndefined();
  });

  it('two contexts on one memory store never see each other', async () => {
    const store = memoryDriver();
    const first = new SharedContext({ store, namespace: 'tenant1' });
    const second = new SharedContext({ store, namespace: 'tenant10' });
    await first.put('k', 'one');
    await second.put('k', 'two');
    await second.clear();
    expect(await first.get('k', { full: true })).toBe('one');
    expect(await second.keys()).toEqual([]);
  });
});
