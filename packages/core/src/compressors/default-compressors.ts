import type { Compressor } from './compressor.ts';
import { diffCompressor } from './diff-compressor.ts';
import { htmlCompressor } from './html-compressor.ts';
import { jsonCompressor } from './json-compressor.ts';
import { logCompressor } from './log-compressor.ts';
import { mixedCompressor } from './mixed-compressor.ts';
import { searchCompressor } from './search-compressor.ts';
import { textCompressor } from './text-compressor.ts';

/** The built-in compressors, in router order. */
export function defaultCompressors(): Compressor[] {
  return [
    jsonCompressor(),
    mixedCompressor(),
    logCompressor(),
    searchCompressor(),
    diffCompressor(),
    htmlCompressor(),
    textCompressor(),
  ];
}
