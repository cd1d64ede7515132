import type { Compressor } from './compressor.ts';
import { jsonCompressor } from './json-compressor.ts';

/** The built-in compressors, in router order. */
export function defaultCompressors(): Compressor[] {
  return [jsonCompressor()];
}
