import {
  type Compressor,
  type CompressorInput,
  type CompressorResult,
  InvalidArgumentError,
  MissingDependencyError,
  textCompressor,
} from '@sharedcontext/core';
import { assembleOutput } from './assemble-output.ts';
import {
  type Classifier,
  type ClassifierSource,
  loadClassifier,
} from './load-classifier.ts';
import {
  assertMlCompressorOptions,
  type MlCompressorOptions,
} from './ml-compressor-options.ts';
import { queryTerms } from './must-keep.ts';
import { scoreWords } from './score-words.ts';
import { segmentText } from './segment-text.ts';
import { selectWords } from './select-words.ts';
import { createTaskQueue } from './task-queue.ts';

/** Why the fallback answered; shown as `ml:fallback(<reason>)→<fallback>`. */
type FallbackReason =
  | 'model-missing'
  | 'load-failed'
  | 'timeout'
  | 'inference-failed';

class FallbackSignal extends Error {
  readonly reason: FallbackReason;
  constructor(reason: FallbackReason, cause?: unknown) {
    super(`ml compressor fell back: ${reason}`, { cause });
    this.reason = reason;
  }
}

/** Load errors that mean the files are not there (transformers has no error codes). */
const MISSING_FILE =
  /not found locally|could not locate file|no such file|ENOENT|404|unauthorized|fetch failed|tokenizer_class|tokenizer is not a function/i;

function shortModelName(model: string): string {
  return (
    model
      .replace(/[/\\]+$/, '')
      .split(/[/\\]/)
      .pop() ?? model
  );
}

/**
 * Text compression with a token-classification model (Kompress-v2,
 * LLMLingua-2 or any keep/drop classifier) run on CPU through
 * `@huggingface/transformers`. Long text is scored in sentence-aligned
 * chunks with overlap, so nothing past the model's window is lost; lines,
 * indentation, list markers and headings are kept; numbers, identifiers,
 * paths, URLs, code spans and query words are never dropped; each block that
 * lost words gets one retrieval marker. Loading is lazy and shared by model
 * and dtype; calls run through a bounded queue with a deadline; when the
 * model is missing, slow or fails, `fallback` (core's text compressor)
 * answers and the label says why, e.g. `ml:fallback(model-missing)→text`.
 *
 * Async only (`async: true`): `compressSync` skips it and the text
 * compressor behind it answers.
 *
 * @example
 * const ctx = new SharedContext({
 *   compressors: [mlCompressor({ model: 'chopratejas/kompress-v2-base', localModelPath: '/models' }), ...defaultCompressors()],
 * });
 */
export function mlCompressor(options: MlCompressorOptions = {}): Compressor {
  assertMlCompressorOptions(options);
  const {
    model = 'chopratejas/kompress-v2-base',
    dtype = 'fp32',
    allowRemoteModels = false,
    threshold = 0.5,
    wordScore = 'max',
    overlapTokens = 64,
    concurrency = 1,
    timeoutMs = 20_000,
    markerBlockChars = 2000,
    now = Date.now,
  } = options;
  const source: ClassifierSource = {
    model,
    dtype,
    allowRemoteModels,
    ...(options.modelFileName === undefined
      ? {}
      : { modelFileName: options.modelFileName }),
    ...(options.localModelPath === undefined
      ? {}
      : { localModelPath: options.localModelPath }),
    ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
    ...(options.keepLabel === undefined
      ? {}
      : { keepLabel: options.keepLabel }),
  };
  const fallback = options.fallback ?? textCompressor();
  const queue = createTaskQueue(concurrency);
  const label = `ml:${shortModelName(model)}`;

  async function load(): Promise<Classifier> {
    try {
      return await loadClassifier(source);
    } catch (error) {
      if (InvalidArgumentError.isInstance(error))
        throw new FallbackSignal('load-failed', error);
      const missing =
        MissingDependencyError.isInstance(error) ||
        MISSING_FILE.test(String(error));
      throw new FallbackSignal(
        missing ? 'model-missing' : 'load-failed',
        error,
      );
    }
  }

  async function compressWithModel(
    input: CompressorInput,
    signal: AbortSignal,
    deadline: number,
  ): Promise<CompressorResult> {
    const checkpoint = (): void => {
      input.signal?.throwIfAborted();
      if (signal.aborted || now() > deadline)
        throw new FallbackSignal('timeout');
    };
    const text = segmentText(input.content, {
      queryTerms: queryTerms(input.query),
      blockChars: markerBlockChars,
    });
    const scorable = text.words.filter((word) => !word.mustKeep).length;
    if (scorable === 0)
      return {
        output: input.content,
        lossless: true,
        labels: [`${label}:nothing-to-drop`],
      };

    const { scores, chunks } = await queue.run(async () => {
      const classifier = await load();
      checkpoint();
      try {
        return await scoreWords(classifier, {
          words: text.words.map((word) => word.text),
          sentences: text.sentences,
          overlapTokens,
          ...(options.maxTokens === undefined
            ? {}
            : { maxTokens: options.maxTokens }),
          wordScore,
          checkpoint,
        });
      } catch (error) {
        throw error instanceof FallbackSignal
          ? error
          : new FallbackSignal('inference-failed', error);
      }
    }, signal);
    checkpoint();

    const rate = options.rate ?? input.targetRatio;
    const keep = selectWords(
      text.words,
      scores,
      rate === undefined ? { threshold } : { rate: Math.min(1, rate) },
    );
    const assembled = assembleOutput(input.content, text, keep, input.markers);
    const mode =
      rate === undefined
        ? `threshold(${threshold})`
        : `rate(${Math.min(1, rate)})`;
    return {
      output: assembled.output,
      lossless: assembled.droppedWords === 0,
      labels: [`${label}:${mode}:chunks(${chunks})`],
    };
  }

  return {
    specificationVersion: 'v1',
    name: 'ml',
    contentTypes: ['text'],
    async: true,
    async prepare() {
      // A missing model is not an error here: calls fall back and say why.
      await loadClassifier(source).catch(() => undefined);
    },
    async compress(input) {
      const controller = new AbortController();
      const timer = setTimeout(
        () => controller.abort(new FallbackSignal('timeout')),
        timeoutMs,
      );
      timer.unref?.();
      const onCallerAbort = (): void => controller.abort(input.signal?.reason);
      input.signal?.addEventListener('abort', onCallerAbort, { once: true });
      const mark = input.markers.spans.length;
      try {
        input.signal?.throwIfAborted();
        return await compressWithModel(
          input,
          controller.signal,
          now() + timeoutMs,
        );
      } catch (error) {
        // A caller's abort (or a bug) propagates; the router names it and moves on.
        if (!(error instanceof FallbackSignal)) throw error;
        input.markers.truncate(mark);
        const result = await fallback.compress(input);
        return {
          ...result,
          labels: [
            `ml:fallback(${error.reason})→${fallback.name}`,
            ...(result.labels ?? [fallback.name]),
          ],
        };
      } finally {
        clearTimeout(timer);
        input.signal?.removeEventListener('abort', onCallerAbort);
        controller.abort();
      }
    },
  };
}
