import type { Compressor } from './compressors/index.ts';
import { createRouter, type Router } from './compressors/index.ts';
import {
  installedAndDefaultCompressors,
  loadInstalledCompressors,
} from './compressors/installed-compressors.ts';
import { savingsPercent } from './context-entry.ts';
import { DEFAULTS } from './defaults.ts';
import type { ContentDetector } from './detect/index.ts';
import {
  type PipelineOptions,
  type PipelineResult,
  runPipeline,
  runPipelineSync,
} from './pipeline/index.ts';
import type { DroppedSpan } from './retrieval/index.ts';
import { type Tokenizer, tokenizerForModel } from './tokenizer/index.ts';
import type { ContentType } from './types.ts';
import { shortHash } from './util/hash.ts';
import { serializeContent } from './util/serialize-content.ts';
import {
  assertKey,
  assertNumber,
  assertOptionalBoolean,
  assertOptionalString,
  assertOptions,
} from './util/validate.ts';
import {
  assertOptionalContentType,
  assertOptionalTokenizer,
  assertPluginList,
} from './util/validate-plugins.ts';

/** Options of {@link compress} and {@link compressSync}. */
export interface CompressOptions {
  /** Model whose tokenizer counts. @default 'claude-sonnet-4-5-20250929' */
  model?: string;
  /** What the receiving agent will look for; matching lines and items are kept. */
  query?: string;
  /** Overrides the model's tokenizer. */
  tokenizer?: Tokenizer;
  /**
   * Compressors in router order; an explicit list is used as given.
   * @default the installed plug-ins (`@sharedcontext/compressor-code` when
   * installed; `compressSync` sees them once `prepare()` resolved), then
   * `defaultCompressors()`
   */
  compressors?: readonly Compressor[];
  /** Detectors in order. @default defaultDetectors() */
  detectors?: readonly ContentDetector[];
  /** Content under this many tokens passes through. @default 250 */
  minTokens?: number;
  /** A compressor must save this fraction of tokens to be taken. @default 0.05 */
  minSavings?: number;
  /** Route as this type instead of detecting. */
  contentType?: ContentType;
  /** Names the content in retrieval markers. @default `c` + a hash of the content */
  key?: string;
  /** Fraction of tokens to aim to keep, for compressors that take a target. */
  targetRatio?: number;
  /**
   * Nothing is dropped: compressors only re-encode (JSON gets its best
   * lossless view, which `decodeJson` reads back), no marker is written,
   * and any lossy result is discarded. @default false
   */
  lossless?: boolean;
}

/** What {@link compress} returns. */
export interface CompressResult {
  compressed: string;
  originalTokens: number;
  compressedTokens: number;
  /** Rounded to 0.1. */
  savingsPercent: number;
  transforms: string[];
  contentType: ContentType;
  /** Which tokenizer counted. */
  tokenizer: string;
  /** The key markers in `compressed` name. */
  key: string;
  /** Dropped spans; resolve a marker with `spanText(original, span)`. */
  spans: DroppedSpan[];
}

/** Options resolved once into what the pipeline needs. */
export function resolvePipelineOptions(
  content: string,
  options: CompressOptions,
  router?: Router,
): PipelineOptions {
  assertOptions(options);
  assertOptionalString(options.model, 'model', { nonEmpty: true });
  if (options.key !== undefined) assertKey(options.key);
  assertOptionalTokenizer(options.tokenizer);
  assertPluginList(options.compressors, 'compressors', ['compress']);
  assertPluginList(options.detectors, 'detectors', ['detect']);
  assertOptionalContentType(options.contentType);
  assertOptionalString(options.query, 'query');
  assertNumber(options.minTokens, 'minTokens', { min: 0 });
  assertNumber(options.minSavings, 'minSavings', { min: 0 });
  assertOptionalBoolean(options.lossless, 'lossless');
  assertNumber(options.targetRatio, 'targetRatio', {
    min: 0,
    exclusiveMin: true,
  });
  const {
    model = DEFAULTS.model,
    tokenizer = tokenizerForModel(model),
    compressors = installedAndDefaultCompressors(),
    minTokens = DEFAULTS.minTokens,
    minSavings = DEFAULTS.minSavings,
  } = options;
  return {
    key: options.key ?? `c${shortHash(content)}`,
    tokenizer,
    router: router ?? createRouter({ compressors, minSavings }),
    minTokens,
    ...(options.query ? { query: options.query } : {}),
    ...(options.detectors ? { detectors: options.detectors } : {}),
    ...(options.contentType ? { contentType: options.contentType } : {}),
    ...(options.targetRatio ? { targetRatio: options.targetRatio } : {}),
    ...((options.lossless ?? DEFAULTS.lossless) ? { lossless: true } : {}),
  };
}

/** Pipeline output → the public result. */
export function toCompressResult(
  key: string,
  result: PipelineResult,
): CompressResult {
  return {
    compressed: result.compressed,
    originalTokens: result.originalTokens,
    compressedTokens: result.compressedTokens,
    savingsPercent: savingsPercent(
      result.originalTokens,
      result.compressedTokens,
    ),
    transforms: result.transforms,
    contentType: result.contentType,
    tokenizer: result.tokenizer,
    key,
    spans: result.spans,
  };
}

/**
 * Loads what the synchronous path needs (the model's tokenizer, the
 * installed plug-in compressors, compressor grammars or models) once per
 * process. Await it before `compressSync`.
 */
export async function prepare(
  options: Pick<CompressOptions, 'model' | 'tokenizer' | 'compressors'> = {},
): Promise<void> {
  assertOptions(options);
  assertOptionalString(options.model, 'model', { nonEmpty: true });
  assertOptionalTokenizer(options.tokenizer);
  assertPluginList(options.compressors, 'compressors', ['compress']);
  const { model = DEFAULTS.model, tokenizer = tokenizerForModel(model) } =
    options;
  if (options.compressors === undefined) await loadInstalledCompressors();
  const compressors = options.compressors ?? installedAndDefaultCompressors();
  await Promise.all([
    tokenizer.load(),
    ...compressors.map((compressor) => compressor.prepare?.()),
  ]);
}

/**
 * Compresses one piece of content without storing it: detection, the
 * router, and the savings gate. Content that is not a string is serialised
 * as JSON first.
 *
 * @example
 * const result = await compress(toolOutput, { model: 'gpt-4o', query: 'errors' });
 * console.log(result.savingsPercent, result.transforms);
 */
export async function compress(
  content: unknown,
  options: CompressOptions = {},
): Promise<CompressResult> {
  assertOptions(options);
  const text = serializeContent(content);
  if (options.compressors === undefined) await loadInstalledCompressors();
  const resolved = resolvePipelineOptions(text, options);
  await resolved.tokenizer.load();
  return toCompressResult(resolved.key, await runPipeline(text, resolved));
}

/**
 * The synchronous twin of {@link compress}, for hooks that cannot await
 * (LangGraph reducers, OpenAI Agents handoff filters). Call `await
 * prepare()` once first; async-only compressors are skipped and named.
 */
export function compressSync(
  content: unknown,
  options: CompressOptions = {},
): CompressResult {
  assertOptions(options);
  const text = serializeContent(content);
  const resolved = resolvePipelineOptions(text, options);
  return toCompressResult(resolved.key, runPipelineSync(text, resolved));
}
