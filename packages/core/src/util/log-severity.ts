/**
 * Severity of one log line, format-free: a level token anywhere in the
 * leading fields (`E`, `W`, `ERROR`, `Warning`, `<crit>`, `[warn]`,
 * `level=error`, logcat's `E/Tag`) and error words anywhere in the text
 * (`error`, `AssocFail`, `state_change.unavailable`, `timed out`, a test
 * protocol's `not ok`, ...).
 * Words are read as letter runs split at camelCase humps, so no pattern
 * can backtrack on a long line.
 */

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
const FIELD_EDGES = /^[[(<{"'|:,;=*-]+|[\])>}"'|:,;=*.-]+$/g;
const OPENING_EDGE = `[(<{"'|:,;=*-`;
const CLOSING_EDGE = `])>}"'|:,;=*.-`;

/** The level a leading field spells, if any. */
export function fieldLevel(field: string): Severity | undefined {
  if (field.length > MAX_LEVEL_FIELD) return undefined;
  // Most fields have no edge to strip: no regular expression for them.
  const bare =
    OPENING_EDGE.includes(field[0] ?? '') ||
    CLOSING_EDGE.includes(field[field.length - 1] ?? '')
      ? field.replace(FIELD_EDGES, '')
      : field;
  if (bare.length === 1) return LETTER_LEVELS.get(bare);
  // logcat's brief format: `E/Tag(123):`.
  if (bare.length > 2 && bare[1] === '/' && LETTER_LEVELS.has(bare[0]!))
    return LETTER_LEVELS.get(bare[0]!);
  const equals = bare.lastIndexOf('=');
  const word = equals >= 0 ? bare.slice(equals + 1) : bare;
  // Level words are 3 to 13 letters: most fields (names, paths, numbers,
  // code) are out before a lower-case copy is made.
  if (word.length < MIN_LEVEL_WORD || word.length > MAX_LEVEL_WORD)
    return undefined;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i) | 32;
    if (code < 97 || code > 122) return undefined;
  }
  return LEVEL_WORDS.get(word.toLowerCase());
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
    const code = i < line.length ? line.charCodeAt(i) : 32;
    // Pipes and semicolons delimit fields as spaces do: `ts|ERROR|db|msg`.
    const space = code === 32 || code === 9 || code === 124 || code === 59;
    if (space && start >= 0) {
      fields.push(line.slice(start, i));
      start = -1;
    } else if (!space && start < 0) start = i;
  }
  return fields;
}

/** A line's severity: its leading level token or its words, whichever is worse. */
export function lineSeverity(line: string): Severity {
  const level = leadingLevel(leadingFields(line, LEVEL_FIELDS)) ?? 0;
  if (level === 2) return 2;
  const words = wordSeverity(line);
  return Math.max(words, level) as Severity;
}
