import { CONTENT_TYPES, type Compressor } from '@sharedcontext/core';

/**
 * A test compressor that keeps the first `keep` lines and drops the rest
 * behind one marker, so the retrieval paths are exercised whichever
 * built-in compressors exist.
 */
export function keepHeadCompressor(keep = 5): Compressor {
  return {
    specificationVersion: 'v1',
    name: 'keep-head',
    contentTypes: CONTENT_TYPES,
    compress({ content, markers }) {
      const lines = content.split('\n');
      if (lines.length <= keep) return { output: content, lossless: true };
      const start = lines.slice(0, keep).join('\n').length + 1;
      const marker = markers.drop({
        summary: `${lines.length - keep} lines omitted`,
        ranges: [[start, content.length]],
      });
      return {
        output: `${lines.slice(0, keep).join('\n')}\n${marker}`,
        lossless: false,
      };
    },
  };
}

/** What `fn` throws (undefined if it returns). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
