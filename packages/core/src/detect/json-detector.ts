import { isJsonText } from '../util/json-text.ts';
import type { ContentDetector } from './detection.ts';

/**
 * Texts up to this long are checked by the grammar before they are
 * parsed: a failed parse costs an exception (3–6 µs), which on a short
 * text (a documentation page's JavaScript object in a fenced block) is
 * most of detecting it. A longer text is parsed at once: the check would
 * cost about half a parse, and most such texts that open with `{` and
 * close with `}` are JSON.
 */
const CHECK_BELOW_CHARS = 4096;

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
      if (content.length <= CHECK_BELOW_CHARS && !isJsonText(content))
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
