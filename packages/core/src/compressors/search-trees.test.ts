import {
  generateSearchOutput,
  generateSearchTree,
  PATH_END,
  readSearchPaths,
  runCompressor,
  type SearchTreeLayout,
} from '@sharedcontext-internal/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { compress } from '../compress.ts';
import { parseMarkers } from '../retrieval/index.ts';
import { SharedContext } from '../shared-context.ts';
import { tiktokenTokenizer } from '../tokenizer/index.ts';
import { searchCompressor } from './search-compressor.ts';

const o200k = tiktokenTokenizer('o200k_base');
beforeAll(() => o200k.load());

const SEEDS = Array.from({ length: 48 }, (_, i) => 500 + i * 7919);
const LAYOUTS: SearchTreeLayout[] = [
  'path-line',
  'path-line-column',
  'revision',
  'heading',
  'paren',
];
function run(content: string, options = {}) {
  return runCompressor(searchCompressor(options), content, {
    tokenizer: o200k,
    key: 'cf256b1ef',
  });
}

describe('generateSearchTree', () => {
  it('is deterministic per seed and writes each layout as its tool does', () => {
    expect(generateSearchTree(5).content).toBe(generateSearchTree(5).content);
    const forms: Record<SearchTreeLayout, RegExp> = {
      'path-line': /^\S[^:]*:\d+:/,
      'path-line-column': /^\S[^:]*:\d+:\d+:/,
      revision: /^(?:HEAD|main|v1\.4\.2|a3f9c21):\S[^:]*:\d+:/,
      heading: /^(?:\d+:|$|[^:]+$)/,
      paren: /^\S.*\(\d+,\d+\): /,
    };
    for (const layout of LAYOUTS) {
      const generated = generateSearchTree(9, { layout });
      expect(generated.paths.length).toBeGreaterThanOrEqual(80);
      expect(new Set(generated.paths).size).toBe(generated.paths.length);
      for (const line of generated.content.split('\n'))
        expect(line, layout).toMatch(forms[layout]);
    }
  });
});

describe('searchCompressor over many files with few matches (issue 14)', () => {
  it('writes every path so that it reads back, whichever way paths are written', () => {
    for (const seed of SEEDS) {
      const generated = generateSearchTree(seed);
      for (const directoryHeaders of ['auto', 'always', 'never'] as const) {
        const { output } = run(generated.content, { directoryHeaders });
        const read = readSearchPaths(output);
        for (const path of generated.paths)
          expect(
            read.has(path),
            `seed ${seed} (${generated.layout}, ${directoryHeaders}) lost ${path}`,
          ).toBe(true);
      }
    }
  });

  it('saves at least 60% on output of 150 matches or more', () => {
    let measured = 0;
    for (const seed of SEEDS) {
      const generated = generateSearchTree(seed);
      if (generated.matches < 150) continue;
      measured++;
      const { output } = run(generated.content);
      const saved = 1 - o200k.count(output) / o200k.count(generated.content);
      expect(
        saved,
        `seed ${seed} (${generated.layout})`,
      ).toBeGreaterThanOrEqual(0.6);
    }
    expect(measured).toBeGreaterThanOrEqual(40);
  });

  it('saves at least 60% and keeps every path on 150 files in random order, in every layout', () => {
    for (const layout of LAYOUTS) {
      for (const seed of SEEDS.slice(0, 8)) {
        const generated = generateSearchOutput(seed, {
          layout,
          files: 150,
          maxMatchesPerFile: 2,
        });
        if (generated.matches < 150) continue;
        const { output } = run(generated.content);
        const saved = 1 - o200k.count(output) / o200k.count(generated.content);
        expect(saved, `${layout} seed ${seed}`).toBeGreaterThanOrEqual(0.6);
        const read = readSearchPaths(output);
        for (const path of generated.paths)
          expect(read.has(path), `${layout} seed ${seed}: ${path}`).toBe(true);
      }
    }
  });

  it('writes full paths when they fit the goal, and directory headers only when they are shorter', () => {
    for (const seed of SEEDS.slice(0, 12)) {
      const { content } = generateSearchTree(seed);
      const full = run(content, { directoryHeaders: 'never' }).output;
      const auto = run(content, { directoryHeaders: 'auto' }).output;
      const headed = run(content, { directoryHeaders: 'always' }).output;
      expect(full).not.toMatch(/^\S.*[\\/]\n {2}\S/m);
      expect(headed.length).toBeLessThan(full.length);
      const fullShare = o200k.count(full) / o200k.count(content);
      expect(auto).toBe(fullShare <= 0.4 ? full : headed);
    }
  });

  it('writes every path literally by default: in its line, or listed bare after the closing marker', () => {
    for (const layout of LAYOUTS) {
      const generated = generateSearchTree(11, { layout, files: 160 });
      const { output } = run(generated.content);
      const lines = output.split('\n');
      const closingAt = lines.findLastIndex((line) => line.startsWith('[… '));
      expect(closingAt, layout).toBeGreaterThan(0);
      // A revision shared by every listed path is written once above them.
      const revision = /^\S.*:$/.test(lines[closingAt + 1] ?? '')
        ? lines[closingAt + 1]!
        : '';
      const listed = new Set(
        lines
          .slice(closingAt + 1)
          .filter((line) => line !== revision)
          .map((line) => revision + line.replace(/^ {2}/, '')),
      );
      for (const path of generated.paths) {
        const own = lines
          .slice(0, closingAt)
          .filter((line) => line.startsWith(path) && PATH_END.test(line));
        expect(
          own.length + (listed.has(path) ? 1 : 0),
          `${layout}: ${path}`,
        ).toBe(1);
      }
      expect(listed.size, layout).toBeGreaterThan(0);
    }
  });

  it('gives a listed file its lines back by marker and by a query for its full path', async () => {
    for (const layout of LAYOUTS) {
      const generated = generateSearchTree(23, { layout, files: 200 });
      const ctx = new SharedContext({ tokenizer: o200k, minTokens: 0 });
      const entry = await ctx.put('tree', generated.content, {
        contentType: 'search',
      });
      const view = entry.compressed.split('\n');
      // A file listed by its bare path after the closing marker (indented
      // under a shared revision).
      const closingAt = view.findLastIndex((line) => line.startsWith('[… '));
      const listedLine = view.at(-1)!;
      expect(closingAt, layout).toBeGreaterThan(0);
      expect(closingAt, layout).toBeLessThan(view.length - 1);
      const revision = listedLine.startsWith('  ') ? view[closingAt + 1]! : '';
      const path = revision + listedLine.trim();
      expect(generated.paths, layout).toContain(path);
      const original = generated.content.split('\n');
      // Under a heading the lines carry only numbers: they follow the path's line.
      const heading = original.indexOf(path);
      const blank = original.indexOf('', heading);
      const own =
        layout === 'heading'
          ? original.slice(heading + 1, blank < 0 ? undefined : blank)
          : original.filter(
              (line) =>
                line.startsWith(`${path}:`) || line.startsWith(`${path}(`),
            );
      expect(own.length, `${layout}: ${path}`).toBeGreaterThan(0);
      const closing = parseMarkers(view[closingAt]!).at(-1)!;
      const back = (await ctx.retrieve('tree', { marker: closing.text }))!;
      for (const line of own) expect(back.split('\n')).toContain(line);
      if (layout !== 'heading') {
        const found = await ctx.retrieve('tree', { query: path });
        for (const line of own) expect(found!.split('\n')).toContain(line);
      }
    }
  });

  it('routes generated trees, whole or cut anywhere, without throwing', async () => {
    for (const seed of SEEDS.slice(0, 40)) {
      const { content, paths } = generateSearchTree(seed);
      const result = await compress(content, { tokenizer: o200k });
      expect(result.contentType).toBe('search');
      const read = readSearchPaths(result.compressed);
      for (const path of paths) expect(read.has(path), path).toBe(true);
      const cut = content.slice(
        (seed * 31) % content.length,
        ((seed * 31) % content.length) + 3000,
      );
      await expect(compress(cut, { tokenizer: o200k })).resolves.toBeDefined();
    }
  });

  it('routes damaged trees without throwing, whichever way paths are written', async () => {
    for (const seed of SEEDS.slice(0, 40)) {
      const lines = generateSearchTree(seed, { files: 30 }).content.split('\n');
      // Indented, stray, CRLF and truncated lines; a colon moved into a path.
      for (let k = 0; k < 20; k++) {
        const i = (seed * (k + 7)) % lines.length;
        const line = lines[i]!;
        const damaged = [
          `  ${line}`,
          line.replace(':', '/:'),
          'Binary file build/app.bin matches',
          `${line}\r`,
          line.slice(0, (seed + k) % (line.length + 1)),
        ][k % 5]!;
        lines[i] = damaged;
      }
      const content = lines.join('\n');
      for (const directoryHeaders of ['auto', 'always', 'never'] as const)
        expect(
          typeof run(content, { directoryHeaders }).output,
          `seed ${seed} ${directoryHeaders}`,
        ).toBe('string');
      await expect(
        compress(content, { tokenizer: o200k }),
      ).resolves.toBeDefined();
    }
  });
});
