/**
 * Severity of one log line, format-free: a level token anywhere in the
 * leading fields (`E`, `W`, `ERROR`, `Warning`, `<crit>`, `[warn]`,
 * `level=error`, logcat's `E/Tag`) and error words anywhere in the text
 * (`error`, `AssocFail`, `state_change.unavailable`, `timed out`, a test
 * protocol's `not ok`, ...).
 * Words are read as letter runs split at camelCase humps, so no pattern
 * can backtrack on a long line.
 */

import { mixA, mixB, packHashes } from './hash.ts';

/** 0: other, 1: warning, 2: error. */
export type Severity = 0 | 1 | 2;

/** Leading fields searched for a level token. */
export const LEVEL_FIELDS = 8;

/** Longer fields are never a level (`<critical>`, `level=warning,` fit). */
const MAX_LEVEL_FIELD = 24;

/** Characters of a line read for words; the rest rides along. */
const WORD_CHARS = 4096;

const LEVEL_WORDS = new Map<string, Severity>([
  ...[
    'error',
    'err',
    'erro',
    'eror',
    'ftl',
    'fatal',
    'crit',
    'critical',
    'emerg',
    'emergency',
    'alert',
    'severe',
    'panic',
  ].map((word): [string, Severity] => [word, 2]),
  ...['warn', 'warning', 'wrn', 'wrng'].map((word): [string, Severity] => [
    word,
    1,
  ]),
  ...[
    'info',
    'inf',
    'information',
    'informational',
    'debug',
    'dbg',
    'trace',
    'trc',
    'notice',
    'verbose',
    'fine',
  ].map((word): [string, Severity] => [word, 0]),
]);

const LEVEL_WORD_LENGTHS = [...LEVEL_WORDS.keys()].map((word) => word.length);
const MIN_LEVEL_WORD = Math.min(...LEVEL_WORD_LENGTHS);
const MAX_LEVEL_WORD = Math.max(...LEVEL_WORD_LENGTHS);

/** One-letter levels (logcat, glog, klog): only as a whole uppercase field. */
const LETTER_LEVELS = new Map<string, Severity>([
  ['E', 2],
  ['F', 2],
  ['W', 1],
  ['I', 0],
  ['D', 0],
  ['V', 0],
]);

const ERROR_WORDS = new Set([
  'error',
  'errors',
  'err',
  'errno',
  'fatal',
  'fail',
  'fails',
  'failed',
  'failure',
  'failures',
  'failing',
  'exception',
  'exceptions',
  'panic',
  'panicked',
  'abort',
  'aborted',
  'aborting',
  'aborts',
  'killed',
  'crash',
  'crashed',
  'crashes',
  'critical',
  'severe',
  'denied',
  'refused',
  'refuse',
  'timeout',
  'timeouts',
  'timedout',
  'unavailable',
  'unreachable',
  'traceback',
  'segfault',
  'oom',
  'corrupt',
  'corrupted',
  'violation',
  'emergency',
]);

const WARN_WORDS = new Set([
  'warn',
  'warning',
  'warnings',
  'invalid',
  'unable',
  'cannot',
  'deprecated',
  'retry',
  'retrying',
  'unexpected',
  'mismatch',
]);

/** Word beginnings that carry the signal in any inflection (`Failover` too: better kept than lost). */
const ERROR_STEM_LIST = [
  'error',
  'fail',
  'fatal',
  'panic',
  'abort',
  'crash',
  'exception',
  'refus',
  'corrupt',
  'segfault',
  'unreachab',
  'unavailab',
  'timeout',
];
const WARN_STEM_LIST = ['warn', 'invalid', 'deprecat'];
const ERROR_STEMS = new RegExp(`^(?:${ERROR_STEM_LIST.join('|')})`);
const WARN_STEMS = new RegExp(`^(?:${WARN_STEM_LIST.join('|')})`);

const LETTERS = /[A-Za-z]+/g;
/** camelCase humps: `AssocFail` → Assoc, Fail; `HTTPError` → HTTP, Error. */
const HUMPS = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])/g;
/** Characters stripped from a field's start (1) and end (2) before it is read as a level. */
const EDGES = ((): Uint8Array => {
  const edges = new Uint8Array(128);
  for (const char of `[(<{"'|:,;=*-`) edges[char.charCodeAt(0)]! |= 1;
  for (const char of `])>}"'|:,;=*.-`) edges[char.charCodeAt(0)]! |= 2;
  return edges;
})();

const HASH_A = 0x811c9dc5;
const HASH_B = 0x1b873593;

/** The level words' hashes (of their lower-case letters): most words are out on a number. */
const LEVEL_HASHES = new Set(
  [...LEVEL_WORDS.keys()].map((word) => {
    let a = HASH_A;
    let b = HASH_B;
    for (let i = 0; i < word.length; i++) {
      a = mixA(a, word.charCodeAt(i));
      b = mixB(b, word.charCodeAt(i));
    }
    return packHashes(a, b);
  }),
);

function hasEdge(code: number, edge: 1 | 2): boolean {
  return code < 128 && (EDGES[code]! & edge) !== 0;
}

/**
 * The level that `text.slice(start, end)` spells as a field, if any, read
 * from the characters: the field's edges (`[`, `<`, `:`, `=`, …) are
 * skipped, then a one-letter level, logcat's `E/Tag`, or a level word
 * (after a `=`, any case). No string is cut out unless a word's hash is a
 * level word's.
 */
export function levelAt(
  text: string,
  start: number,
  end: number,
): Severity | undefined {
  if (end - start > MAX_LEVEL_FIELD) return undefined;
  while (start < end && hasEdge(text.charCodeAt(start), 1)) start++;
  while (end > start && hasEdge(text.charCodeAt(end - 1), 2)) end--;
  const length = end - start;
  if (length === 0) return undefined;
  if (length === 1) return LETTER_LEVELS.get(text[start]!);
  // logcat's brief format: `E/Tag(123):`.
  if (length > 2 && text.charCodeAt(start + 1) === 47) {
    const letter = LETTER_LEVELS.get(text[start]!);
    if (letter !== undefined) return letter;
  }
  let from = start;
  for (let i = end - 1; i >= start; i--)
    if (text.charCodeAt(i) === 61) {
      from = i + 1;
      break;
    }
  // Level words are 3 to 13 letters: most fields (names, paths, numbers,
  // code) are out before their letters are read.
  if (end - from < MIN_LEVEL_WORD || end - from > MAX_LEVEL_WORD)
    return undefined;
  let a = HASH_A;
  let b = HASH_B;
  for (let i = from; i < end; i++) {
    const code = text.charCodeAt(i) | 32;
    if (code < 97 || code > 122) return undefined;
    a = mixA(a, code);
    b = mixB(b, code);
  }
  if (!LEVEL_HASHES.has(packHashes(a, b))) return undefined;
  return LEVEL_WORDS.get(text.slice(from, end).toLowerCase());
}

/** The level a leading field spells, if any. */
export function fieldLevel(field: string): Severity | undefined {
  return levelAt(field, 0, field.length);
}

/** The level of the first level token among the first `LEVEL_FIELDS` fields. */
export function leadingLevel(fields: readonly string[]): Severity | undefined {
  const count = Math.min(fields.length, LEVEL_FIELDS);
  for (let i = 0; i < count; i++) {
    const level = fieldLevel(fields[i]!);
    if (level !== undefined) return level;
  }
  return undefined;
}

/**
 * {@link leadingLevel} of the line's first `max` fields (at most
 * `LEVEL_FIELDS`), read in place: no field is cut out.
 */
export function lineLevel(
  line: string,
  max: number = LEVEL_FIELDS,
): Severity | undefined {
  const fields = Math.min(max, LEVEL_FIELDS);
  let i = 0;
  for (let field = 0; field < fields; field++) {
    while (i < line.length && isFieldBreak(line.charCodeAt(i))) i++;
    if (i >= line.length) return undefined;
    const start = i;
    while (i < line.length && !isFieldBreak(line.charCodeAt(i))) i++;
    const level = levelAt(line, start, i);
    if (level !== undefined) return level;
  }
  return undefined;
}

/** Spaces, tabs, pipes and semicolons delimit fields: `ts|ERROR|db|msg`. */
export function isFieldBreak(code: number): boolean {
  return code === 32 || code === 9 || code === 124 || code === 59;
}

/**
 * Every signal word and stem (and `timed`, of `timed out`, and `not ok`), any case, as
 * one scan: a text holding none of them has no signal word, and most log
 * lines are ruled out without a split into words. Parts holding a shorter
 * part (`errors`, `error` → `err`) are left to it.
 */
const SIGNAL_PARTS = ((): RegExp => {
  const parts = [
    ...ERROR_WORDS,
    ...WARN_WORDS,
    ...ERROR_STEM_LIST,
    ...WARN_STEM_LIST,
    'timed',
    'not ok',
  ];
  const shortest = parts.filter(
    (part, i) =>
      !parts.some(
        (other, j) => j !== i && other !== part && part.includes(other),
      ) && parts.indexOf(part) === i,
  );
  return new RegExp(shortest.join('|'), 'i');
})();

/** The strongest error or warning word in a text. */
export function wordSeverity(text: string): Severity {
  const head = text.length > WORD_CHARS ? text.slice(0, WORD_CHARS) : text;
  if (!SIGNAL_PARTS.test(head)) return 0;
  let severity: Severity = 0;
  let previous = '';
  for (const run of head.match(LETTERS) ?? []) {
    for (const hump of run.match(HUMPS) ?? []) {
      const word = hump.toLowerCase();
      if (
        ERROR_WORDS.has(word) ||
        ERROR_STEMS.test(word) ||
        (previous === 'timed' && word === 'out') ||
        // A test protocol's failure: `not ok 3 - parses list`.
        (previous === 'not' && word === 'ok')
      )
        return 2;
      if (WARN_WORDS.has(word) || WARN_STEMS.test(word)) severity = 1;
      previous = word;
    }
  }
  return severity;
}

/** Fields of a line's head (split at spaces, tabs, `|` and `;`), at most `max`. */
export function leadingFields(line: string, max: number): string[] {
  const fields: string[] = [];
  let start = -1;
  for (let i = 0; i <= line.length && fields.length < max; i++) {
    const space = i >= line.length || isFieldBreak(line.charCodeAt(i));
    if (space && start >= 0) {
      fields.push(line.slice(start, i));
      start = -1;
    } else if (!space && start < 0) start = i;
  }
  return fields;
}

/** A line's severity: its leading level token or its words, whichever is worse. */
export function lineSeverity(line: string): Severity {
  const level = lineLevel(line) ?? 0;
  if (level === 2) return 2;
  const words = wordSeverity(line);
  return Math.max(words, level) as Severity;
}
