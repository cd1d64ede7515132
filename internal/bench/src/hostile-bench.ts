import { performance } from 'node:perf_hooks';
import { markdownTable } from '@sharedcontext/cli';
import {
  compressSync,
  defaultDetectors,
  prepare,
  tiktokenTokenizer,
} from '@sharedcontext/core';
import {
  ordinaryText,
  pathologicalInputs,
} from '@sharedcontext-internal/test-utils';

/** One hostile input: compress time as a multiple of one tokenizer pass. */
export interface HostileBenchRow {
  input: string;
  chars: number;
  tokenizerMs: number;
  detectMs: number;
  compressMs: number;
  /** compressSync time / one o200k pass over the same input. */
  compressRatio: number;
  /** compressSync time / one o200k pass over ordinary text of the same size. */
  ordinaryRatio: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timed(run: () => unknown, repeats: number): number {
  run(); // warm-up
  const times: number[] = [];
  for (let index = 0; index < repeats; index++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  return median(times);
}

const round = (value: number) => Math.round(value * 100) / 100;

/**
 * The seeded pathological inputs of `@sharedcontext-internal/test-utils`
 * (long runs after keywords, deep indentation, one-character lines,
 * unclosed tags, ...): detection time, `compressSync` time, and the ratio
 * of the latter to one o200k tokenizer pass over the same input. Issue 15:
 * the ratio stays small because every regex is linear.
 */
export async function benchHostile({
  seed = 1,
  repeats = 5,
}: {
  seed?: number;
  repeats?: number;
} = {}): Promise<{
  rows: HostileBenchRow[];
  markdown: string;
}> {
  const tokenizer = tiktokenTokenizer('o200k_base');
  await tokenizer.load();
  await prepare({ tokenizer });
  const detectors = defaultDetectors();
  const rows: HostileBenchRow[] = pathologicalInputs({ seed }).map(
    ({ name, text }) => {
      const tokenizerMs = timed(() => tokenizer.count(text), repeats);
      const detectMs = timed(() => {
        for (const detector of detectors) detector.detect(text);
      }, repeats);
      const ordinary = ordinaryText(seed, text.length);
      const ordinaryMs = timed(() => tokenizer.count(ordinary), repeats);
      const compressMs = timed(
        () => compressSync(text, { tokenizer, minTokens: 0 }),
        repeats,
      );
      return {
        input: name,
        chars: text.length,
        tokenizerMs: round(tokenizerMs),
        detectMs: round(detectMs),
        compressMs: round(compressMs),
        compressRatio: round(compressMs / Math.max(tokenizerMs, 0.01)),
        ordinaryRatio: round(compressMs / Math.max(ordinaryMs, 0.01)),
      };
    },
  );
  const ratios = rows.map((row) => row.compressRatio);
  const ordinaryRatios = rows.map((row) => row.ordinaryRatio);
  const markdown = [
    `Seeded hostile inputs (seed ${seed}), median of ${repeats} runs after a warm-up. The ratio is \`compressSync\` time over one o200k pass over the same input (tokenizer times under 0.01 ms count as 0.01 ms). The tokenizer caches repeated pieces, so on these repetitive inputs its pass is unusually fast; the last column divides by a pass over ordinary text of the same size instead. Median ratio ${round(median(ratios))}, max ${round(Math.max(...ratios))}; against ordinary text: median ${round(median(ordinaryRatios))}, max ${round(Math.max(...ordinaryRatios))}.`,
    '',
    markdownTable(
      [
        'input',
        'chars',
        'o200k ms',
        'detect ms',
        'compress ms',
        'compress / o200k',
      ],
      rows.map((row) => [
        row.input,
        row.chars,
        row.tokenizerMs,
        row.detectMs,
        row.compressMs,
        row.compressRatio,
        row.ordinaryRatio,
      ]),
    ),
  ].join('\n');
  return { rows, markdown };
}
