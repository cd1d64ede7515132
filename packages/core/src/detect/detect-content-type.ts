import { InvalidArgumentError } from '../errors/index.ts';
import { assertOptions } from '../util/validate.ts';
import { assertPluginList } from '../util/validate-plugins.ts';
import { codeDetector } from './code-detector.ts';
import {
  ACCEPT_SCORE,
  type ContentDetector,
  type Detection,
} from './detection.ts';
import { diffDetector } from './diff-detector.ts';
import { htmlDetector } from './html-detector.ts';
import { jsonDetector } from './json-detector.ts';
import { logDetector } from './log-detector.ts';
import { mixedDetector } from './mixed-detector.ts';
import { searchDetector } from './search-detector.ts';

/**
 * The built-in detectors: json, diff, html, search, mixed, log, code. Every
 * one scores the content; the order breaks ties between equal scores.
 * Anything none of them takes is text (Markdown and prose).
 * docs/concepts.md "Detection" says why.
 */
export function defaultDetectors(): ContentDetector[] {
  const detectors = [
    jsonDetector(),
    diffDetector(),
    htmlDetector(),
    searchDetector(),
    mixedDetector(),
    logDetector(),
    codeDetector(),
  ];
  for (const detector of detectors) CAPPED.add(detector);
  return detectors;
}

const ESCAPE = '\u001b[';
/** ANSI control sequences: colours, styles, cursor moves (`ESC [ … letter`). */
const TERMINAL_CODE = /\u001b\[[0-9;?]{0,32}[A-Za-z]/g;

/** The content without its terminal control sequences. */
function withoutTerminalCodes(content: string): string {
  return content.replace(TERMINAL_CODE, '');
}

/** Built-in detectors: they never score above 1. */
const CAPPED = new WeakSet<ContentDetector>();

const DEFAULT_DETECTORS = defaultDetectors();

/** Options of {@link detectContentType}. */
export interface DetectContentTypeOptions {
  /** @default defaultDetectors() */
  detectors?: readonly ContentDetector[];
}

/**
 * Runs every detector and ranks their answers by score (ties: detector
 * order). The best answer scoring at least {@link ACCEPT_SCORE} is the
 * content type, the others follow in `alternatives`; when none reaches it
 * the content is text (score 0.5) and the weaker answers are its
 * alternatives. A detector that throws is skipped: detection never fails.
 * Terminal colour codes (ANSI `ESC [ … m`) are left out of what the
 * detectors read.
 */
export function detectContentType(
  content: string,
  options: DetectContentTypeOptions = {},
): Detection {
  if (typeof content !== 'string')
    throw new InvalidArgumentError({
      parameter: 'content',
      value: content,
      message: `expected a string, got ${content === null ? 'null' : typeof content}`,
    });
  assertOptions(options);
  assertPluginList(options.detectors, 'detectors', ['detect']);
  const { detectors = DEFAULT_DETECTORS } = options;
  if (content.trim().length === 0)
    return { contentType: 'text', confidence: 0 };
  // Terminal colours are not content: `\x1b[91merror\x1b[0m TS2322` is
  // read as `error TS2322`. Only detection reads the plain text; the
  // compressors get the content as it is.
  if (content.includes(ESCAPE)) content = withoutTerminalCodes(content);
  const answers: Detection[] = [];
  for (let index = 0; index < detectors.length; index++) {
    const detection = safeDetect(detectors[index]!, content);
    if (!detection) continue;
    answers.push(detection);
    // A top score that no later detector can beat (built-ins score at most
    // 1, ties keep detector order) is the answer whatever they say: they
    // run only if the router asks for the runners-up.
    if (
      detection.confidence >= 1 &&
      answers.every(
        (answer) =>
          answer === detection || answer.confidence < detection.confidence,
      ) &&
      detectors.slice(index + 1).every((later) => CAPPED.has(later))
    )
      return withLazyRunnersUp(
        detection,
        answers.slice(0, -1),
        detectors.slice(index + 1),
        content,
      );
  }
  // Array.prototype.sort is stable: equal scores keep detector order.
  answers.sort((a, b) => b.confidence - a.confidence);
  const [best, ...rest] = answers;
  if (best && best.confidence >= ACCEPT_SCORE)
    return rest.length ? { ...best, alternatives: rest } : best;
  return answers.length
    ? { contentType: 'text', confidence: ACCEPT_SCORE, alternatives: answers }
    : { contentType: 'text', confidence: ACCEPT_SCORE };
}

/** A detector's answer, or undefined when it has none or throws. */
function safeDetect(
  detector: ContentDetector,
  content: string,
): Detection | undefined {
  let detection: Detection | undefined;
  try {
    detection = detector.detect(content);
  } catch {
    // A custom detector's bug must not turn odd content into an error;
    // the other detectors (and text) still answer.
    return undefined;
  }
  return detection && Number.isFinite(detection.confidence)
    ? detection
    : undefined;
}

/**
 * `best` with `alternatives` computed on first read: the earlier answers
 * and those of the detectors not yet run, ranked as an eager run would
 * rank them. Most content routes on its first answer (a diff always does)
 * and never reads them.
 */
function withLazyRunnersUp(
  best: Detection,
  earlier: Detection[],
  pending: readonly ContentDetector[],
  content: string,
): Detection {
  const detection: Detection = { ...best };
  Object.defineProperty(detection, 'alternatives', {
    enumerable: true,
    configurable: true,
    get(): readonly Detection[] | undefined {
      const rest = [...earlier];
      for (const detector of pending) {
        const answer = safeDetect(detector, content);
        if (answer) rest.push(answer);
      }
      rest.sort((a, b) => b.confidence - a.confidence);
      const alternatives = rest.length ? rest : undefined;
      Object.defineProperty(detection, 'alternatives', {
        value: alternatives,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      return alternatives;
    },
  });
  return detection;
}
