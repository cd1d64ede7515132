import type { LineIndex } from './line-index.ts';

/**
 * Verbatim lines for the categories hidden inside one ordinary template.
 * Masking and Drain-style merging fold `… HTTP/1.1" 200 512` and
 * `… HTTP/1.1" 502 0` into one template, and `status installed` with
 * `status half-configured`: the receiving agent would never see that a 502
 * or a half-configured package happened. A position whose raw tokens take
 * only a few values across the template is a category (a status code, an
 * event kind, a method), not a variable; each of its values keeps one
 * verbatim line, rarest first, so the odd one out survives a cap. Splits
 * nest (`status` then `half-installed`), a few levels deep.
 */

/** A position with at most this many distinct raw tokens is a category. */
const MAX_CATEGORY_VALUES = 6;
/** Verbatim lines one template may keep for its categories, its shortest line included. */
const MAX_CATEGORY_LINES = 8;
/** A rare value with at most this many lines keeps each of them. */
const MAX_EXCEPTION_LINES = 3;
/** Nested splits at most (`status` → `half-installed`). */
const MAX_DEPTH = 3;
/** Tokens compared per line: categories sit in the head of a line. */
const MAX_POSITIONS = 48;
const DIGIT = /\d/;
/** Characters of a line read for its tokens. */
const MAX_LINE_CHARS = 2048;

export interface CategoryEntry {
  first: number;
  last: number;
}

/**
 * The entries of one ordinary template that keep a verbatim line:
 * `shortest` first, then one per category value found in the template's
 * lines, rarest values first, at most {@link MAX_CATEGORY_LINES} in all.
 */
export function categoryExemplars<Entry extends CategoryEntry>(
  content: string,
  index: LineIndex,
  entries: readonly Entry[],
  shortest: (members: readonly Entry[]) => Entry,
): Entry[] {
  const first = shortest(entries);
  if (entries.length < 3) return [first];
  const rows = entries.map((entry) => {
    const start = index.starts[entry.first]!;
    const end = Math.min(index.ends[entry.first]!, start + MAX_LINE_CHARS);
    return content.slice(start, end).trim().split(/\s+/, MAX_POSITIONS);
  });
  const kept = new Set<Entry>([first]);
  const fewValued = fewValuedPositions(rows);
  const partsByFewValued = (
    all: readonly string[][],
    members: readonly number[],
  ): number[][] => {
    const parts = new Map<string, number[]>();
    for (const member of members) {
      const key = fewValued
        .map((position) => all[member]![position] ?? '')
        .join('\u0000');
      const part = parts.get(key);
      if (part) part.push(member);
      else parts.set(key, [member]);
    }
    return [...parts.values()];
  };
  const visit = (members: number[], depth: number, rare: boolean): void => {
    if (kept.size >= MAX_CATEGORY_LINES) return;
    const position =
      depth < MAX_DEPTH && members.length > 1
        ? rarestCategory(rows, members)
        : undefined;
    if (position === undefined) {
      // A rare value written only a few times is an exception (two 502s
      // among thousands of 200s): its lines that name different values of
      // a field with few values (a path, a host; not an id or a time)
      // each stay.
      if (rare && members.length > 1 && members.length <= MAX_EXCEPTION_LINES)
        for (const part of partsByFewValued(rows, members)) {
          if (kept.size >= MAX_CATEGORY_LINES) break;
          kept.add(shortest(part.map((member) => entries[member]!)));
        }
      else kept.add(shortest(members.map((member) => entries[member]!)));
      return;
    }
    const byValue = new Map<string, number[]>();
    for (const member of members) {
      const value = rows[member]![position] ?? '';
      const part = byValue.get(value);
      if (part) part.push(member);
      else byValue.set(value, [member]);
    }
    const parts = [...byValue.values()].sort((a, b) => a.length - b.length);
    // Every part but the commonest is a rare value.
    parts.forEach((part, i) => {
      visit(part, depth + 1, i < parts.length - 1);
    });
  };
  visit(
    entries.map((_, i) => i),
    0,
    false,
  );
  return [...kept];
}

/** A field with at most this many values over a template names a thing (a path, a host). */
const MAX_FEW_VALUES = 16;

/**
 * Positions whose values are few over the whole template: at most
 * {@link MAX_FEW_VALUES}, and each written four times or more on average.
 * Ids, times and counters take many values and are left out.
 */
function fewValuedPositions(rows: readonly string[][]): number[] {
  let width = Infinity;
  for (const row of rows) width = Math.min(width, row.length);
  const positions: number[] = [];
  for (let position = 0; position < width; position++) {
    const values = new Set<string>();
    for (const row of rows) {
      values.add(row[position]!);
      if (values.size > MAX_FEW_VALUES) break;
    }
    if (
      values.size > 1 &&
      values.size <= MAX_FEW_VALUES &&
      values.size * 4 <= rows.length
    )
      positions.push(position);
  }
  return positions;
}

/**
 * The category position whose rarest value is rarest among `members`, or
 * undefined when no position is a category (every position is constant
 * or takes many values).
 */
function rarestCategory(
  rows: readonly string[][],
  members: readonly number[],
): number | undefined {
  let width = Infinity;
  for (const member of members) width = Math.min(width, rows[member]!.length);
  let best: number | undefined;
  let bestShare = 1;
  for (let position = 0; position < width; position++) {
    const counts = new Map<string, number>();
    for (const member of members) {
      const value = rows[member]![position]!;
      counts.set(value, (counts.get(value) ?? 0) + 1);
      if (counts.size > MAX_CATEGORY_VALUES) break;
    }
    // A category repeats its values; a position as varied as its lines
    // (a short template's timestamps) is a variable.
    if (
      counts.size < 2 ||
      counts.size > MAX_CATEGORY_VALUES ||
      counts.size * 4 > members.length
    )
      continue;
    // Numbers that take a few values evenly are a clock or a counter; a
    // numeric category has a usual value and exceptions (200 and a 502).
    const values = [...counts.values()];
    if (
      [...counts.keys()].some((value) => DIGIT.test(value)) &&
      Math.max(...values) * 2 < members.length
    )
      continue;
    const share = Math.min(...values) / members.length;
    if (share < bestShare) {
      best = position;
      bestShare = share;
    }
  }
  return best;
}
