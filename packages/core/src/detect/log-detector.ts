import { anyOf } from '../util/any-of.ts';
import { mixA, mixB, packHashes } from '../util/hash.ts';
import {
  isFieldBreak,
  LEVEL_FIELDS,
  leadingFields,
  leadingLevel,
  lineLevel,
  lineSeverity,
} from '../util/log-severity.ts';
import { assertOptionalBoolean, assertOptions } from '../util/validate.ts';
import { ACCEPT_SCORE, type ContentDetector } from './detection.ts';
import { headLines } from './sample.ts';

/** Error-level evidence; each also counts as a log line. */
const ERROR_PATTERNS: readonly RegExp[] = [
  /\b(ERROR|FATAL|CRITICAL|FAIL|FAILED|PANIC|SEVERE)\b/,
  /\[(error|crit|alert|emerg|fatal)\]/i,
  /\b(WARN|WARNING)\b|\[warn(ing)?\]/i,
  /^(npm ERR!|yarn error|error(\[E\d+\])?:|warning:)/,
  /^Traceback \(most recent call last\)/,
  /^\s*[A-Z][A-Za-z]*(Error|Exception):/,
];

/** Other log and build-output shapes. */
const LOG_PATTERNS: readonly RegExp[] = [
  /\b(INFO|DEBUG|TRACE|NOTICE)\b|\[(info|notice|debug|trace)\]/i,
  /^\[?\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/, // ISO timestamp
  /^\[?[A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2}\b/, // syslog: Dec 10 06:55:46
  /^\[[A-Z][a-z]{2} [A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2} \d{4}\]/, // Apache: [Sun Dec 04 04:47:44 2005]
  /^\d{6} \d{6} /, // HDFS: 081109 203615
  /^\[?\d{2}:\d{2}:\d{2}([.,]\d+)?\]? /, // [12:00:01]
  /^(={3,}|-{3,})/, // separators
  /^(PASSED|FAILED|SKIPPED|ERROR|ok|not ok)\b|\b(PASSED|FAILED|SKIPPED)$/,
  /^\s+at [\w$.<>]+ ?\(/, // JS / Java stack frame
  /\blevel=(info|warn|error|debug)\b/i,
  /^\s*(Compiling|Building|Finished|Running|Downloading|Installing)\b/,
];

// Source lines that mention log words (a logger's own code) are not log lines.
const CODE_LINE =
  /[;{}]\s*$|^\s*(\/\/|\/\*|\*|#\[|r?#?"|(pub|fn|let|use|impl|const|return|if|match)\b)/;
/** A JSON object per line (structured logging) ends in `}` but is not code. */
const JSON_OBJECT_LINE = /^\s*\{\s*"[^"\\]{1,64}"\s*:/;

/** Blank lines that make content a series of record blocks, at least. */
const MIN_RECORD_BLANKS = 3;
/** The share of a record log's lines that carry a stamp, at least. */
const RECORD_STAMP_SHARE = 0.15;
/** Leading fields searched for a timestamp or a level. */
const STAMP_FIELDS = 6;
const CLOCK = /\d:\d\d/;
const DATE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/;
/** Epoch seconds or milliseconds, or a compact date (`081109`). */
const LONG_NUMBER = /^\d{6,13}$/;
/** Seconds since boot or start, bracketed: `[    0.000123]`, `[12.5]`. */
const BRACKETED_SECONDS = /^\[?\s*\d{1,9}\.\d{1,9}\]$|^\[\d{1,9}\.\d{1,9}\]?$/;
const BRACKETS = /^[[(<]+|[\])>,:]+$/g;
const DIGIT = /\d/;

/** A clock, a date or an epoch among the leading fields, in any layout. */
function hasStamp(fields: readonly string[]): boolean {
  const count = Math.min(fields.length, STAMP_FIELDS);
  for (let i = 0; i < count; i++) {
    const field = fields[i]!;
    // A clock, a date, an epoch and seconds since start all hold a digit:
    // most words are out at once.
    if (field.length > 40 || !DIGIT.test(field)) continue;
    if (CLOCK.test(field) || BRACKETED_SECONDS.test(field)) return true;
    const bare = field.replace(BRACKETS, '');
    if (DATE.test(bare) || LONG_NUMBER.test(bare)) return true;
  }
  return false;
}

/** Only spaces, tabs and line-end characters (no copy made, unlike `trim`). */
function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code !== 32 && code !== 9 && code !== 13 && code !== 12 && code !== 11)
      return line.trim() === '';
  }
  return true;
}

/**
 * A line's layout: its first two fields (split as `leadingFields` splits,
 * at spaces, tabs, `|` and `;`) with each digit run read as one `0`, as a
 * 53-bit hash read from the characters (no field is cut out for it, and
 * no key string built). Lines of one layout share it.
 */
function shapeHash(line: string): number {
  let a = 0x811c9dc5;
  let b = 0x1b873593;
  let field = 0;
  let inField = false;
  let inDigits = false;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (isFieldBreak(code)) {
      if (!inField) continue;
      inField = false;
      inDigits = false;
      if (++field === 2) break;
      // The separator between the first and second field.
      a = mixA(a, 32);
      b = mixB(b, 32);
      continue;
    }
    inField = true;
    if (code >= 48 && code <= 57) {
      if (inDigits) continue;
      inDigits = true;
      a = mixA(a, 48);
      b = mixB(b, 48);
      continue;
    }
    inDigits = false;
    a = mixA(a, code);
    b = mixB(b, code);
  }
  // A line of one field reads as that field and an empty second one.
  if (field === 0) {
    a = mixA(a, 32);
    b = mixB(b, 32);
  }
  return packHashes(a, b);
}

/** How many lines share one layout, and whether they differ. */
interface Shape {
  count: number;
  /** The first line of this layout. */
  first: string;
  /** Some line of this layout is not the first one repeated. */
  varies: boolean;
}

interface SampleLine {
  sample: string;
  /** The leading fields, split only for lines with a digit (a stamp's). */
  fields: string[] | undefined;
  shape: Shape;
  stamp: boolean;
}

/**
 * The line's first field when it is a record's leading word (letters
 * first, then letters, digits, `_`, `.` or `-`, two characters or more,
 * an optional `:` last). Read from the characters: most lines are out at
 * their first one, before any field is cut out.
 */
function headWord(line: string): string | undefined {
  let start = 0;
  while (start < line.length && isFieldBreak(line.charCodeAt(start))) start++;
  const first = line.charCodeAt(start) | 32;
  if (!(first >= 97 && first <= 122)) return undefined;
  let end = start + 1;
  for (; end < line.length; end++) {
    const code = line.charCodeAt(end);
    if (isFieldBreak(code)) break;
    if (code === 58) {
      // `:` only last.
      if (end + 1 < line.length && !isFieldBreak(line.charCodeAt(end + 1)))
        return undefined;
      return end - start >= 2 ? line.slice(start, end + 1) : undefined;
    }
    const lower = code | 32;
    if (
      !(lower >= 97 && lower <= 122) &&
      !(code >= 48 && code <= 57) &&
      code !== 95 &&
      code !== 46 &&
      code !== 45
    )
      return undefined;
  }
  return end - start >= 2 ? line.slice(start, end) : undefined;
}

/**
 * Lines whose first field is a word that opens at least three lines, not
 * all the same line (a list marker or a repeated line is structure).
 */
function repeatedHeads(lines: readonly SampleLine[]): number {
  const heads = new Map<
    string,
    { count: number; first: string; varies: boolean }
  >();
  for (const { sample } of lines) {
    const head = headWord(sample);
    if (head === undefined) continue;
    const known = heads.get(head);
    if (!known) heads.set(head, { count: 1, first: sample, varies: false });
    else {
      known.count++;
      if (sample !== known.first) known.varies = true;
    }
  }
  let repeated = 0;
  for (const { count, varies } of heads.values())
    if (count >= 3 && varies) repeated += count;
  return repeated;
}

// Each list as one test per flag set: a line is scanned twice or four
// times instead of seventeen.
const hasErrorPattern = anyOf(ERROR_PATTERNS);
// Both lists in one test per flag set: most lines of prose and code match
// neither, and are read twice instead of four times.
const hasAnyPattern = anyOf([...ERROR_PATTERNS, ...LOG_PATTERNS]);

/** 0: no known shape, 1: a log shape, 2: error-level evidence. */
function linePattern(sample: string): 0 | 1 | 2 {
  if (!hasAnyPattern(sample)) return 0;
  return hasErrorPattern(sample) ? 2 : 1;
}

/** Options of {@link logDetector}. */
export interface LogDetectorOptions {
  /**
   * Also answer below the accept score for record-like content (the
   * line-template compressor's hint). Detectors that only ask whether a
   * part is a log (the mixed detector's blocks) turn it off.
   * @default true
   */
  hints?: boolean;
}

/** The confidence of `counted` lines of `total`, `errors` of them error-level. */
function confidenceOf(counted: number, total: number, errors: number): number {
  const ratio = counted / total;
  return ratio < 0.1
    ? 0
    : Math.min(1, 0.3 + 0.5 * ratio + 0.05 * Math.min(errors, 4));
}

/** Whether `candidates` counted lines of `total` (all error-level) could be accepted. */
function canAccept(candidates: number, total: number): boolean {
  return confidenceOf(candidates, total, candidates) >= ACCEPT_SCORE;
}

/**
 * Logs and build/test output, from the first 200 lines. A line counts when
 * it matches a known shape (level word, ISO/syslog/Apache/HDFS/clock
 * timestamp, separator, test verdict, stack frame, toolchain error
 * prefix), or, in any layout, when its leading fields hold a timestamp
 * (clock, date, epoch, bracketed seconds since start) or a level token (`E`, `W`, `Warning`, `<crit>`) and
 * also either the other or a layout that repeats (the first two fields,
 * digits masked, shared by 3 lines or more). In blank-line-separated
 * record blocks (3 blank lines or more, a stamp on 15% of the lines or
 * more) a line whose layout repeats counts on its own. The share r of counted lines
 * must reach 0.1; confidence = min(1, 0.3 + 0.5 r + 0.05 min(e, 4)) with e
 * error-level lines (lines that read as source code are not counted),
 * accepted at 0.5. Under that, content whose lines mostly repeat a layout
 * with lines that differ (records, each with its own values; a line
 * repeated as written, such as a closing brace or a Markdown fence, is
 * structure) still answers as a hint (0.3 + 0.19 share): the line-template
 * compressor is then tried before the text compressor.
 */
export function logDetector(options: LogDetectorOptions = {}): ContentDetector {
  assertOptions(options);
  const { hints = true } = options;
  assertOptionalBoolean(hints, 'hints');
  return {
    name: 'log',
    detect(content) {
      const lines: SampleLine[] = [];
      const shapes = new Map<number, Shape>();
      let total = 0;
      let blanks = 0;
      for (const line of headLines(content, 200)) {
        if (isBlank(line)) {
          blanks++;
          continue;
        }
        total++;
        const sample = line.length > 500 ? line.slice(0, 500) : line;
        if (CODE_LINE.test(sample) && !JSON_OBJECT_LINE.test(sample)) continue;
        const key = shapeHash(sample);
        let shape = shapes.get(key);
        if (!shape) {
          shape = { count: 0, first: sample, varies: false };
          shapes.set(key, shape);
        }
        shape.count++;
        if (!shape.varies && sample !== shape.first) shape.varies = true;
        // Most prose and code lines hold no digit, so no stamp: their
        // fields are split only if a level token is asked for.
        const fields = DIGIT.test(sample)
          ? leadingFields(sample, LEVEL_FIELDS)
          : undefined;
        lines.push({
          sample,
          fields,
          shape,
          stamp: fields !== undefined && hasStamp(fields),
        });
      }
      if (total === 0) return undefined;
      // Without hints only an accepted answer counts: when every line
      // still to be read counting (and 4 of them as errors) would not
      // reach it, the answer is known.
      if (!hints && !canAccept(lines.length, total)) return undefined;
      let counted = 0;
      let errors = 0;
      let repeated = 0;
      const stamped = lines.filter(({ stamp }) => stamp).length;
      // Records: blank-line-separated blocks (`Start: <stamp>`, `Command:
      // …`, `End: <stamp>`) stamp one line in a few; their other lines
      // count when their layout repeats.
      const records =
        blanks >= MIN_RECORD_BLANKS && stamped >= RECORD_STAMP_SHARE * total;
      // The patterns and the severity words are the costly part: each is
      // read only when the answer can still depend on it (errors count up
      // to 4).
      for (const { sample, fields, shape, stamp } of lines) {
        const repeats = shape.count >= 3;
        // The hint's records: each carries its own values. One line
        // repeated as written is structure, not records (a closing brace,
        // a Markdown fence, the same statement in each code example).
        if (repeats && shape.varies) repeated++;
        // A level token decides only when exactly one of the others holds.
        const generic =
          (stamp === repeats
            ? stamp
            : (fields ? leadingLevel(fields) : lineLevel(sample)) !==
              undefined) ||
          (records && repeats);
        if (generic) {
          counted++;
          if (
            errors < 4 &&
            (hasErrorPattern(sample) || lineSeverity(sample) === 2)
          )
            errors++;
          continue;
        }
        const pattern = linePattern(sample);
        if (pattern === 0) continue;
        counted++;
        if (errors < 4 && (pattern === 2 || lineSeverity(sample) === 2))
          errors++;
      }
      const confidence = confidenceOf(counted, total, errors);
      if (confidence >= ACCEPT_SCORE) return { contentType: 'log', confidence };
      if (!hints) return undefined;
      // Records whose second field is their own value (`Inst libfoo
      // (1.2 …)`, `Conf libfoo`, `ii  libbar 3.1 amd64 …`) repeat only
      // their first field: a word opening a third of the lines or more, in
      // lines that differ, reads as records too.
      const share = Math.max(repeated, repeatedHeads(lines)) / total;
      return total >= 10 && share >= 0.5
        ? { contentType: 'log', confidence: 0.3 + 0.19 * share }
        : undefined;
    },
  };
}
