import type { Column } from './json-columns.ts';
import { type Hit, hitsIn, textsOf } from './json-spellings.ts';
import { applyTransform, type SlotTransform } from './json-transform.ts';

/**
 * Inferring a template column (json-transform.ts lists the transforms): a
 * string column that is fixed text around one or two other columns'
 * values, each through a transform (`item_{id}`, `{name|join.|lower}@x.io`,
 * `{first|lower}.{last|lower}`). The first row proposes where each source
 * sits in the text (json-spellings.ts); a template is taken only when it
 * rebuilds every row exactly, or every row but a few exceptions the table
 * writes as cells.
 */

/** A template field: a source column through a transform. */
export interface Slot {
  source: Column;
  transform: SlotTransform;
}

/** The row's own cell inside a template (`{}`): the text no column gives. */
export interface CellField {
  cell: true;
}

/** Fixed text and fields, in order; at most one cell field. */
export type TemplatePart = string | Slot | CellField;

/** True for a field that reads a column. */
export function isSlot(part: TemplatePart): part is Slot {
  return typeof part !== 'string' && 'source' in part;
}

/** A column a template may read, with its values by row. */
export interface DerivationSource {
  column: Column;
  values: readonly unknown[];
}

/**
 * Rows that may break a template taken with exceptions: a quarter at most,
 * in a table of 8 rows or more (a smaller one has too few to tell a
 * pattern from chance).
 */
export function exceptionBudget(rows: number): number {
  return rows >= 8 ? Math.floor(rows / 4) : 0;
}

/** Rows checked before all of them when a template may have exceptions. */
const SAMPLE_ROWS = 16;
/** Rows whose text proposes where the sources sit: the first, or the first few when rows may break the template. */
const PROPOSERS_WITH_EXCEPTIONS = 3;

/**
 * The template of a column over `sources` (each present in every row):
 * fixed text and one or two fields that rebuild every row's string, or
 * all but `maxMisses` rows (the exceptions, whose cells the table keeps).
 * Undefined when there is none.
 */
export function inferTemplate(
  targets: readonly unknown[],
  sources: readonly DerivationSource[],
  maxMisses = 0,
): TemplatePart[] | undefined {
  // Most columns follow no template: the checks before the first row's
  // hits allocate nothing per row.
  if (targets.length < 2) return undefined;
  let others = 0;
  for (const value of targets) if (typeof value !== 'string') others++;
  if (others > maxMisses) return undefined;
  const strings = targets as ReadonlyArray<string | undefined>;
  const proposers: number[] = [];
  const wanted = maxMisses === 0 ? 1 : PROPOSERS_WITH_EXCEPTIONS;
  for (let row = 0; row < strings.length && proposers.length < wanted; row++)
    if (typeof strings[row] === 'string') proposers.push(row);
  // `|` and `}` would end a field's name early; such sources are not used.
  const texts = sources.map(({ column, values }) =>
    /[|}]/.test(column.name) ? undefined : textsOf(values),
  );
  const usable = texts.map((values) => values !== undefined);
  const slot = (hit: Hit, transform: SlotTransform): Slot => ({
    source: sources[hit.source]!.column,
    transform,
  });
  // True when `matches` holds on all rows but `maxMisses` at most. With
  // exceptions allowed, a spread-out sample is checked first: a template
  // that misses half of it is not worth the scan of every row.
  const stride = Math.ceil(strings.length / SAMPLE_ROWS);
  const sampleSize = Math.ceil(strings.length / stride);
  const fits = (matches: (value: string, row: number) => boolean): boolean => {
    const miss = (row: number): boolean => {
      const value = strings[row];
      return typeof value !== 'string' || !matches(value, row);
    };
    if (maxMisses > 0) {
      let sampled = 0;
      for (let row = 0; row < strings.length; row += stride)
        if (miss(row) && ++sampled * 2 > sampleSize) return false;
    }
    let misses = 0;
    for (let row = 0; row < strings.length; row++)
      if (miss(row) && ++misses > maxMisses) return false;
    return true;
  };
  for (const proposer of proposers) {
    const first = strings[proposer]!;
    const hits = hitsIn(targets, proposer, sources, usable);
    if (hits.length === 0) continue;
    // Whether the rows open with the text before a hit, and close with the
    // text after it: each checked once, so pairs cost no scan of their own.
    const opens = hits.map((hit) => {
      const before = first.slice(0, hit.at);
      return fits((value) => value.startsWith(before));
    });
    const closes = hits.map((hit) => {
      const after = first.slice(hit.at + hit.text.length);
      return fits((value) => value.endsWith(after));
    });
    for (const [index, hit] of hits.entries()) {
      const before = first.slice(0, hit.at);
      const after = first.slice(hit.at + hit.text.length);
      if (!opens[index] || !closes[index]) continue;
      if (!fits((value) => framed(value, before, '', after))) continue;
      const values = texts[hit.source]!;
      for (const transform of hit.transforms)
        if (
          fits(
            (value, row) =>
              value ===
              before + applyTransform(values[row]!, transform) + after,
          )
        )
          return [before, slot(hit, transform), after];
    }
    for (const [leftIndex, left] of hits.entries())
      for (const [rightIndex, right] of hits.entries()) {
        if (
          !opens[leftIndex] ||
          !closes[rightIndex] ||
          left.source === right.source ||
          right.at < left.at + left.text.length
        )
          continue;
        const before = first.slice(0, left.at);
        const middle = first.slice(left.at + left.text.length, right.at);
        const after = first.slice(right.at + right.text.length);
        if (!fits((value) => framed(value, before, middle, after))) continue;
        const leftValues = texts[left.source]!;
        const rightValues = texts[right.source]!;
        for (const leftTransform of left.transforms) {
          // Each row's text after the left field, where the left field fits.
          const rests: Array<string | undefined> = [];
          const leftFits = fits((value, row) => {
            const head =
              before + applyTransform(leftValues[row]!, leftTransform) + middle;
            rests[row] = value.startsWith(head)
              ? value.slice(head.length)
              : undefined;
            return rests[row] !== undefined;
          });
          if (!leftFits) continue;
          for (const rightTransform of right.transforms)
            if (
              fits(
                (_, row) =>
                  rests[row] ===
                  applyTransform(rightValues[row]!, rightTransform) + after,
              )
            )
              return [
                before,
                slot(left, leftTransform),
                middle,
                slot(right, rightTransform),
                after,
              ];
        }
      }
  }
  return undefined;
}

/** True when a row's text opens with `before`, closes with `after` and holds `middle` between. */
function framed(
  value: string,
  before: string,
  middle: string,
  after: string,
): boolean {
  return (
    value.length >= before.length + middle.length + after.length &&
    value.startsWith(before) &&
    value.endsWith(after) &&
    value.indexOf(middle, before.length) >= 0
  );
}

/** True when a template has a cell field (`{}`). */
export function hasCell(parts: readonly TemplatePart[]): boolean {
  return parts.some((part) => typeof part !== 'string' && !isSlot(part));
}

/** A template's string for one item, its fields read by `read` and its cell field `cell`. */
export function fillTemplate(
  parts: readonly TemplatePart[],
  read: (path: readonly string[]) => unknown,
  cell = '',
): string {
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      if (!isSlot(part)) return cell;
      return applyTransform(
        String(read(part.source.path) ?? ''),
        part.transform,
      );
    })
    .join('');
}

/** The cell of a template with a cell field: the value less what the template gives around it. */
export function cellOf(
  parts: readonly TemplatePart[],
  read: (path: readonly string[]) => unknown,
  value: string,
): string {
  const at = parts.findIndex(
    (part) => typeof part !== 'string' && !isSlot(part),
  );
  const before = fillTemplate(parts.slice(0, at), read).length;
  const after = fillTemplate(parts.slice(at + 1), read).length;
  return value.slice(before, value.length - after);
}
