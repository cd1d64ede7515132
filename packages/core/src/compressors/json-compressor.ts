import type { Compressor } from './compressor.ts';

/** Options of {@link jsonCompressor}. */
export type JsonCompressorOptions = Record<string, never>;

/**
 * JSON: re-serialises the parsed value without whitespace (lossless; number
 * literals and escapes are normalised, the stored original keeps them).
 */
export function jsonCompressor(_options: JsonCompressorOptions = {}): Compressor {
  return {
    specificationVersion: 'v1',
    name: 'json',
    contentTypes: ['json'],
    compress({ content, detection }) {
      const data = detection.data === undefined ? JSON.parse(content) : detection.data;
      return { output: JSON.stringify(data), lossless: true, labels: ['json:minify'] };
    },
  };
}
