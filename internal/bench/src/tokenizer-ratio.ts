import { type Compressor, compress, type Tokenizer } from '@sharedcontext/core';

/** CPU time spent warming both up before the timed samples. */
const WARM_UP_MS = 40;

/** CPU milliseconds this process has used: steadier than wall time on a shared machine. */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * `compress()` time (detection, routing, exact o200k counting of input and
 * output) as a multiple of one tokenizer pass over the same input: issue
 * 14's speed measure. The two are timed interleaved, in CPU time, each as
 * the median of `runs` samples of `repeat` calls, so machine load shifts
 * both alike. Both see the tokenizer's own caches equally warm.
 */
export async function tokenizerRatio(
  original: string,
  {
    tokenizer,
    compressors,
    key,
    runs = 15,
  }: {
    tokenizer: Tokenizer;
    compressors: readonly Compressor[];
    key: string;
    runs?: number;
  },
): Promise<number> {
  const call = () => compress(original, { tokenizer, compressors, key });
  // Small inputs repeat within a sample so a sample is not below the clock's grain.
  const repeat = Math.max(1, Math.min(50, Math.ceil(50_000 / original.length)));
  // Both at steady state: a few untimed samples first, so that the first
  // timed ones do not run code the engine has not optimised yet (one
  // tokenizer function warms at once; the pipeline's many take longer).
  const warmUntil = cpuMs() + WARM_UP_MS;
  for (let run = 0; run < 3 || cpuMs() < warmUntil; run++) {
    for (let i = 0; i < repeat; i++) tokenizer.count(original);
    for (let i = 0; i < repeat; i++) await call();
  }
  const counting: number[] = [];
  const compressing: number[] = [];
  for (let run = 0; run < runs; run++) {
    let started = cpuMs();
    for (let i = 0; i < repeat; i++) tokenizer.count(original);
    counting.push((cpuMs() - started) / repeat);
    started = cpuMs();
    for (let i = 0; i < repeat; i++) await call();
    compressing.push((cpuMs() - started) / repeat);
  }
  return median(compressing) / Math.max(1e-6, median(counting));
}

/** The median of the per-item ratios, as the bench reports it. */
export function medianRatio(ratios: readonly number[]): number {
  return ratios.length === 0 ? 0 : median(ratios);
}
