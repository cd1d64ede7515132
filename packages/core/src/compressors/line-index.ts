/**
 * Line bookkeeping shared by the line-oriented compressors (log, search,
 * diff, text). Private: not exported from the package.
 */

/** `[start, end)` offsets of each line, the `\n` excluded (`\r` kept). */
export interface LineIndex {
  starts: number[];
  ends: number[];
}

/** Splits `content` on `\n` in one pass, keeping offsets into it. */
export function indexLines(content: string): LineIndex {
  const starts: number[] = [];
  const ends: number[] = [];
  let start = 0;
  for (;;) {
    const newline = content.indexOf('\n', start);
    if (newline === -1) {
      starts.push(start);
      ends.push(content.length);
      return { starts, ends };
    }
    starts.push(start);
    ends.push(newline);
    start = newline + 1;
  }
}

/**
 * Ranges covering the given line numbers (ascending): consecutive lines
 * become one range, so `spanText` gives back exactly those lines joined by
 * `\n`.
 */
export function lineRanges(
  index: LineIndex,
  lines: readonly number[],
): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let runStart = -1;
  let previous = -2;
  for (const line of lines) {
    if (line !== previous + 1) {
      if (runStart >= 0)
        ranges.push([index.starts[runStart]!, index.ends[previous]!]);
      runStart = line;
    }
    previous = line;
  }
  if (runStart >= 0)
    ranges.push([index.starts[runStart]!, index.ends[previous]!]);
  return ranges;
}

/** `1,842`: counts in summaries use thousands separators, locale-free. */
export function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `1 line` / `12 lines`. */
export function plural(
  count: number,
  noun: string,
  nouns = `${noun}s`,
): string {
  return `${formatCount(count)} ${count === 1 ? noun : nouns}`;
}

export { queryTerms } from '../util/query-terms.ts';

/** Number of query terms `text` contains (case-insensitive). */
export function queryHits(text: string, terms: readonly string[]): number {
  if (terms.length === 0) return 0;
  const lower = text.toLowerCase();
  let hits = 0;
  for (const term of terms) if (lower.includes(term)) hits++;
  return hits;
}
