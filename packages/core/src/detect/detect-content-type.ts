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
  return [
    jsonDetector(),
    diffDetector(),
    htmlDetector(),
    searchDetector(),
    mixedDetector(),
    logDetector(),
    codeDetector(),
  ];
}

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
  const answers: Detection[] = [];
  for (const detector of detectors) {
    let detection: Detection | undefined;
    try {
      detection = detector.detect(content);
    } catch {
      // A custom detector's bug must not turn odd content into an error;
      // the other detectors (and text) still answer.
      continue;
    }
    if (detection && Number.isFinite(detection.confidence))
      answers.push(detection);
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
