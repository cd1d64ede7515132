export { type DetectContentTypeOptions, defaultDetectors, detectContentType } from './detect-content-type.ts';
export type { ContentDetector, Detection } from './detection.ts';
export { jsonDetector } from './json-detector.ts';
