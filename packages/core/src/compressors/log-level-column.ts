import {
  fieldLevel,
  LEVEL_FIELDS,
  leadingFields,
  type Severity,
} from '../util/log-severity.ts';
import type { LineIndex } from './line-index.ts';

/**
 * A level column past the leading fields. Most layouts put the level
 * among the first few fields, where every line's severity is read; some
 * put ids, nodes and several timestamps first (`- 1117838570 2005.06.03
 * R02-M1 2005-06-03-15.42.50 R02-M1 RAS KERNEL FATAL …`). Such a column is
 * found by position, not by name: the one field, among the first
 * {@link MAX_LEVEL_COLUMN}, that holds a level token in most lines (a
 * lone `E` or `W` that far in counts only because most lines agree).
 */

/** Fields searched for a level column. */
export const MAX_LEVEL_COLUMN = 24;
/** Non-blank lines read to find it. */
const SAMPLE_LINES = 400;
/** Share of the sampled lines with a level token in the column, at least. */
const MIN_SHARE = 0.6;

/**
 * The index of the field past the first {@link LEVEL_FIELDS} that holds a
 * level token in at least 60 % of the first 400 non-blank lines, when no
 * earlier field does; else undefined (the leading fields answer).
 */
export function findLevelColumn(
  content: string,
  index: LineIndex,
): number | undefined {
  const hits = new Array<number>(MAX_LEVEL_COLUMN).fill(0);
  let sampled = 0;
  for (let line = 0; line < index.starts.length; line++) {
    if (sampled === SAMPLE_LINES) break;
    const text = content.slice(index.starts[line], index.ends[line]);
    if (text.trim() === '') continue;
    sampled++;
    const fields = leadingFields(text, MAX_LEVEL_COLUMN);
    for (let i = 0; i < fields.length; i++)
      if (fieldLevel(fields[i]!) !== undefined) hits[i]!++;
  }
  if (sampled === 0) return undefined;
  const column = hits.findIndex((count) => count >= MIN_SHARE * sampled);
  return column >= LEVEL_FIELDS ? column : undefined;
}

/** The level token in `column` of `line`, if there is one. */
export function columnLevel(line: string, column: number): Severity {
  const field = leadingFields(line, column + 1)[column];
  return (field === undefined ? undefined : fieldLevel(field)) ?? 0;
}
