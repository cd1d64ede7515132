import type { Column } from './json-columns.ts';
import {
  applyTransform,
  CASES,
  JOINS,
  SPLITS,
  type SlotTransform,
  WORDS,
} from './json-transform.ts';

/**
 * Inferring a template column (json-transform.ts lists the transforms): a
 * string column that is fixed text around one or two other columns'
 * values, each through a transform (`item_{id}`, `{name|join.|lower}@x.io`,
 * `{first|lower}.{last|lower}`). The first row proposes where each source
 * sits in the text; a template is taken only when it rebuilds every row
 * exactly.
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

/** Source strings longer than this are only tried as they are (names and codes are short). */
const MAX_TRANSFORMED = 64;
/** Places in the first row looked at: enough for a few columns' many spellings. */
const MAX_HITS = 48;
/** Places one spelling may sit at in the first row. */
const MAX_OCCURRENCES = 4;

/** Every transform, fewest operations first (so the plainest spelling wins). */
const TRANSFORMS: readonly SlotTransform[] = (() => {
  const all: SlotTransform[] = [];
  for (const split of [undefined, ...SPLITS])
    for (const words of [undefined, ...WORDS])
      for (const join of [undefined, ...JOINS])
        for (const mapping of [undefined, ...CASES]) {
          // A one-word selection has nothing to join.
          if ((words === 'first' || words === 'last') && join !== undefined)
            continue;
          const transform: SlotTransform = {};
          if (split !== undefined) transform.split = split;
          if (words !== undefined) transform.words = words;
          if (join !== undefined) transform.join = join;
          if (mapping !== undefined) transform.case = mapping;
          all.push(transform);
        }
  const size = (transform: SlotTransform): number =>
    Object.keys(transform).length;
  return all.sort((a, b) => size(a) - size(b));
})();

/** A source's text in a template: a string or a safe integer, else undefined. */
function sourceText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return Number.isSafeInteger(value) ? String(value) : undefined;
}

/** A source's spelling found in the first row, at `at`. */
interface Hit {
  source: number;
  at: number;
  text: string;
  transforms: readonly SlotTransform[];
}

/** Spellings of a first-row value, each with the transforms that give it. */
function spellings(value: unknown): Map<string, SlotTransform[]> {
  const found = new Map<string, SlotTransform[]>();
  const text = sourceText(value);
  if (text === undefined || text === '') return found;
  const transforms =
    typeof value === 'string' && text.length <= MAX_TRANSFORMED
      ? TRANSFORMS
      : TRANSFORMS.slice(0, 1);
  for (const transform of transforms) {
    const spelled = applyTransform(text, transform);
    if (spelled === '') continue;
    const list = found.get(spelled);
    if (list) list.push(transform);
    else found.set(spelled, [transform]);
  }
  return found;
}

function hitsIn(
  first: string,
  texts: ReadonlyArray<readonly string[] | undefined>,
): Hit[] {
  const hits: Hit[] = [];
  texts.forEach((values, source) => {
    if (!values) return;
    for (const [text, transforms] of spellings(values[0])) {
      let seen = 0;
      for (
        let at = first.indexOf(text);
        at >= 0 && seen < MAX_OCCURRENCES;
        at = first.indexOf(text, at + 1), seen++
      )
        hits.push({ source, at, text, transforms });
    }
  });
  // Longer spellings first: they are the less likely to match by chance.
  return hits
    .sort((a, b) => b.text.length - a.text.length || a.source - b.source)
    .slice(0, MAX_HITS);
}

/**
 * The template of a string column, present in every row, over `sources`
 * (each present in every row), or undefined when none rebuilds every row.
 */
export function inferTemplate(
  targets: readonly unknown[],
  sources: readonly DerivationSource[],
): TemplatePart[] | undefined {
  if (
    targets.length < 2 ||
    !targets.every((value) => typeof value === 'string')
  )
    return undefined;
  const strings = targets as string[];
  const first = strings[0]!;
  // `|` and `}` would end a field's name early; such sources are not used.
  const texts = sources.map(({ column, values }) => {
    if (/[|}]/.test(column.name)) return undefined;
    const row = values.map(sourceText);
    return row.every((text) => text !== undefined)
      ? (row as string[])
      : undefined;
  });
  const hits = hitsIn(first, texts);
  const slot = (hit: Hit, transform: SlotTransform): Slot => ({
    source: sources[hit.source]!.column,
    transform,
  });
  for (const hit of hits) {
    const before = first.slice(0, hit.at);
    const after = first.slice(hit.at + hit.text.length);
    if (!framed(strings, before, '', after)) continue;
    const values = texts[hit.source]!;
    for (const transform of hit.transforms)
      if (
        strings.every(
          (value, row) =>
            value === before + applyTransform(values[row]!, transform) + after,
        )
      )
        return [before, slot(hit, transform), after];
  }
  for (const left of hits)
    for (const right of hits) {
      if (left.source === right.source || right.at < left.at + left.text.length)
        continue;
      const found = pairTemplate(strings, left, right, texts);
      if (found)
        return [
          found.before,
          slot(left, found.left),
          found.middle,
          slot(right, found.right),
          found.after,
        ];
    }
  return undefined;
}

/** True when every row opens with `before`, closes with `after` and holds `middle` between. */
function framed(
  strings: readonly string[],
  before: string,
  middle: string,
  after: string,
): boolean {
  return strings.every(
    (value) =>
      value.length >= before.length + middle.length + after.length &&
      value.startsWith(before) &&
      value.endsWith(after) &&
      value.indexOf(middle, before.length) >= 0,
  );
}

/** Transforms for two fields, `before{left}middle{right}after`, that rebuild every row. */
function pairTemplate(
  strings: readonly string[],
  left: Hit,
  right: Hit,
  texts: ReadonlyArray<readonly string[] | undefined>,
):
  | {
      before: string;
      left: SlotTransform;
      middle: string;
      right: SlotTransform;
      after: string;
    }
  | undefined {
  const first = strings[0]!;
  const before = first.slice(0, left.at);
  const middle = first.slice(left.at + left.text.length, right.at);
  const after = first.slice(right.at + right.text.length);
  if (!framed(strings, before, middle, after)) return undefined;
  const leftValues = texts[left.source]!;
  const rightValues = texts[right.source]!;
  for (const leftTransform of left.transforms) {
    // Each row's text after the left field, while the left field fits.
    const rests: string[] = [];
    for (const [row, value] of strings.entries()) {
      const head =
        before + applyTransform(leftValues[row]!, leftTransform) + middle;
      if (!value.startsWith(head)) break;
      rests.push(value.slice(head.length));
    }
    if (rests.length < strings.length) continue;
    for (const rightTransform of right.transforms)
      if (
        rests.every(
          (rest, row) =>
            rest ===
            applyTransform(rightValues[row]!, rightTransform) + after,
        )
      )
        return {
          before,
          left: leftTransform,
          middle,
          right: rightTransform,
          after,
        };
  }
  return undefined;
}
