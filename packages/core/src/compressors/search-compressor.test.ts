import {
  describeCorpus,
  listCorpus,
  readCorpus,
  readSearchPaths,
  runCompressor,
} from '@sharedcontext-internal/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { compress } from '../compress.ts';
import { InvalidArgumentError } from '../errors/index.ts';
import { parseMarkers, spanText } from '../retrieval/index.ts';
import { SharedContext } from '../shared-context.ts';
import { tiktokenTokenizer } from '../tokenizer/index.ts';
import {
  type SearchCompressorOptions,
  searchCompressor,
} from './search-compressor.ts';

const o200k = tiktokenTokenizer('o200k_base');
/** Corpus savings are measured with a key as long as compress() makes. */
const REALISTIC_KEY = 'cf256b1ef';
beforeAll(() => o200k.load());

function run(
  content: string,
  options: SearchCompressorOptions = {},
  query?: string,
  key = 'k',
) {
  return runCompressor(searchCompressor(options), content, {
    tokenizer: o200k,
    query,
    key,
  });
}

const HITS = [
  ...Array.from(
    { length: 12 },
    (_, i) =>
      `src/storage.ts:${10 * (i + 1)}:  const driver${i} = mount.driver;`,
  ),
  'src/cache.ts:5:export const cache = createCache();',
  'src/errors.ts:3:  throw new Error("driver failed");',
  'src/errors.ts:9:  return driver;',
];

describe('searchCompressor', () => {
  it('groups lines by file, keeps every path and caps lines per file with a marker', () => {
    const content = HITS.join('\n');
    const result = run(content, { maxLinesPerFile: 3 });
    const lines = result.output.split('\n');
    expect(lines[0]).toBe('src/storage.ts:');
    expect(lines).toContain('  10:const driver0 = mount.driver;');
    expect(lines).toContain('  120:const driver11 = mount.driver;');
    expect(lines).toContain('  [… 9 more matches omitted · sc:k#1 …]');
    expect(lines).toContain(
      'src/cache.ts:5:export const cache = createCache();',
    );
    expect(lines).toContain('src/errors.ts:');
    const dropped = spanText(content, result.spans[0]!).split('\n');
    expect(dropped).toHaveLength(9);
    for (const line of dropped) expect(HITS).toContain(line);
  });

  it('prefers lines matching the query', () => {
    const content = HITS.join('\n');
    const output = run(content, { maxLinesPerFile: 3 }, 'driver7').output;
    expect(output).toContain('  80:const driver7 = mount.driver;');
  });

  it('parses ripgrep context lines and columns, and keeps lines it cannot parse', () => {
    const content = [
      'src/a-b.ts-1-import x from "y";',
      'src/a-b.ts:2:7:const value = x;',
      'src/a-b.ts-3-export default value;',
      '--',
      'Binary file dist/app.bin matches',
    ].join('\n');
    const output = run(content).output;
    expect(output).toBe(
      [
        'src/a-b.ts:',
        '  1-import x from "y";',
        '  2:7:const value = x;',
        '  3-export default value;',
        'Binary file dist/app.bin matches',
      ].join('\n'),
    );
  });

  it('is deterministic and survives binary text and 1 MB lines', () => {
    const content = [
      ...HITS,
      `src/huge.ts:1:${'y'.repeat(1_000_000)}`,
      '\u0000\u0001\u0002',
    ].join('\n');
    const first = run(content);
    expect(first.output).toBe(run(content).output);
    expect(first.output.length).toBeLessThan(10_000);
    const cut = first.spans.find((span) => span.summary.endsWith('chars cut'))!;
    expect(spanText(content, cut)).toBe('y'.repeat(1_000_000 - 240));
  });

  it('leaves markers a reader can copy back into SharedContext.retrieve', async () => {
    const ctx = new SharedContext({ tokenizer: o200k, minTokens: 0 });
    const content = HITS.join('\n');
    const entry = await ctx.put('grep', content, { contentType: 'search' });
    const marker = entry.compressed.match(/\[… [^\]]*\]/)![0];
    const span = entry.spans.find(
      (s) => s.id === parseMarkers(marker)[0]!.spanId,
    )!;
    expect(await ctx.retrieve('grep', { marker })).toBe(
      spanText(content, span),
    );
  });

  it('is chosen by compress() when the route is forced to search', async () => {
    const result = await compress(HITS.join('\n'), {
      contentType: 'search',
      tokenizer: o200k,
      minTokens: 0,
    });
    expect(result.transforms).toContain('search:capped');
  });
});

describeCorpus('searchCompressor on grep output', () => {
  for (const name of listCorpus('search').filter((file) =>
    file.endsWith('.txt'),
  )) {
    it(`saves at least 55% on ${name} and keeps every file path`, () => {
      const content = readCorpus(`search/${name}`);
      const result = run(content, {}, undefined, REALISTIC_KEY);
      expect(
        1 - o200k.count(result.output) / o200k.count(content),
      ).toBeGreaterThanOrEqual(0.55);
      const paths = new Set(
        content
          .split('\n')
          .filter(Boolean)
          .map((line) => line.split(':')[0]!),
      );
      const read = readSearchPaths(result.output);
      for (const path of paths) expect(read.has(path), path).toBe(true);
    });
  }
});

describe('searchCompressor options', () => {
  it('rejects a bad option with an InvalidArgumentError naming it', () => {
    expect(() => searchCompressor({ maxLinesPerFile: 0 })).toThrow(
      InvalidArgumentError,
    );
    expect(() => searchCompressor({ maxLineChars: Number.NaN })).toThrow(
      InvalidArgumentError,
    );
    expect(() => searchCompressor({ maxKeptShare: 1.5 })).toThrow(
      InvalidArgumentError,
    );
    expect(() =>
      searchCompressor({
        directoryHeaders: 'sometimes' as unknown as 'auto',
      }),
    ).toThrow(/directoryHeaders.*'auto', 'always', 'never'/);
    try {
      searchCompressor({ maxLinesPerFile: 0 });
    } catch (error) {
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as InvalidArgumentError).parameter).toBe('maxLinesPerFile');
    }
  });
});

describe('files with a few dropped lines', () => {
  it('name the dropped line numbers in their header and share one closing marker', async () => {
    const lines: string[] = [];
    // 30 hits: a budget of 20 lines keeps three per file, two dropped each.
    for (let file = 0; file < 6; file++)
      for (let hit = 1; hit <= 5; hit++)
        lines.push(
          `lib/module${file}/part.ts:${hit * 11}:  const value${hit} = read(source${file}, ${hit});`,
        );
    const content = lines.join('\n');
    const ctx = new SharedContext({ model: 'gpt-4o' });
    await ctx.put('hits', content, { contentType: 'search' });
    const view = await ctx.get('hits');
    const markers = parseMarkers(view);
    expect(markers).toHaveLength(1);
    const back = await ctx.retrieve('hits', { marker: markers[0]!.text });
    for (let file = 0; file < 6; file++) {
      const path = `lib/module${file}/part.ts`;
      const header = view
        .split('\n')
        .find((line) => line.startsWith(`${path}: (+`));
      const numbers = header?.match(/\(\+([\d,]+)\)$/)?.[1]?.split(',');
      expect(numbers, path).toHaveLength(2);
      for (const number of numbers!) {
        // Shown in the header only, and whole behind the shared marker.
        expect(view).not.toContain(`\n  ${number}:`);
        expect(back).toContain(`${path}:${number}:  const value`);
      }
    }
  });
});

describe('directory headers', () => {
  it('write a run of files in one folder under the folder, and files alone in full', () => {
    const content = [
      'HEAD:src/drivers/fs.ts:12:export function fsDriver() {',
      'HEAD:src/drivers/fs.ts:40:  throw createError("base");',
      'HEAD:src/drivers/redis.ts:7:export function redisDriver() {',
      'HEAD:README.md:3:Drivers: fs, redis',
      'C:\\work\\lib\\a.cs(4,2): error CS1002',
      'C:\\work\\lib\\b.cs(9,1): error CS1003',
    ].join('\n');
    const { output } = run(content, { directoryHeaders: 'always' });
    expect(output).toBe(
      [
        'HEAD:src/drivers/',
        '  fs.ts:',
        '    12:export function fsDriver() {',
        '    40:throw createError("base");',
        '  redis.ts:7:export function redisDriver() {',
        'HEAD:README.md:3:Drivers: fs, redis',
        'C:\\work\\lib\\',
        '  a.cs(4,2): error CS1002',
        '  b.cs(9,1): error CS1003',
      ].join('\n'),
    );
    expect(run(content, { directoryHeaders: 'never' }).output).toContain(
      'HEAD:src/drivers/redis.ts:7:',
    );
  });

  it('gather the files of a folder met apart, and list files without text several to a line', () => {
    const content = Array.from(
      { length: 24 },
      (_, i) =>
        `${i % 2 === 0 ? 'src/storage/drivers' : 'test/fixtures/cases'}/file${i}.ts:${i + 1}:  const value${i} = read();`,
    ).join('\n');
    const { output } = run(content, {
      directoryHeaders: 'always',
      maxTotalLines: 2,
    });
    const lines = output.split('\n');
    expect(
      lines.filter((line) => line === 'src/storage/drivers/'),
    ).toHaveLength(1);
    expect(
      lines.filter((line) => line === 'test/fixtures/cases/'),
    ).toHaveLength(1);
    expect(lines).toContain('  file0.ts:1:  const value0 = read();');
    expect(lines).toContain(
      '  file2.ts:3 file4.ts:5 file6.ts:7 file8.ts:9 file10.ts:11 file12.ts:13 file14.ts:15 file16.ts:17',
    );
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(102);
    const read = readSearchPaths(output);
    for (const line of content.split('\n'))
      expect(read.has(line.slice(0, line.indexOf(':')))).toBe(true);
  });

  it('are skipped for a folder whose run they would not shorten', () => {
    const content = ['a/x.ts:1:one', 'a/y.ts:2:two', 'b/z.ts:3:three'].join(
      '\n',
    );
    expect(run(content, { directoryHeaders: 'always' }).output).toBe(content);
  });
});
