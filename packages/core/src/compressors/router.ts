import type { ContentType } from '../types.ts';
import {
  AsyncInSyncPathError,
  runAsync,
  type Steps,
} from '../util/run-steps.ts';
import type {
  Compressor,
  CompressorInput,
  CompressorResult,
} from './compressor.ts';
import { defaultCompressors } from './default-compressors.ts';
import { textCompressor } from './text-compressor.ts';

/** Options of {@link createRouter}. */
export interface RouterOptions {
  /** Tried in order; put yours first to override a built-in. @default defaultCompressors() */
  compressors?: readonly Compressor[];
  /**
   * Serves content types no compressor in the list accepts (e.g. `code`
   * without the code package); `false` passes such content through.
   * @default textCompressor()
   */
  fallback?: Compressor | false;
  /** An output must save this fraction of tokens to be taken. @default 0.05 */
  minSavings?: number;
}

/** How one routing went: the output taken (or the content) and the labels. */
export interface RouteOutcome {
  output: string;
  /** The compressor whose output was taken, or undefined for passthrough. */
  compressor?: string;
  lossless: boolean;
  labels: string[];
  outputTokens: number;
}

/**
 * A router is itself a compressor (so it can be nested or wrapped), plus a
 * step function the pipeline drives on both the sync and async paths.
 */
export interface Router extends Compressor {
  readonly compressors: readonly Compressor[];
  /** Compressors that accept a content type, in the order they are tried. */
  candidates(contentType: ContentType): Compressor[];
  routeSteps(
    input: CompressorInput,
    inputTokens: number,
    sync: boolean,
  ): Steps<RouteOutcome>;
}

function shortReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/^\[sharedcontext\]\s*/, '')
    .replace(/[()\n]/g, ' ')
    .slice(0, 80);
}

/**
 * Picks, for the detected content type, the first compressor (in list
 * order) whose output saves at least `minSavings` of the tokens; a
 * compressor that throws or saves too little is skipped and named in the
 * labels, and if none succeeds the content passes through unchanged.
 */
export function createRouter({
  compressors = defaultCompressors(),
  fallback = textCompressor(),
  minSavings = 0.05,
}: RouterOptions = {}): Router {
  const list = [...compressors];
  const contentTypes = [
    ...new Set(list.flatMap((compressor) => compressor.contentTypes)),
  ];

  function candidates(contentType: ContentType): Compressor[] {
    const matching = list.filter((compressor) =>
      compressor.contentTypes.includes(contentType),
    );
    // The fallback serves only content no listed compressor takes (source
    // code without @sharedcontext/compressor-code installed): running the
    // prose compressor over JSON the JSON compressor declined would be worse
    // than passing it through.
    return matching.length === 0 && fallback ? [fallback] : matching;
  }

  function* routeSteps(
    input: CompressorInput,
    inputTokens: number,
    sync: boolean,
  ): Steps<RouteOutcome> {
    const labels: string[] = [];
    for (const compressor of candidates(input.contentType)) {
      if (sync && compressor.async) {
        labels.push(`${compressor.name}:skipped(async-only on the sync path)`);
        continue;
      }
      // A rejected attempt's markers must not outlive it.
      const mark = input.markers.spans.length;
      const reject = (label: string): void => {
        input.markers.truncate(mark);
        labels.push(label);
      };
      let result: CompressorResult;
      try {
        result = (yield compressor.compress(input)) as CompressorResult;
      } catch (error) {
        const reason =
          error instanceof AsyncInSyncPathError
            ? 'async-only on the sync path'
            : shortReason(error);
        reject(`${compressor.name}:failed(${reason})`);
        continue;
      }
      if (
        typeof result?.output !== 'string' ||
        result.output.trim().length === 0
      ) {
        reject(`${compressor.name}:rejected(empty output)`);
        continue;
      }
      // Lossless mode: a result that dropped something (or left a marker)
      // is discarded, whatever the compressor was asked.
      if (input.lossless && result.lossless !== true) {
        reject(`${compressor.name}:rejected(lossy)`);
        continue;
      }
      const outputTokens = input.tokenizer.count(result.output);
      if (outputTokens > inputTokens * (1 - minSavings)) {
        reject(
          `${compressor.name}:rejected(${(outputTokens / Math.max(1, inputTokens)).toFixed(2)})`,
        );
        continue;
      }
      labels.push(
        ...(result.labels?.length ? result.labels : [compressor.name]),
      );
      return {
        output: result.output,
        compressor: compressor.name,
        lossless: result.lossless,
        labels,
        outputTokens,
      };
    }
    return {
      output: input.content,
      lossless: true,
      labels,
      outputTokens: inputTokens,
    };
  }

  return {
    specificationVersion: 'v1',
    name: 'router',
    contentTypes,
    compressors: list,
    candidates,
    routeSteps,
    async prepare() {
      await Promise.all(list.map((compressor) => compressor.prepare?.()));
      if (fallback) await fallback.prepare?.();
    },
    async compress(input) {
      const outcome = await runAsync(
        routeSteps(input, input.tokenizer.count(input.content), false),
      );
      return {
        output: outcome.output,
        lossless: outcome.lossless,
        labels: outcome.labels,
      };
    },
  };
}
