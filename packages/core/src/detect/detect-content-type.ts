import { codeDetector } from './code-detector.ts';
import type { ContentDetector, Detection } from './detection.ts';
import { diffDetector } from './diff-detector.ts';
import { htmlDetector } from './html-detector.ts';
import { jsonDetector } from './json-detector.ts';
import { logDetector } from './log-detector.ts';
import { mixedDetector } from './mixed-detector.ts';
import { searchDetector } from './search-detector.ts';

/**
 * The built-in detectors, in the order they run (first answer wins):
 * json, diff, html, search, mixed, log, code; anything else is text
 * (Markdown and prose). docs/concepts.md "Detection order" says why.
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
 * Runs the detectors in order and returns the first answer; plain text
 * (confidence 0.5) when none answers.
 */
export function detectContentType(
  content: string,
  { detectors = DEFAULT_DETECTORS }: DetectContentTypeOptions = {},
): Detection {
  if (content.trim().length === 0)
    return { contentType: 'text', confidence: 0 };
  for (const detector of detectors) {
    const detection = detector.detect(content);
    if (detection) return detection;
  }
  return { contentType: 'text', confidence: 0.5 };
}
