import type { CompressorInput } from '../compressors/index.ts';
import { createMarkerSink } from '../retrieval/index.ts';
import { rememberCount } from '../tokenizer/remembered-count.ts';
import { countPieces } from '../tokenizer/token-pieces.ts';
import type { MaybePromise } from '../types.ts';
import { runAsync, runSync, type Steps } from '../util/run-steps.ts';
import { detectStage } from './detect-stage.ts';
import { minSizeStage } from './min-size-stage.ts';
import type { PipelineOptions, PipelineResult } from './pipeline-stage.ts';
import { routerLabel, savingsStage } from './savings-stage.ts';

/**
 * The stages, in this order (docs/concepts.md repeats it):
 * 1. count the original's tokens;
 * 2. detect the content type (or take the forced one);
 * 3. min-size gate: under `minTokens` passes through (after detection,
 *    so small entries still report their type; detectors are linear-time,
 *    see pathological-input.test.ts, so this costs little);
 * 4. route over ranked candidates: the detected type and its runners-up
 *    (a few at most); per type the first compressor that saves enough
 *    answers, a failing one is skipped and named (with `lossless`, so
 *    is a lossy one); the smallest answer wins
 *    and its type becomes the result's `contentType`;
 * 5. savings gate: output not smaller than the original ⇒ original kept.
 * The first label is always `router:<type>:<ratio>`.
 */
function* pipelineSteps(
  content: string,
  options: PipelineOptions,
  sync: boolean,
): Steps<PipelineResult> {
  const { router, key, minTokens, detectors } = options;
  // Where the tokenizer can, the same pass records where its pieces start:
  // the text compressor then counts its output from the input's spans.
  const pieces = countPieces(options.tokenizer, content);
  const originalTokens = pieces?.total ?? options.tokenizer.count(content);
  // Compressors that need the input's total ask the tokenizer again: the
  // remembered count spares them a second full pass.
  const tokenizer = rememberCount(
    options.tokenizer,
    content,
    originalTokens,
    pieces,
  );
  const detection = detectStage(content, options);
  const { contentType } = detection;
  const passthrough = (labels: string[]): PipelineResult => ({
    compressed: content,
    originalTokens,
    compressedTokens: originalTokens,
    transforms: [
      routerLabel(contentType, originalTokens, originalTokens),
      ...labels,
    ],
    contentType,
    detection,
    spans: [],
    tokenizer: tokenizer.name,
  });

  const tooSmall = minSizeStage(originalTokens, minTokens);
  if (tooSmall) return passthrough([tooSmall]);

  const markers = createMarkerSink(key, 1, options.namespace);
  const input: CompressorInput = {
    content,
    contentType,
    detection,
    tokenizer,
    markers,
    ...(options.query === undefined ? {} : { query: options.query }),
    ...(options.targetRatio === undefined
      ? {}
      : { targetRatio: options.targetRatio }),
    ...(options.lossless ? { lossless: true } : {}),
    compressPart(part: string): MaybePromise<string> {
      const partDetection = detectStage(part, detectors ? { detectors } : {});
      const steps = router.routeSteps(
        {
          ...input,
          content: part,
          contentType: partDetection.contentType,
          detection: partDetection,
        },
        // A part's pieces too: the text compressor counts its output from them.
        countPieces(tokenizer, part)?.total ?? tokenizer.count(part),
        sync,
      );
      return sync
        ? runSync(steps).output
        : runAsync(steps).then((outcome) => outcome.output);
    },
  };
  const outcome = yield* router.routeSteps(input, originalTokens, sync);

  if (outcome.compressor === undefined) {
    return passthrough(
      outcome.labels.length ? outcome.labels : ['passthrough:no-compressor'],
    );
  }
  const notSmaller = savingsStage(originalTokens, outcome.outputTokens);
  if (notSmaller) return passthrough([...outcome.labels, notSmaller]);
  // The type whose candidate won: a log detected as search but compressed
  // as a log after the search compressor rejected it is a log.
  const routed = outcome.contentType ?? contentType;
  return {
    compressed: outcome.output,
    originalTokens,
    compressedTokens: outcome.outputTokens,
    transforms: [
      routerLabel(routed, originalTokens, outcome.outputTokens),
      ...outcome.labels,
    ],
    contentType: routed,
    detection,
    spans: [...markers.spans],
    tokenizer: tokenizer.name,
    ...(outcome.compressor === undefined
      ? {}
      : { compressor: outcome.compressor }),
  };
}

/** Runs the pipeline, awaiting async compressors. */
export function runPipeline(
  content: string,
  options: PipelineOptions,
): Promise<PipelineResult> {
  return runAsync(pipelineSteps(content, options, false));
}

/** Runs the pipeline synchronously; async-only compressors are skipped and named. */
export function runPipelineSync(
  content: string,
  options: PipelineOptions,
): PipelineResult {
  return runSync(pipelineSteps(content, options, true));
}
