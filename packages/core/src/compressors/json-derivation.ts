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

/** Fixed text and fields, in order. */
export type TemplatePart = string | Slot;

/** A column a template may read, with its values by row. */
export interface DerivationSource {
  column: Column;
  values: readonly unknown[];
}

/** Rows that may break a template taken with exceptions: a quarter at most. */
export function exceptionBudget(rows: number): number {
  return rows >= 4 ? Math.floor(rows / 4) : 0;
}

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
  const strings = targets.map((value) =>
    typeof value === 'string' ? value : undefined,
  );
  const proposers = strings
    .map((value, row) => (value === undefined ? -1 : row))
    .filter((row) => row >= 0)
    .slice(0, maxMisses === 0 ? 1 : PROPOSERS_WITH_EXCEPTIONS);
  if (
    targets.length < 2 ||
    proposers.length === 0 ||
    strings.filter((value) => value === undefined).length > maxMisses
  )
    return undefined;
  // `|` and `}` would end a field's name early; such sources are not used.
  const texts = sources.map(({ column, values }) =>
    /[|}]/.test(column.name) ? undefined : textsOf(values),
  );
  const usable = texts.map((values) => values !== undefined);
  const slot = (hit: Hit, transform: SlotTransform): Slot => ({
    source: sources[hit.source]!.column,
    transform,
  });
  // True when `matches` holds on all rows but `maxMisses` at most.
  const fits = (matches: (value: string, row: number) => boolean): boolean => {
    let misses = 0;
    for (const [row, value] of strings.entries())
      if ((value === undefined || !matches(value, row)) && ++misses > maxMisses)
        return false;
    return true;
  };
  for (const proposer of proposers) {
    const first = strings[proposer]!;
    const hits = hitsIn(first, proposer, sources, usable);
    for (const hit of hits) {
      const before = first.slice(0, hit.at);
      const after = first.slice(hit.at + hit.text.length);
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
    for (const left of hits)
      for (const right of hits) {
        if (
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

/** A template's string for one item, its fields read by `read`. */
export function fillTemplate(
  parts: readonly TemplatePart[],
  read: (path: readonly string[]) => unknown,
): string {
  return parts
    .map((part) =>
      typeof part === 'string'
        ? part
        : applyTransform(String(read(part.source.path) ?? ''), part.transform),
    )
    .join('');
}
