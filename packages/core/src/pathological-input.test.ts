import {
  ordinaryText,
  pathologicalInputs,
  runCompressor,
} from '@sharedcontext-internal/test-utils';
import { describe, expect, it } from 'vitest';
import { compressSync, prepare } from './compress.ts';
import { defaultCompressors } from './compressors/index.ts';
import { defaultDetectors } from './detect/index.ts';
import { tokenizerForModel } from './tokenizer/index.ts';

// Issue 15: every detector and compressor does work linear in its input on
// hostile layouts. No wall-clock bound: each run is compared with one
// tokenizer pass over ordinary text of the same size, measured in the same
// test, with a wide ratio (a backtracking regex is 100-10,000x off; the
// slowest honest stage is under 10x).
const RATIO = 60;
const SEEDS = [1, 2];

const tokenizer = tokenizerForModel('gpt-4o');

function elapsed(run: () => unknown): number {
  const start = performance.now();
  try {
    run();
  } catch {
    // Compressors refuse content that is not theirs; only the time matters.
  }
  return performance.now() - start;
}

// The faster of two tokenizer passes over fresh ordinary text of this size.
function tokenizerPass(size: number, seed: number): number {
  return Math.min(
    elapsed(() => tokenizer.count(ordinaryText(seed, size))),
    elapsed(() => tokenizer.count(ordinaryText(seed + 1, size))),
  );
}

describe('issue 15: hostile layouts take linear work', () => {
  for (const seed of SEEDS) {
    it(`every detector and compressor stays within ${RATIO}x one tokenizer pass (seed ${seed})`, async () => {
      await prepare({ model: 'gpt-4o' });
      // [ratio to one tokenizer pass, what ran on which input]
      const ratios: Array<[number, string]> = [];
      for (const { name, text } of pathologicalInputs({ seed })) {
        const pass = tokenizerPass(text.length, seed);
        const measure = (what: string, run: () => unknown, passes = 1) =>
          ratios.push([elapsed(run) / (pass * passes), `${what} on ${name}`]);
        measure('tokenizer', () => tokenizer.count(text));
        for (const detector of defaultDetectors())
          measure(`${detector.name} detector`, () => detector.detect(text));
        for (const compressor of defaultCompressors())
          measure(`${compressor.name} compressor`, () =>
            runCompressor(compressor, text, { tokenizer }),
          );
        // The whole pipeline counts tokens a few times: 3 passes allowed.
        measure(
          'compressSync',
          () => compressSync(text, { model: 'gpt-4o', minTokens: 0 }),
          3,
        );
      }
      ratios.sort((a, b) => b[0] - a[0]);
      if (process.env.SC_PRINT_RATIOS) console.log(ratios.slice(0, 10));
      expect(ratios.filter(([ratio]) => ratio > RATIO)).toEqual([]);
    }, 600_000);
  }
});
