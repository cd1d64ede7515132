import { beforeAll, describe, expect, it } from 'vitest';
import { compress, compressSync, prepare } from '../compress.ts';
import { SharedContext } from '../shared-context.ts';
import { tiktokenTokenizer } from '../tokenizer/index.ts';
import type { Compressor } from './compressor.ts';
import { defaultCompressors } from './default-compressors.ts';
import {
  createCompressorLoader,
  loadInstalledCompressors,
} from './installed-compressors.ts';

const o200k = tiktokenTokenizer('o200k_base');
beforeAll(() => o200k.load());

/** A TypeScript module long enough to compress, with bodies the code compressor elides. */
const SOURCE = Array.from({ length: 30 }, (_, i) =>
  [
    `export function load${i}(options: Options): Promise<string> {`,
    `  const value = options.cache?.get('key-${i}') ?? defaults.load(${i});`,
    '  if (value === undefined) {',
    `    throw new Error('missing value for key ${i}');`,
    '  }',
    '  const result = transform(value, { retries: 3, backoffMs: 100 });',
    '  return Promise.resolve(String(result));',
    '}',
    '',
  ].join('\n'),
).join('\n');

describe('createCompressorLoader', () => {
  it('leaves out a plug-in that is not installed, without throwing', async () => {
    const loader = createCompressorLoader(async (specifier) => {
      const error = new Error(`Cannot find package '${specifier}'`);
      (error as Error & { code: string }).code = 'ERR_MODULE_NOT_FOUND';
      throw error;
    });
    expect(await loader.load()).toEqual([]);
    expect(loader.loaded()).toEqual([]);
  });

  it('builds and prepares an installed plug-in once, and leaves out one whose prepare fails', async () => {
    let prepared = 0;
    let imports = 0;
    const fake: Compressor = {
      specificationVersion: 'v1',
      name: 'fake-code',
      contentTypes: ['code'],
      async prepare() {
        prepared++;
      },
      compress: ({ content }) => ({ output: content, lossless: true }),
    };
    const loader = createCompressorLoader(async () => {
      imports++;
      return { codeCompressor: () => fake };
    });
    expect(loader.loaded()).toEqual([]);
    expect(await loader.load()).toEqual([fake]);
    expect(await loader.load()).toEqual([fake]);
    expect(loader.loaded()).toEqual([fake]);
    expect({ prepared, imports }).toEqual({ prepared: 1, imports: 1 });

    const broken = createCompressorLoader(async () => ({
      codeCompressor: () => ({
        ...fake,
        prepare: () => Promise.reject(new Error('grammar missing')),
      }),
    }));
    expect(await broken.load()).toEqual([]);
  });
});

// In this workspace @sharedcontext/compressor-code is installed (a dev
// dependency of core), as it is for a user who installed it.
describe('installed plug-ins by default (issue 14)', () => {
  it('finds @sharedcontext/compressor-code when it is installed', async () => {
    const names = (await loadInstalledCompressors()).map((c) => c.name);
    expect(names).toEqual(['code']);
  });

  it('SharedContext uses the code plug-in without a compressors list, and stats() names it', async () => {
    const ctx = new SharedContext({ tokenizer: o200k });
    await ctx.ready();
    const entry = ctx.putSync('source', SOURCE);
    expect(entry.compressor).toBe('code');
    expect(entry.transforms.some((label) => label.startsWith('code:'))).toBe(
      true,
    );
    await ctx.put('notes', 'short note');
    const stats = await ctx.stats();
    expect(stats.compressors).toEqual({ code: 1, '(none)': 1 });
  });

  it('the async put alone loads the plug-in too', async () => {
    const ctx = new SharedContext({ tokenizer: o200k });
    const entry = await ctx.put('source', SOURCE);
    expect(entry.compressor).toBe('code');
  });

  it('an explicit compressors list still overrides', async () => {
    const ctx = new SharedContext({
      tokenizer: o200k,
      compressors: defaultCompressors(),
    });
    await ctx.ready();
    const entry = await ctx.put('source', SOURCE);
    expect(entry.compressor).toBe('text');
    const result = await compress(SOURCE, {
      tokenizer: o200k,
      compressors: defaultCompressors(),
    });
    expect(result.transforms.some((label) => label.startsWith('code:'))).toBe(
      false,
    );
  });

  it('compress() and, after prepare(), compressSync() use it', async () => {
    const result = await compress(SOURCE, { tokenizer: o200k });
    expect(result.transforms.some((label) => label.startsWith('code:'))).toBe(
      true,
    );
    await prepare({ tokenizer: o200k });
    const sync = compressSync(SOURCE, { tokenizer: o200k });
    expect(sync.transforms.some((label) => label.startsWith('code:'))).toBe(
      true,
    );
  });
});
