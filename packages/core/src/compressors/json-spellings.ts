import type { DerivationSource } from './json-derivation.ts';
import {
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
 * Where a template's sources may sit in a row's text: every spelling of
 * each source's value (json-transform.ts lists the transforms) found in it.
 * Caches are keyed by a column's array of values, so a table that tries
 * every column against the same sources spells each source out once.
 */

/** Source strings longer than this are only tried as they are (names and codes are short). */
const MAX_TRANSFORMED = 64;
/** Places in the first row looked at: enough for a few columns' many spellings. */
const MAX_HITS = 48;
/** Shortest word that makes a source worth spelling out. */
const MIN_CUE = 3;
/**
 * Transforms kept per spelling, fewest operations first: a one-word value
 * reads the same through most word steps, and only the plainest few are
 * worth checking against the other rows.
 */
const MAX_ALTERNATIVES = 24;
/** Places one spelling may sit at in the first row. */
const MAX_OCCURRENCES = 4;

/** A source's text in a template: a string or a safe integer, else undefined. */
export function sourceText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return Number.isSafeInteger(value) ? String(value) : undefined;
}

const TEXTS = new WeakMap<readonly unknown[], readonly string[] | null>();

/** A column's texts by row, or undefined when some row has none. */
export function textsOf(
  values: readonly unknown[],
): readonly string[] | undefined {
  let texts = TEXTS.get(values);
  if (texts === undefined) {
    const row = values.map(sourceText);
    texts = row.every((text) => text !== undefined) ? (row as string[]) : null;
    TEXTS.set(values, texts);
  }
  return texts ?? undefined;
}

/** A source's spelling found in a row's text, at `at`. */
export interface Hit {
  source: number;
  at: number;
  text: string;
  transforms: readonly SlotTransform[];
}

// A table tries every column against the same sources: each source's
// spellings are worked out once (keyed by its array of values).
/**
 * Every word step (split, words, join), fewest operations first, each with
 * its case variants: built once, shared by every spelling (never mutated).
 */
const STEPS: ReadonlyArray<{
  steps: SlotTransform;
  cased: readonly SlotTransform[];
}> = (() => {
  const all: SlotTransform[] = [];
  for (const split of [undefined, ...SPLITS])
    for (const words of [undefined, ...WORDS])
      for (const join of [undefined, ...JOINS]) {
        // A one-word selection has nothing to join.
        if ((words === 'first' || words === 'last') && join !== undefined)
          continue;
        const steps: SlotTransform = {};
        if (split !== undefined) steps.split = split;
        if (words !== undefined) steps.words = words;
        if (join !== undefined) steps.join = join;
        all.push(steps);
      }
  return all
    .sort((a, b) => Object.keys(a).length - Object.keys(b).length)
    .map((steps) => ({
      steps,
      cased: CASES.map((mapping) => ({ ...steps, case: mapping })),
    }));
})();
const IDENTITY = STEPS[0]!;
const SIZE = new Map<SlotTransform, number>(
  STEPS.flatMap(({ steps, cased }) => [
    [steps, Object.keys(steps).length] as const,
    ...cased.map(
      (transform) => [transform, Object.keys(transform).length] as const,
    ),
  ]),
);

/** Spellings of one value: each text with the transforms that give it. */
type Spellings = ReadonlyMap<string, readonly SlotTransform[]>;

// Spelling a value out is pure, and tables of an outline repeat values
// (`USB Cable` in every order's items): memoized by the value's text.
const MEMO = new Map<string, Spellings>();
const MAX_MEMO = 1024;

/** Spellings of a column's value in one row. */
function spellingsOf(values: readonly unknown[], row: number): Spellings {
  const value = values[row];
  const text = sourceText(value);
  if (text === undefined || text === '') return new Map();
  if (typeof value !== 'string' || text.length > MAX_TRANSFORMED)
    return new Map([[text, [IDENTITY.steps]]]);
  let found = MEMO.get(text);
  if (!found) {
    if (MEMO.size >= MAX_MEMO) MEMO.clear();
    found = spellings(text);
    MEMO.set(text, found);
  }
  return found;
}

function spellings(text: string): Spellings {
  // Texts before the case step, each with the word steps that give it (many
  // steps give the same text, so each case mapping runs once per text).
  const texts = new Map<string, Array<(typeof STEPS)[number]>>();
  const words = new Map<SlotTransform['split'], string[]>();
  for (const step of STEPS) {
    const { split, words: selection, join } = step.steps;
    let joined = text;
    if (step !== IDENTITY) {
      let splitted = words.get(split);
      if (!splitted) {
        splitted = splitWords(text, split);
        words.set(split, splitted);
      }
      joined = selectWords(splitted, selection).join(join ?? ' ');
    }
    const list = texts.get(joined);
    if (!list) texts.set(joined, [step]);
    else if (list.length < MAX_ALTERNATIVES) list.push(step);
  }
  const found = new Map<string, SlotTransform[]>();
  const add = (spelled: string, transform: SlotTransform): void => {
    if (spelled === '') return;
    const list = found.get(spelled);
    if (list) list.push(transform);
    else found.set(spelled, [transform]);
  };
  for (const [joined, steps] of texts) {
    for (const step of steps) add(joined, step.steps);
    CASES.forEach((mapping, index) => {
      const spelled = mapCase(joined, mapping);
      for (const step of steps) add(spelled, step.cased[index]!);
    });
  }
  // Fewest operations first, so the plainest spelling is tried first.
  for (const [spelled, list] of found)
    if (list.length > 1)
      found.set(
        spelled,
        list
          .sort((a, b) => SIZE.get(a)! - SIZE.get(b)!)
          .slice(0, MAX_ALTERNATIVES),
      );
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

const CUES = new WeakMap<readonly unknown[], Map<number, Cues | null>>();

/** A short string source's cues in one row, or undefined for a source spelled only as it is. */
function cuesOf(values: readonly unknown[], row: number): Cues | undefined {
  let byRow = CUES.get(values);
  if (!byRow) {
    byRow = new Map();
    CUES.set(values, byRow);
  }
  let cues = byRow.get(row);
  if (cues === undefined) {
    const text = values[row];
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
    byRow.set(row, cues);
  }
  return cues ?? undefined;
}

/** What one source shows in one row of one target column. */
interface Pairing {
  /** One of its words or its initials shows (or, for a number, its text). */
  strong: boolean;
  /** Its first character shows. */
  initial: boolean;
  /** Its spellings in the row, worked out when first needed. */
  found?: Array<Omit<Hit, 'source'>>;
}

// A column is tried several times (from earlier columns, from all, with
// exceptions, with a cell) against the same sources: what a source shows
// in a row is worked out once, keyed by both columns' arrays of values.
const PAIRINGS = new WeakMap<
  readonly unknown[],
  Map<number, WeakMap<readonly unknown[], Pairing>>
>();

function pairing(
  targets: readonly unknown[],
  row: number,
  values: readonly unknown[],
): Pairing {
  let byRow = PAIRINGS.get(targets);
  if (!byRow) {
    byRow = new Map();
    PAIRINGS.set(targets, byRow);
  }
  let bySource = byRow.get(row);
  if (!bySource) {
    bySource = new WeakMap();
    byRow.set(row, bySource);
  }
  let found = bySource.get(values);
  if (!found) {
    const first = targets[row] as string;
    const folded = fold(first);
    const cues = cuesOf(values, row);
    found = cues
      ? {
          strong: cues.strong.some((cue) => folded.includes(cue)),
          initial: cues.initial !== '' && folded.includes(cues.initial),
        }
      : // A number or a long string is only ever spelled as it is.
        {
          strong: first.includes(sourceText(values[row]) ?? '\u0000'),
          initial: false,
        };
    bySource.set(values, found);
  }
  return found;
}

function spelledIn(
  first: string,
  values: readonly unknown[],
  row: number,
): Array<Omit<Hit, 'source'>> {
  const found: Array<Omit<Hit, 'source'>> = [];
  for (const [text, transforms] of spellingsOf(values, row)) {
    let seen = 0;
    for (
      let at = first.indexOf(text);
      at >= 0 && seen < MAX_OCCURRENCES;
      at = first.indexOf(text, at + 1), seen++
    )
      found.push({ at, text, transforms });
  }
  return found;
}

/**
 * Where sources' spellings sit in one row's text (`targets[row]`, a
 * string). Spelling a source out takes a few hundred transforms, so a
 * short string source is spelled only when one of its words or its
 * initials shows in the row, or, beside such a source, its first
 * character (a second field like `{first|initial}`).
 */
export function hitsIn(
  targets: readonly unknown[],
  row: number,
  sources: readonly DerivationSource[],
  usable: readonly boolean[],
): Hit[] {
  const pairings = sources.map(({ values }, source) =>
    usable[source] ? pairing(targets, row, values) : undefined,
  );
  if (!pairings.some((found) => found?.strong)) return [];
  const first = targets[row] as string;
  const hits: Hit[] = [];
  pairings.forEach((found, source) => {
    if (!found || !(found.strong || found.initial)) return;
    found.found ??= spelledIn(first, sources[source]!.values, row);
    for (const hit of found.found) hits.push({ ...hit, source });
  });
  // Longer spellings first: they are the less likely to match by chance.
  return hits
    .sort((a, b) => b.text.length - a.text.length || a.source - b.source)
    .slice(0, MAX_HITS);
}
