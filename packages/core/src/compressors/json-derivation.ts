import type { Column } from './json-columns.ts';
import {
  applyTransform,
  CASES,
  JOINS,
  mapCase,
  type SlotTransform,
  SPLITS,
  selectWords,
  splitWords,
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
/** Shortest word that makes a source worth spelling out. */
const MIN_CUE = 3;
/** Places one spelling may sit at in the first row. */
const MAX_OCCURRENCES = 4;

/** A source's text in a template: a string or a safe integer, else undefined. */
function sourceText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return Number.isSafeInteger(value) ? String(value) : undefined;
}

const TEXTS = new WeakMap<readonly unknown[], readonly string[] | null>();

/** A column's texts by row, or undefined when some row has none. */
function textsOf(values: readonly unknown[]): readonly string[] | undefined {
  let texts = TEXTS.get(values);
  if (texts === undefined) {
    const row = values.map(sourceText);
    texts = row.every((text) => text !== undefined) ? (row as string[]) : null;
    TEXTS.set(values, texts);
  }
  return texts ?? undefined;
}

/** A source's spelling found in the first row, at `at`. */
interface Hit {
  source: number;
  at: number;
  text: string;
  transforms: readonly SlotTransform[];
}

// A table tries every column against the same sources: each source's
// spellings are worked out once (keyed by its array of values).
const SPELLINGS = new WeakMap<
  readonly unknown[],
  Map<string, SlotTransform[]>
>();

/** Spellings of a column's first-row value, each with the transforms that give it. */
function spellingsOf(values: readonly unknown[]): Map<string, SlotTransform[]> {
  let found = SPELLINGS.get(values);
  if (!found) {
    found = spellings(values[0]);
    SPELLINGS.set(values, found);
  }
  return found;
}

function spellings(value: unknown): Map<string, SlotTransform[]> {
  const found = new Map<string, SlotTransform[]>();
  const text = sourceText(value);
  if (text === undefined || text === '') return found;
  // Texts before the case step, each with the word steps that give it (many
  // steps give the same text, so each case mapping runs once per text).
  const texts = new Map<string, SlotTransform[]>([[text, [{}]]]);
  if (typeof value === 'string' && text.length <= MAX_TRANSFORMED)
    for (const split of [undefined, ...SPLITS]) {
      const words = splitWords(text, split);
      for (const selection of [undefined, ...WORDS]) {
        const selected = selectWords(words, selection);
        for (const join of [undefined, ...JOINS]) {
          // A one-word selection has nothing to join.
          const single = selection === 'first' || selection === 'last';
          if (single && join !== undefined) continue;
          // No word step at all: the text itself, already listed.
          if (split === undefined && selection === undefined)
            if (join === undefined) continue;
          const steps: SlotTransform = {};
          if (split !== undefined) steps.split = split;
          if (selection !== undefined) steps.words = selection;
          if (join !== undefined) steps.join = join;
          const joined = selected.join(join ?? ' ');
          const list = texts.get(joined);
          if (list) list.push(steps);
          else texts.set(joined, [steps]);
        }
      }
    }
  const add = (spelled: string, transform: SlotTransform): void => {
    if (spelled === '') return;
    const list = found.get(spelled);
    if (list) list.push(transform);
    else found.set(spelled, [transform]);
  };
  const cased = typeof value === 'string' && text.length <= MAX_TRANSFORMED;
  for (const [joined, steps] of texts) {
    for (const transform of steps) add(joined, transform);
    if (cased)
      for (const mapping of CASES) {
        const spelled = mapCase(joined, mapping);
        for (const transform of steps)
          add(spelled, { ...transform, case: mapping });
      }
  }
  // Fewest operations first, so the plainest spelling is tried first.
  for (const list of found.values())
    list.sort((a, b) => Object.keys(a).length - Object.keys(b).length);
  return found;
}

/** Case-insensitive form for the cheap look before spelling a source out. */
function fold(text: string): string {
  return text.toUpperCase().toLowerCase();
}

/**
 * What of a short string source a derived text would show: its words of
 * three or more characters and its initials when there are two or more
 * (`strong`; shorter words show almost anywhere), or only its first
 * character (`initial`).
 */
interface Cues {
  strong: string[];
  initial: string;
}

const CUES = new WeakMap<readonly unknown[], Cues | null>();

/** A short string source's cues, or undefined for a source spelled only as it is. */
function cuesOf(values: readonly unknown[]): Cues | undefined {
  let cues = CUES.get(values);
  if (cues === undefined) {
    const text = values[0];
    cues = null;
    if (typeof text === 'string' && text.length <= MAX_TRANSFORMED) {
      const words = fold(text)
        .split(/[\s._-]+/u)
        .filter((word) => word !== '');
      const initials = words.map((word) => [...word][0]!).join('');
      cues = {
        strong: [
          ...words.filter((word) => word.length >= MIN_CUE),
          ...(initials.length >= 2 ? [initials] : []),
        ],
        initial: initials.slice(0, 1),
      };
    }
    CUES.set(values, cues);
  }
  return cues ?? undefined;
}

/**
 * Where sources' spellings sit in the first row. Spelling a source out
 * takes a few hundred transforms, so a short string source is spelled
 * only when one of its words or its initials shows in the row, or, beside
 * such a source, its first character (a second field like `{first|initial}`).
 */
function hitsIn(
  first: string,
  sources: readonly DerivationSource[],
  usable: readonly boolean[],
): Hit[] {
  const folded = fold(first);
  const strong = sources.map(({ values }, source) => {
    if (!usable[source]) return false;
    const cues = cuesOf(values);
    return !cues || cues.strong.some((cue) => folded.includes(cue));
  });
  if (!strong.includes(true)) return [];
  const hits: Hit[] = [];
  sources.forEach(({ values }, source) => {
    if (!usable[source]) return;
    if (!strong[source]) {
      const initial = cuesOf(values)?.initial;
      if (!initial || !folded.includes(initial)) return;
    }
    for (const [text, transforms] of spellingsOf(values)) {
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
  const texts = sources.map(({ column, values }) =>
    /[|}]/.test(column.name) ? undefined : textsOf(values),
  );
  const hits = hitsIn(
    first,
    sources,
    texts.map((values) => values !== undefined),
  );
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
            rest === applyTransform(rightValues[row]!, rightTransform) + after,
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
