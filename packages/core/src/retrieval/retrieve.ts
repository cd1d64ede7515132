import { findTarget } from '../compressors/json-locate.ts';
import { queryTerms } from '../util/query-terms.ts';
import {
  assertNumber,
  assertOptionalString,
  assertOptions,
} from '../util/validate.ts';
import type { DroppedSpan } from './dropped-span.ts';

/** The original text of a dropped span, exactly as it stood in the original. */
export function spanText(original: string, span: DroppedSpan): string {
  if (span.text !== undefined) return span.text;
  return (span.ranges ?? [])
    .map(([start, end]) => original.slice(start, end))
    .join('\n');
}

/** Options of {@link searchOriginal}. */
export interface SearchOriginalOptions {
  /** At most this many lines or items. @default 200 */
  limit?: number;
}

/** JSON array items (the root array, or the biggest array in a root object), else lines. */
function units(original: string): string[] {
  const trimmed = original.trimStart();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    try {
      const target = findTarget(JSON.parse(original));
      if (target && target.items.length > 0)
        return target.items.map((item) => JSON.stringify(item));
    } catch {
      // not JSON (or too deep to serialise): fall through to lines
    }
  }
  return original.split('\n');
}

/**
 * The lines (or, for JSON, the items of the root array or of the biggest
 * array inside a root object) of the original that match a
 * query: those containing every term first; if none does, those containing
 * the most terms. Original order is kept; case-insensitive.
 */
export function searchOriginal(
  original: string,
  query: string,
  options: SearchOriginalOptions = {},
): string[] {
  assertOptionalString(original, 'original');
  assertOptionalString(query, 'query');
  assertOptions(options);
  const { limit = 200 } = options;
  assertNumber(limit, 'limit', { min: 1, integer: true });
  const wanted = queryTerms(query, 2);
  if (wanted.length === 0) return [];
  const scored = units(original).map((text, index) => {
    const lower = text.toLowerCase();
    return {
      text,
      index,
      hits: wanted.filter((term) => lower.includes(term)).length,
    };
  });
  // A reduce, not Math.max(...): a spread of 500k items overflows the stack.
  const best = scored.reduce((max, unit) => Math.max(max, unit.hits), 0);
  if (best === 0) return [];
  return scored
    .filter((unit) => unit.hits === best)
    .slice(0, limit)
    .map((unit) => unit.text);
}
