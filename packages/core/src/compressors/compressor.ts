import type { Detection } from '../detect/index.ts';
import type { MarkerSink } from '../retrieval/index.ts';
import type { Tokenizer } from '../tokenizer/index.ts';
import type { ContentType, MaybePromise } from '../types.ts';

/** What a compressor is given. */
export interface CompressorInput {
  content: string;
  contentType: ContentType;
  detection: Detection;
  /** What the receiving agent will look for; compressors keep matches. */
  query?: string;
  tokenizer: Tokenizer;
  /** Record each lossy drop here; put the returned marker where it was. */
  markers: MarkerSink;
  /** Fraction of tokens to aim to keep, when the caller has one. */
  targetRatio?: number;
  /** True when nothing may be dropped: re-encode only, no markers. */
  lossless?: boolean;
  /**
   * Detects and compresses a part of the content on its own (mixed content:
   * a fenced JSON block inside prose). Markers share this input's sink.
   */
  compressPart(part: string): MaybePromise<string>;
  signal?: AbortSignal;
}

/** What a compressor returns. */
export interface CompressorResult {
  output: string;
  /** True when nothing was dropped (only re-encoded). */
  lossless: boolean;
  /** Stage labels for `transforms`, e.g. `json:table`; default: the compressor's name. */
  labels?: string[];
}

/**
 * One compressor per content family. Deterministic: the same input and
 * options give the same bytes (provider prompt caches depend on it). See
 * `docs/compressors/custom-compressor.md`.
 */
export interface Compressor {
  readonly specificationVersion: 'v1';
  /** Shows in transform labels: 'json', 'log', 'code', ... */
  readonly name: string;
  readonly contentTypes: readonly ContentType[];
  /** True when `compress` always returns a promise: the synchronous path skips it. */
  readonly async?: boolean;
  /** Loads anything lazy (grammars, models); awaited by `ready()`. */
  prepare?(): Promise<void>;
  compress(input: CompressorInput): MaybePromise<CompressorResult>;
}
