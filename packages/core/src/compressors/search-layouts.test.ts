import {
  generateSearchOutput,
  readSearchPaths,
  runCompressor,
  type SearchLayout,
} from '@sharedcontext-internal/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { compress } from '../compress.ts';
import { detectContentType } from '../detect/index.ts';
import { spanText } from '../retrieval/index.ts';
import { tiktokenTokenizer } from '../tokenizer/index.ts';
import { searchCompressor } from './search-compressor.ts';

const o200k = tiktokenTokenizer('o200k_base');
beforeAll(() => o200k.load());

const SEEDS = Array.from({ length: 60 }, (_, i) => 1000 + i * 7919);
const LAYOUTS: SearchLayout[] = [
  'path-line',
  'path-line-column',
  'revision',
  'heading',
  'paren',
  'single-file',
];

describe('searchCompressor over generated layouts (issue 14)', () => {
  it('keeps every path, in every layout, for every seed', () => {
    for (const seed of SEEDS) {
      const generated = generateSearchOutput(seed);
      const { output } = runCompressor(searchCompressor(), generated.content, {
        tokenizer: o200k,
      });
      const read = readSearchPaths(output);
      for (const path of generated.paths) {
        expect(
          read.has(path),
          `seed ${seed} (${generated.layout}) lost ${path}`,
        ).toBe(true);
      }
    }
  });

  it('groups each file under one header and gives every dropped line back through its marker', () => {
    for (const layout of LAYOUTS) {
      const generated = generateSearchOutput(7, {
        layout,
        files: 6,
        maxMatchesPerFile: 12,
      });
      // Full paths: a header per file is what this pins (directory headers: search-trees.test.ts).
      const result = runCompressor(
        searchCompressor({ directoryHeaders: 'never' }),
        generated.content,
        { tokenizer: o200k },
      );
      for (const path of generated.paths) {
        const headers = result.output
          .split('\n')
          .filter((line) => line === `${path}:` || line.startsWith(`${path}:`));
        expect(headers, `${layout}: ${path}`).toHaveLength(1);
      }
      const original = new Set(generated.content.split('\n'));
      for (const span of result.spans) {
        if (span.summary.endsWith('cut')) continue;
        for (const line of spanText(generated.content, span).split('\n'))
          expect(original.has(line)).toBe(true);
      }
    }
  });

  it('saves at least 60% on large output in every layout', () => {
    for (const layout of LAYOUTS) {
      for (const seed of SEEDS.slice(0, 8)) {
        const generated = generateSearchOutput(seed, {
          layout,
          files: layout === 'single-file' ? 1 : 30,
          maxMatchesPerFile: layout === 'single-file' ? 400 : 20,
        });
        const { output } = runCompressor(
          searchCompressor(),
          generated.content,
          { tokenizer: o200k, key: 'cf256b1ef' },
        );
        const before = o200k.count(generated.content);
        if (before < 4000) continue;
        const saved = 1 - o200k.count(output) / before;
        expect(saved, `${layout} seed ${seed}`).toBeGreaterThanOrEqual(0.6);
      }
    }
  });

  it('is detected as search in every layout', () => {
    for (const layout of LAYOUTS) {
      for (const seed of SEEDS.slice(0, 10)) {
        const generated = generateSearchOutput(seed, { layout });
        if (generated.lines < 3) continue;
        expect(
          detectContentType(generated.content).contentType,
          `${layout} seed ${seed}`,
        ).toBe('search');
      }
    }
  });

  it('routes every layout to the search compressor through compress()', async () => {
    for (const layout of LAYOUTS) {
      const generated = generateSearchOutput(3, {
        layout,
        files: 20,
        maxMatchesPerFile: 15,
      });
      const result = await compress(generated.content, { tokenizer: o200k });
      expect(result.contentType, layout).toBe('search');
      const read = readSearchPaths(result.compressed);
      for (const path of generated.paths) expect(read.has(path)).toBe(true);
    }
  });
});
