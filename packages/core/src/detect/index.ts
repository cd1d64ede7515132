export { type CodeDetectorOptions, codeDetector } from './code-detector.ts';
export type { LanguagePatterns } from './code-languages.ts';
export {
  type DetectContentTypeOptions,
  defaultDetectors,
  detectContentType,
} from './detect-content-type.ts';
export {
  ACCEPT_SCORE,
  type ContentDetector,
  type Detection,
} from './detection.ts';
export { diffDetector } from './diff-detector.ts';
export { htmlDetector } from './html-detector.ts';
export { jsonDetector } from './json-detector.ts';
export { type LogDetectorOptions, logDetector } from './log-detector.ts';
export { type MixedDetectorOptions, mixedDetector } from './mixed-detector.ts';
export { type MixedSection, splitMixedSections } from './mixed-sections.ts';
export { searchDetector } from './search-detector.ts';
