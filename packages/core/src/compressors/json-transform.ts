/**
 * The transforms a template field may apply to its source column's value
 * (`` email=`{name|join.|lower}@example.com` ``): a small, closed set, so
 * a reader (or `decodeJson`) can recompute every cell. A field is the
 * source's name, then up to four operations, each introduced by `|`, at
 * most one per step and in this order:
 *
 * 1. split: `split.`, `split_` or `split-` cuts the value into words at
 *    that character (without it, words are separated by whitespace);
 * 2. words: `first`, `last`, `ends` (first and last), `reverse`, `initial`
 *    (the first word's first character, then the other words) or
 *    `initials` (every word's first character);
 * 3. join: `join` (nothing between words), `join.`, `join_` or `join-`
 *    (without it, words are joined with one space);
 * 4. case: `lower`, `upper` or `title` (each word's first letter upper,
 *    the rest lower), with JavaScript's locale-independent mappings.
 *
 * A field with no split, words or join step keeps the value's text as it
 * is (only its case may change). The encoder takes a transform only after
 * applying it reproduces every row exactly, so the lossy Unicode mappings
 * (`ß` upper-cases to `SS`, `İ` lower-cases to `i̇`) are never trusted.
 */

/** Which words a transform keeps. */
export type WordSelection =
  | 'first'
  | 'last'
  | 'ends'
  | 'reverse'
  | 'initial'
  | 'initials';

/** How a transform maps case. */
export type CaseMapping = 'lower' | 'upper' | 'title';

/** One template field's transform; `{}` keeps the value as it is. */
export interface SlotTransform {
  /** Words are separated by this character (else by whitespace). */
  split?: '.' | '_' | '-';
  words?: WordSelection;
  /** Written between words (else one space). */
  join?: '' | '.' | '_' | '-';
  case?: CaseMapping;
}

export const SPLITS: ReadonlyArray<SlotTransform['split']> = ['.', '_', '-'];
export const WORDS: readonly WordSelection[] = [
  'first',
  'last',
  'ends',
  'reverse',
  'initial',
  'initials',
];
export const JOINS: ReadonlyArray<SlotTransform['join']> = ['', '.', '_', '-'];
export const CASES: readonly CaseMapping[] = ['lower', 'upper', 'title'];

function firstCharacter(word: string): string {
  const code = word.codePointAt(0);
  return code === undefined ? '' : String.fromCodePoint(code);
}

/** The words of a value (the split step). */
export function splitWords(
  text: string,
  split: SlotTransform['split'],
): string[] {
  return split === undefined
    ? text.split(/\s+/u).filter((word) => word !== '')
    : text.split(split).filter((word) => word !== '');
}

/** The words a selection keeps (the words step). */
export function selectWords(
  words: string[],
  selection?: WordSelection,
): string[] {
  switch (selection) {
    case 'first':
      return words.slice(0, 1);
    case 'last':
      return words.slice(-1);
    case 'ends':
      return words.length > 2 ? [words[0]!, words[words.length - 1]!] : words;
    case 'reverse':
      return [...words].reverse();
    case 'initial':
      return words.map((word, index) =>
        index === 0 ? firstCharacter(word) : word,
      );
    case 'initials':
      return words.map(firstCharacter);
    default:
      return words;
  }
}

// A word starts at the text's start or after anything but a letter, digit
// or combining mark (so `o'brien` titles as `O'Brien`).
const WORD_START = /(^|[^\p{L}\p{N}\p{M}])(\p{L})/gu;

/** The case step. */
export function mapCase(text: string, mapping: CaseMapping): string {
  if (mapping === 'lower') return text.toLowerCase();
  if (mapping === 'upper') return text.toUpperCase();
  return text
    .toLowerCase()
    .replace(WORD_START, (_, before: string, letter: string) => {
      return before + letter.toUpperCase();
    });
}

/** The transform applied to one value. */
export function applyTransform(
  value: string,
  transform: SlotTransform,
): string {
  let text = value;
  if (
    transform.split !== undefined ||
    transform.words !== undefined ||
    transform.join !== undefined
  )
    text = selectWords(splitWords(text, transform.split), transform.words).join(
      transform.join ?? ' ',
    );
  return transform.case === undefined ? text : mapCase(text, transform.case);
}

/** The field's operations as written after the name: `|split.|first|lower`, or empty. */
export function transformText(transform: SlotTransform): string {
  let text = '';
  if (transform.split !== undefined) text += `|split${transform.split}`;
  if (transform.words !== undefined) text += `|${transform.words}`;
  if (transform.join !== undefined) text += `|join${transform.join}`;
  if (transform.case !== undefined) text += `|${transform.case}`;
  return text;
}

/** Each operation's step, in the order a field must list them. */
function step(operation: string): { step: number; apply: SlotTransform } {
  const split = /^split([._-])$/.exec(operation);
  if (split) return { step: 0, apply: { split: split[1] as '.' } };
  if ((WORDS as readonly string[]).includes(operation))
    return { step: 1, apply: { words: operation as WordSelection } };
  const join = /^join([._-]?)$/.exec(operation);
  if (join) return { step: 2, apply: { join: join[1] as '' } };
  if ((CASES as readonly string[]).includes(operation))
    return { step: 3, apply: { case: operation as CaseMapping } };
  throw new SyntaxError(`unknown transform "${operation}"`);
}

/**
 * A template field: the source column's name as written and its transform.
 * Throws SyntaxError on an unknown operation or one out of order or repeated.
 */
export function parseField(field: string): {
  name: string;
  transform: SlotTransform;
} {
  const [name, ...operations] = field.split('|');
  const transform: SlotTransform = {};
  let last = -1;
  for (const operation of operations) {
    const { step: position, apply } = step(operation);
    if (position <= last)
      throw new SyntaxError(
        `transform "${operation}" repeated or out of order`,
      );
    last = position;
    Object.assign(transform, apply);
  }
  return { name: name!, transform };
}
