import type { DroppedSpan } from '../retrieval/index.ts';
import type { ContentType } from '../types.ts';
import { lineSeverity } from '../util/log-severity.ts';
import {
  AsyncInSyncPathError,
  runAsync,
  type Steps,
} from '../util/run-steps.ts';
import { assertOptions } from '../util/validate.ts';
import { assertPluginList } from '../util/validate-plugins.ts';
import { candidateTypeSequence, candidateTypes } from './candidate-types.ts';
import type {
  Compressor,
  CompressorInput,
  CompressorResult,
} from './compressor.ts';
import { defaultCompressors } from './default-compressors.ts';
import { assertCount } from './option-checks.ts';
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
  /**
   * Content types tried per input, at most: the detected one, then the
   * detection's runners-up in score order. @default 3
   */
  maxCandidates?: number;
}

/** How one routing went: the output taken (or the content) and the labels. */
export interface RouteOutcome {
  output: string;
  /** The compressor whose output was taken, or undefined for passthrough. */
  compressor?: string;
  /** The candidate content type whose output was taken. */
  contentType?: ContentType;
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
  /** The content types tried for an input, in order (see {@link candidateTypes}). */
  candidateTypes(
    input: Pick<CompressorInput, 'contentType' | 'detection'>,
  ): ContentType[];
  routeSteps(
    input: CompressorInput,
    inputTokens: number,
    sync: boolean,
  ): Steps<RouteOutcome>;
}

/** A confident answer saving less than this lets the runners-up try. */
const WEAK_SAVINGS = 0.5;

/**
 * Types whose answer stands however little it saves: a diff keeps every
 * changed line by design (ADR 0003), and content that parsed as JSON is
 * JSON (its outline or minified form, never a runner-up's line extract).
 */
const SETTLED_BY_PARSE: ReadonlySet<ContentType> = new Set(['diff', 'json']);

/**
 * Types whose compressor's rejection is final: prose extraction would break
 * a JSON document's structure, and a diff keeps every changed line by
 * design (ADR 0003). Every other type falls back to the listed text
 * compressors when none of its candidates answered.
 */
const NO_TEXT_RESORT: ReadonlySet<ContentType> = new Set(['json', 'diff']);

/**
 * Whether an answer is a prose extract: the text compressor's, or a
 * compressor's that fell back to it (`code:unparsable→text`). After a
 * confident type answered, such an answer never wins, however small: it
 * drops lines by sentence weight, not by structure or severity.
 */
function isTextAnswer(attempt: Attempt): boolean {
  return (
    attempt.outcome.compressor === 'text' ||
    attempt.outcome.labels.some((label) => label.endsWith('→text'))
  );
}

function shortReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .replace(/^\[sharedcontext\]\s*/, '')
    .replace(/[()\n]/g, ' ')
    .slice(0, 80);
}

/** One content type's valid output, kept while later candidates run. */
interface Attempt {
  outcome: RouteOutcome & { compressor: string };
  spans: DroppedSpan[];
}

/**
 * Routes content over ranked candidates: the detected content type, then
 * the detection's runners-up in score order (at most `maxCandidates`
 * types). For each type the first compressor (in list order) whose output
 * saves at least `minSavings` of the tokens answers for it; a compressor
 * that throws, returns nothing or saves too little is skipped and named in
 * the labels, and the next type is tried. The first type that answers
 * wins (an answer saving less than half lets the runners-up try, except a
 * diff's or a JSON document's, and a runner-up's prose extract never
 * replaces it), except for text: text and the weak hints tried before it (lines
 * that repeat templates) all run and the smallest output wins. If no
 * candidate answers, the listed text compressors are the last resort
 * (except for JSON and diffs); if nothing answers the content passes
 * through unchanged. Routing never throws on odd content.
 */
export function createRouter(options: RouterOptions = {}): Router {
  assertOptions(options);
  assertPluginList(options.compressors, 'compressors', ['compress']);
  const {
    compressors = defaultCompressors(),
    fallback = textCompressor(),
    minSavings = 0.05,
    maxCandidates = 3,
  } = options;
  assertCount(maxCandidates, 'maxCandidates', 1);
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

  /**
   * The first compressor for one type whose output is valid, or undefined.
   * `pool` defaults to the type's candidates.
   */
  function* tryType(
    input: CompressorInput,
    contentType: ContentType,
    inputTokens: number,
    sync: boolean,
    labels: string[],
    tried: Set<Compressor>,
    pool: readonly Compressor[] = candidates(contentType),
  ): Steps<Attempt | undefined> {
    const mark = input.markers.spans.length;
    const typed =
      contentType === input.contentType ? input : { ...input, contentType };
    for (const compressor of pool) {
      // One that serves several candidate types runs once per input.
      if (tried.has(compressor)) continue;
      tried.add(compressor);
      if (sync && compressor.async) {
        labels.push(`${compressor.name}:skipped(async-only on the sync path)`);
        continue;
      }
      // A rejected attempt's markers must not outlive it.
      const reject = (label: string): void => {
        input.markers.truncate(mark);
        labels.push(label);
      };
      let result: CompressorResult;
      try {
        result = (yield compressor.compress(typed)) as CompressorResult;
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
      let outputTokens: number;
      try {
        outputTokens = input.tokenizer.count(result.output);
      } catch (error) {
        reject(`${compressor.name}:failed(${shortReason(error)})`);
        continue;
      }
      if (outputTokens > inputTokens * (1 - minSavings)) {
        reject(
          `${compressor.name}:rejected(${ratio(outputTokens, inputTokens)})`,
        );
        continue;
      }
      const spans = input.markers.spans.slice(mark);
      input.markers.truncate(mark);
      return {
        outcome: {
          output: result.output,
          compressor: compressor.name,
          contentType,
          lossless: result.lossless === true,
          labels:
            Array.isArray(result.labels) && result.labels.length
              ? result.labels.map(String)
              : [compressor.name],
          outputTokens,
        },
        spans,
      };
    }
    return undefined;
  }

  function* routeSteps(
    input: CompressorInput,
    inputTokens: number,
    sync: boolean,
  ): Steps<RouteOutcome> {
    // The path in attempt order: failure labels and the types' answers.
    const path: Array<string | Attempt> = [];
    const mark = input.markers.spans.length;
    let best: Attempt | undefined;
    // A confident detection's first answer is taken: a search hit list
    // must not lose its paths to a smaller prose extract. Text and its
    // hints are one rung, where the smallest answer wins. A confident
    // answer that saves little is a hint the detection was wrong (an
    // access log read as search hits): the other confident types, never
    // text, get their turn and the smallest answer wins. A diff's answer
    // stands however little it saves: it keeps every changed line by
    // design (ADR 0003), and a log of added lines must not undo that; so
    // does a JSON document's (it parsed: the detection was right).
    const exhaustive = input.contentType === 'text';
    const tried = new Set<Compressor>();
    // The types tried so far: the detection's runners-up are read only
    // when a weak or missing answer asks for the next one.
    const types: ContentType[] = [];
    let settled = false;
    const attempt = function* (
      contentType: ContentType,
      compressors: readonly Compressor[],
    ): Steps<Attempt | undefined> {
      const failures: string[] = [];
      const answer: Attempt | undefined = yield* tryType(
        input,
        contentType,
        inputTokens,
        sync,
        failures,
        tried,
        compressors,
      );
      path.push(...failures);
      if (!answer) return undefined;
      // A runner-up's prose extract does not replace a confident type's
      // answer (a JSON document's outline, a log's templates): it would
      // drop lines the structure keeps.
      if (!exhaustive && best && isTextAnswer(answer)) {
        path.push(
          `${answer.outcome.compressor}:rejected(a prose extract after a ${input.contentType} answer)`,
        );
        return answer;
      }
      path.push(answer);
      if (!best || answer.outcome.outputTokens < best.outcome.outputTokens)
        best = answer;
      return answer;
    };
    for (const contentType of candidateTypeSequence(input, maxCandidates)) {
      types.push(contentType);
      if (!(yield* attempt(contentType, candidates(contentType)))) continue;
      if (
        !exhaustive &&
        best &&
        (SETTLED_BY_PARSE.has(contentType) ||
          best.outcome.outputTokens <= inputTokens * (1 - WEAK_SAVINGS))
      ) {
        settled = true;
        break;
      }
    }
    // Text is the last resort: when every candidate failed or was rejected
    // (a log whose lines are too long or too unique for templates), the
    // listed text compressors get their turn instead of a passthrough. Only
    // listed ones: an explicit `compressors` list without text means none.
    if (
      !settled &&
      !best &&
      !types.includes('text') &&
      !NO_TEXT_RESORT.has(input.contentType)
    ) {
      const resort = list.filter((compressor) =>
        compressor.contentTypes.includes('text'),
      );
      const answer =
        resort.length > 0 ? yield* attempt('text', resort) : undefined;
      // Prose extraction weighs sentences, not severities: over a log it
      // may drop the one error line, which is worse than passing the log
      // through.
      if (
        answer &&
        input.contentType === 'log' &&
        dropsSignalLine(input.content, answer.outcome.output)
      ) {
        best = undefined;
        path[path.indexOf(answer)] =
          `${answer.outcome.compressor}:rejected(drops an error or warning line)`;
      }
    }
    const labels = path.flatMap((step) =>
      typeof step === 'string'
        ? [step]
        : step === best
          ? step.outcome.labels
          : [
              `${step.outcome.compressor}:larger(${ratio(step.outcome.outputTokens, inputTokens)})`,
            ],
    );
    input.markers.truncate(mark);
    if (!best)
      return {
        output: input.content,
        lossless: true,
        labels,
        outputTokens: inputTokens,
      };
    input.markers.restore(best.spans);
    return { ...best.outcome, labels };
  }

  return {
    specificationVersion: 'v1',
    name: 'router',
    contentTypes,
    compressors: list,
    candidates,
    candidateTypes: (input) => candidateTypes(input, maxCandidates),
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

function ratio(outputTokens: number, inputTokens: number): string {
  return (outputTokens / Math.max(1, inputTokens)).toFixed(2);
}

/** Whether `output` lost a line of `content` that carries an error or warning level or word. */
function dropsSignalLine(content: string, output: string): boolean {
  // Whole output lines, not a substring search per line: a large log of
  // signal lines must stay linear. A signal line kept only inside a longer
  // line counts as dropped, which errs toward passing the log through.
  const kept = new Set(output.split('\n'));
  for (const line of content.split('\n'))
    if (line.trim() !== '' && lineSeverity(line) > 0 && !kept.has(line))
      return true;
  return false;
}
