export type { Compressor, CompressorInput, CompressorResult } from './compressor.ts';
export { defaultCompressors } from './default-compressors.ts';
export { type JsonCompressorOptions, jsonCompressor } from './json-compressor.ts';
export { createRouter, type RouteOutcome, type Router, type RouterOptions } from './router.ts';
