export type {
  Compressor,
  CompressorInput,
  CompressorResult,
} from './compressor.ts';
export { defaultCompressors } from './default-compressors.ts';
export {
  type DiffCompressorOptions,
  diffCompressor,
} from './diff-compressor.ts';
export {
  type HtmlCompressorOptions,
  htmlCompressor,
} from './html-compressor.ts';
export {
  installedAndDefaultCompressors,
  loadInstalledCompressors,
} from './installed-compressors.ts';
export {
  type JsonCompressorOptions,
  jsonCompressor,
} from './json-compressor.ts';
export { decodeJson } from './json-decode.ts';
export { type LogCompressorOptions, logCompressor } from './log-compressor.ts';
export {
  type MixedCompressorOptions,
  mixedCompressor,
} from './mixed-compressor.ts';
export {
  createRouter,
  type RouteOutcome,
  type Router,
  type RouterOptions,
} from './router.ts';
export {
  type SearchCompressorOptions,
  searchCompressor,
} from './search-compressor.ts';
export {
  type TextCompressorOptions,
  textCompressor,
} from './text-compressor.ts';
