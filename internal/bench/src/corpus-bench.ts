import {
  type Compressor,
  compress,
  estimateTokenizer,
  savingsPercent,
  type Tokenizer,
} from '@sharedcontext/core';
import {
  listCorpus,
  readCorpus,
} from '@sharedcontext-internal/test-utils/corpus';
import {
  codeNeedles,
  diffNeedles,
  jsonNeedles,
  logNeedles,
  type NeedleResult,
  proseNeedles,
  searchNeedles,
} from './needles.ts';
import { tokenizerRatio } from './tokenizer-ratio.ts';

/** One corpus file's measurements. */
export interface CorpusRow {
  item: string;
  contentType: string;
  tokensIn: number;
  tokensOut: number;
  savings: number;
  /** JSON only: savings against the minified input. */
  savingsVsMinified?: number;
  needles: NeedleResult;
  /** Median milliseconds per MB over the runs, end to end with exact o200k counting. */
  msPerMb: number;
  mbPerSecond: number;
  /** MB/s of detection + compression alone (token counts by the fast estimator). */
  compressMbPerSecond: number;
  /** compress() time over one o200k tokenizer pass on the same input (CPU time, medians). */
  tokenizerRatio: number;
  transforms: string[];
}

const FOLDERS = ['json', 'logs', 'diffs', 'search', 'code', 'prose'] as const;

function needlesFor(
  folder: (typeof FOLDERS)[number],
  file: string,
  original: string,
  output: string,
): NeedleResult {
  switch (folder) {
    case 'json':
      return jsonNeedles(original, output);
    case 'logs':
      return logNeedles(file, output);
    case 'diffs':
      return diffNeedles(original, output);
    case 'search':
      return searchNeedles(original, output);
    case 'code':
      return codeNeedles(original, output);
    case 'prose':
      return proseNeedles(original, output);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Runs a timed call at least `runs` times, and on until ~0.3 s has passed (at most 200 runs): a 1 ms call needs many samples for a steady median on a noisy machine. */
async function timeRuns(
  runs: number,
  call: () => Promise<void>,
): Promise<number[]> {
  const times: number[] = [];
  const deadline = performance.now() + 300;
  while (
    times.length < runs ||
    (performance.now() < deadline && times.length < 200)
  ) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return times;
}

/** The corpus files to run, as `folder/file`. */
export function corpusItems(): Array<{
  folder: (typeof FOLDERS)[number];
  file: string;
}> {
  return FOLDERS.flatMap((folder) =>
    listCorpus(folder)
      .filter((file) => !file.endsWith('.csv'))
      .map((file) => ({ folder, file })),
  );
}

/** Compresses one corpus file `runs` times (o200k) and checks its needles. */
export async function benchCorpusItem(
  folder: (typeof FOLDERS)[number],
  file: string,
  {
    tokenizer,
    compressors,
    runs = 5,
  }: {
    tokenizer: Tokenizer;
    compressors: readonly Compressor[];
    runs?: number;
  },
): Promise<CorpusRow> {
  const original = readCorpus(`${folder}/${file}`);
  let result = await compress(original, { tokenizer, compressors, key: file });
  const times = await timeRuns(runs, async () => {
    result = await compress(original, { tokenizer, compressors, key: file });
  });
  // The same work with the fast estimator counting: what detection and the
  // compressor themselves cost, apart from exact BPE counting.
  const estimator = estimateTokenizer({ name: 'estimate' });
  await compress(original, { tokenizer: estimator, compressors, key: file });
  const compressTimes = await timeRuns(runs, async () => {
    await compress(original, { tokenizer: estimator, compressors, key: file });
  });
  const ratio = await tokenizerRatio(original, {
    tokenizer,
    compressors,
    key: file,
  });
  const megabytes = Buffer.byteLength(original) / (1024 * 1024);
  const msPerMb = median(times) / megabytes;
  const row: CorpusRow = {
    item: `${folder}/${file}`,
    contentType: result.contentType,
    tokensIn: result.originalTokens,
    tokensOut: result.compressedTokens,
    savings: result.savingsPercent,
    needles: needlesFor(folder, file, original, result.compressed),
    msPerMb: Math.round(msPerMb * 10) / 10,
    mbPerSecond: Math.round((1000 / msPerMb) * 10) / 10,
    compressMbPerSecond:
      Math.round((megabytes / (median(compressTimes) / 1000)) * 10) / 10,
    tokenizerRatio: Math.round(ratio * 100) / 100,
    transforms: result.transforms,
  };
  if (folder === 'json') {
    const minifiedTokens = tokenizer.count(
      JSON.stringify(JSON.parse(original)),
    );
    row.savingsVsMinified = savingsPercent(
      minifiedTokens,
      result.compressedTokens,
    );
  }
  return row;
}
