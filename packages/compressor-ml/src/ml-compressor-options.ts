import type { Compressor } from '@sharedcontext/core';
import { InvalidArgumentError } from '@sharedcontext/core';
import type { WordScore } from './score-words.ts';

/** Options of {@link mlCompressor}. */
export interface MlCompressorOptions {
  /**
   * A Hugging Face model id (looked up under `localModelPath`, or the cache,
   * or downloaded when `allowRemoteModels`) or an absolute path to a folder
   * with `config.json`, `tokenizer.json`, `tokenizer_config.json` and
   * `onnx/model.onnx`. Any 2-label token classifier whose ONNX graph outputs
   * `logits` (or a keep score per token) works.
   * @default 'chopratejas/kompress-v2-base'
   */
  model?: string;
  /** `fp32` loads `onnx/<modelFileName>.onnx`, `q8` loads `onnx/<modelFileName>_quantized.onnx`. @default 'fp32' */
  dtype?: 'fp32' | 'q8';
  /** The ONNX file's base name inside `onnx/`. @default 'model' */
  modelFileName?: string;
  /** Folder holding `<model id>/…` (transformers' `env.localModelPath`). @default transformers' own */
  localModelPath?: string;
  /** Where downloads are cached (transformers' `env.cacheDir`). @default transformers' own */
  cacheDir?: string;
  /** Let transformers download a missing model (in the background of a fallback call). @default false */
  allowRemoteModels?: boolean;
  /** Keep this fraction of the words (best scores first); overrides `threshold`. @default the call's `targetRatio`, else unset */
  rate?: number;
  /** Keep a word whose keep probability is above this. @default 0.5 */
  threshold?: number;
  /** The label (name in `config.id2label`, or index) that means keep. @default 'keep'/'preserve'/'retain', else 'LABEL_1', else index 1 */
  keepLabel?: string | number;
  /** A word's score from its sub-word tokens. @default 'max' (as Kompress) */
  wordScore?: WordScore;
  /** Tokens per model call, special tokens included; the model's window caps it. @default the model's window (≤ 512) */
  maxTokens?: number;
  /** Tokens of preceding text each chunk reads for context. @default 64 */
  overlapTokens?: number;
  /** Model calls in flight at once across calls of this compressor; the rest queue. @default 1 */
  concurrency?: number;
  /** Deadline per call, queueing and loading included; past it the fallback answers. @default 20000 */
  timeoutMs?: number;
  /** A marker block closes at the next blank line once it spans this many characters. @default 2000 */
  markerBlockChars?: number;
  /** Answers when the model is missing, slow or fails. @default textCompressor() from core */
  fallback?: Compressor;
  /** Clock for the deadline (a test seam). @default Date.now */
  now?: () => number;
}

/** Throws `InvalidArgumentError` naming the first bad option. */
export function assertMlCompressorOptions(options: MlCompressorOptions): void {
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError({
      parameter: 'options',
      value: options,
      message: `expected an options object or undefined, got ${options === null ? 'null' : typeof options}`,
    });
  const check = (
    parameter: string,
    value: number | undefined,
    ok: (value: number) => boolean,
    message: string,
  ) => {
    if (
      value !== undefined &&
      (typeof value !== 'number' || !Number.isFinite(value) || !ok(value))
    ) {
      throw new InvalidArgumentError({ parameter, value, message });
    }
  };
  check(
    'rate',
    options.rate,
    (value) => value > 0 && value <= 1,
    'expected a number in (0, 1]',
  );
  check(
    'threshold',
    options.threshold,
    (value) => value >= 0 && value < 1,
    'expected a number in [0, 1)',
  );
  check(
    'concurrency',
    options.concurrency,
    (value) => Number.isInteger(value) && value >= 1,
    'expected an integer ≥ 1',
  );
  check(
    'timeoutMs',
    options.timeoutMs,
    (value) => value > 0,
    'expected a positive number of milliseconds',
  );
  check(
    'maxTokens',
    options.maxTokens,
    (value) => Number.isInteger(value) && value >= 32,
    'expected an integer ≥ 32',
  );
  check(
    'overlapTokens',
    options.overlapTokens,
    (value) => Number.isInteger(value) && value >= 0,
    'expected an integer ≥ 0',
  );
  check(
    'markerBlockChars',
    options.markerBlockChars,
    (value) => value > 0,
    'expected a positive number',
  );
  if (
    options.dtype !== undefined &&
    options.dtype !== 'fp32' &&
    options.dtype !== 'q8'
  ) {
    throw new InvalidArgumentError({
      parameter: 'dtype',
      value: options.dtype,
      message: "expected 'fp32' or 'q8'",
    });
  }
  if (
    options.model !== undefined &&
    (typeof options.model !== 'string' || options.model.trim() === '')
  ) {
    throw new InvalidArgumentError({
      parameter: 'model',
      value: options.model,
      message: 'expected a model id or path',
    });
  }
}
