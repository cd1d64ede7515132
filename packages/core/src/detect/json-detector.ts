import type { ContentDetector } from './detection.ts';

/**
 * JSON: an array (of objects or scalars) or an object that parses whole.
 * Minified JSON counts too; Headroom's word-count gate misses it.
 */
export function jsonDetector(): ContentDetector {
  return {
    name: 'json',
    detect(content) {
      const start = content.search(/\S/);
      if (start < 0) return undefined;
      const first = content[start];
      if (first !== '[' && first !== '{') return undefined;
      const last = content.trimEnd().at(-1);
      if ((first === '[' && last !== ']') || (first === '{' && last !== '}'))
        return undefined;
      try {
        const data: unknown = JSON.parse(content);
        return { contentType: 'json', confidence: 1, data };
      } catch {
        return undefined;
      }
    },
  };
}
