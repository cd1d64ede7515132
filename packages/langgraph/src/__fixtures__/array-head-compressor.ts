import type { Compressor } from '@sharedcontext/core';

/**
 * A test compressor for JSON: keeps the first two items of every top-level
 * array field and drops the rest behind a marker, so store tests do not
 * depend on which built-in JSON compressors exist.
 */
export function arrayHeadCompressor(): Compressor {
  return {
    specificationVersion: 'v1',
    name: 'array-head',
    contentTypes: ['json'],
    compress({ content, markers }) {
      const value = JSON.parse(content) as Record<string, unknown>;
      let lossless = true;
      const kept = Object.fromEntries(
        Object.entries(value).map(([field, items]) => {
          if (!Array.isArray(items) || items.length <= 2) return [field, items];
          lossless = false;
          const marker = markers.drop({ summary: `${items.length - 2} items omitted`, text: items.slice(2).map((item) => JSON.stringify(item)).join('\n') });
          return [field, [...items.slice(0, 2), marker]];
        }),
      );
      return { output: JSON.stringify(kept), lossless };
    },
  };
}
