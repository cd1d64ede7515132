import type { ContentDetector, Detection } from './detection.ts';
import { jsonDetector } from './json-detector.ts';

/** The built-in detectors, in the order they run (first answer wins). */
export function defaultDetectors(): ContentDetector[] {
  return [jsonDetector()];
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
export function detectContentType(content: string, { detectors = DEFAULT_DETECTORS }: DetectContentTypeOptions = {}): Detection {
  if (content.trim().length === 0) return { contentType: 'text', confidence: 0 };
  for (const detector of detectors) {
    const detection = detector.detect(content);
    if (detection) return detection;
  }
  return { contentType: 'text', confidence: 0.5 };
}
