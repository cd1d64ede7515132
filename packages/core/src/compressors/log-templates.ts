import {
  LEVEL_FIELDS,
  leadingFields,
  leadingLevel,
  lineSeverity,
  type Severity,
  wordSeverity,
} from '../util/log-severity.ts';
import type { LineIndex } from './line-index.ts';
import { categoryExemplars } from './log-categories.ts';
import { columnLevel, findLevelColumn } from './log-level-column.ts';

/**
 * Line templates for the log compressor, format-free: each line's tokens
 * with numbers, hex ids, IPs, times and calendar words masked, grouped
 * Drain-style (a bucket per token count and level, then the most similar
 * template, differing positions becoming wildcards). Nothing here knows a
 * timestamp layout, a delimiter or a field order.
 */

const TRACEBACK = /^Traceback \(most recent call last\)/;
const CONTINUATION =
  /^(?:[ \t]+\S|Caused by\b|\.\.\. \d+ (?:more|common)|\d{1,5} +\|(?: |$))/;
const EXCEPTION_LINE =
  /^[\w.$]+(?:Error|Exception|Exit|Interrupt|Warning)\b|^[\w.$]+: /;
/**
 * A run of hex digits holding a decimal one, with a sign: `blk_-42` and
 * `blk_42` share a template. The same runs as matching every hex run and
 * keeping those with a digit, without a call per run of letters; a match
 * starts only where a run does (a `-`, or a hex digit after neither), so
 * a long run of letters is read once, not once per letter.
 */
const HEX_RUN = /(?:-|(?<![-0-9A-Fa-f]))[0-9A-Fa-f]*\d[0-9A-Fa-f]*/g;
const CALENDAR_WORD =
  /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/g;
/** Masking and matching look at this much of a line; the rest rides along. */
const TEMPLATE_CHARS = 4096;

type Level = Severity;

const WILDCARD = '<*>';
/** Error and warning lines join a template only when this alike. */
const SIGNAL_SIMILARITY = 0.75;
/** Paths and URLs vary inside one template: `path = /usr/lib/x` and `path = /opt/y`. */
const PATH_LIKE = /[/\\]/;

export interface LogEntry {
  first: number;
  last: number;
  level: Level;
}

export interface Group {
  entries: LogEntry[];
  tokens?: string[];
  /** An error or warning template's one position where words differ. */
  wordSlot?: number;
}

function levelOf(line: string, column: number | undefined): Level {
  const level = lineSeverity(
    line.length > TEMPLATE_CHARS ? line.slice(0, TEMPLATE_CHARS) : line,
  );
  return column === undefined || level === 2
    ? level
    : (Math.max(level, columnLevel(line, column)) as Level);
}

/**
 * The word a token starts with (`address` of `address:`, `depth` of
 * `depth.....0`, `half-configured`), if any: what tells two events apart
 * where the rest of the token is a value.
 */
const LEADING_WORD = /^[A-Za-z][A-Za-z'-]+/;

function leadingWord(token: string): string {
  return LEADING_WORD.exec(token)?.[0] ?? '';
}

/**
 * Whether a masked error or warning line joins a template: positions may
 * differ (a host, a user name, a path; paths do not count against the
 * similarity), but never where either token carries an error or warning
 * word, so `AssocFail` and `RoamFail` lines stay two templates, each with
 * its verbatim line, and the word a token starts with may differ (from
 * another word or from a value) in one position of the template at most:
 * `data address: 0x0` and `instruction address: 0x0` are one template with
 * two variants, but `force load/store alignment` is another event, however
 * long the header the lines share. Differing positions become wildcards.
 */
function joinSignalTemplate(
  group: Group,
  tokens: readonly string[],
  similarity: number,
): boolean {
  const template = group.tokens!;
  if (template.length !== tokens.length) return false;
  const allowed = Math.floor((1 - similarity) * tokens.length);
  let differ = 0;
  let wordSlot = group.wordSlot;
  for (let i = 0; i < tokens.length; i++) {
    const a = template[i]!;
    const b = tokens[i]!;
    if (a === b) continue;
    if (wordSeverity(b) > 0 || (a !== WILDCARD && wordSeverity(a) > 0))
      return false;
    // A wildcard already there stands for values, which may be words;
    // `user=root` and `user=admin` differ in a value, not a word.
    if (i !== wordSlot && a !== WILDCARD && leadingWord(a) !== leadingWord(b)) {
      if (wordSlot !== undefined) return false;
      wordSlot = i;
    }
    if (a === WILDCARD || (PATH_LIKE.test(a) && PATH_LIKE.test(b))) continue;
    if (++differ > allowed) return false;
  }
  for (let i = 0; i < tokens.length; i++)
    if (template[i] !== tokens[i]) template[i] = WILDCARD;
  group.wordSlot = wordSlot;
  return true;
}

/** Numbers, hex ids, IPs, times and calendar words become placeholders. */
export function mask(line: string): string {
  const head =
    line.length > TEMPLATE_CHARS ? line.slice(0, TEMPLATE_CHARS) : line;
  return head.replace(HEX_RUN, '0').replace(CALENDAR_WORD, 'D');
}

export function lineAt(
  content: string,
  index: LineIndex,
  line: number,
): string {
  return content.slice(index.starts[line], index.ends[line]);
}

/** Lines into entries: a head line plus its stack trace or error context. */
export function parseEntries(
  content: string,
  index: LineIndex,
  maxEntryLines: number,
): LogEntry[] {
  const entries: LogEntry[] = [];
  const count = index.starts.length;
  const column = findLevelColumn(content, index);
  let line = 0;
  while (line < count) {
    const head = lineAt(content, index, line);
    const traceback = TRACEBACK.test(head);
    const entry: LogEntry = {
      first: line,
      last: line,
      level: traceback ? 2 : levelOf(head, column),
    };
    line++;
    if (entry.level === 2) {
      while (line < count && line - entry.first < maxEntryLines) {
        const next = lineAt(content, index, line);
        // A line with a level field of its own starts a new entry, even
        // when it looks like context (`1710363053 | INFO | …`).
        if (
          CONTINUATION.test(next) &&
          leadingLevel(leadingFields(next, LEVEL_FIELDS)) === undefined
        ) {
          entry.last = line++;
        } else if (
          traceback &&
          entry.last > entry.first &&
          EXCEPTION_LINE.test(next)
        ) {
          entry.last = line++;
          break;
        } else break;
      }
    }
    entries.push(entry);
  }
  return entries;
}

/**
 * Groups entries by template: exact masked text first (a map lookup), then
 * for non-error lines a Drain-style match against templates of the same
 * token count.
 */
export function groupEntries(
  content: string,
  index: LineIndex,
  entries: readonly LogEntry[],
  similarity: number,
  maxTemplatesPerShape: number,
): Group[] {
  const groups: Group[] = [];
  const exact = new Map<string, Group>();
  const shapes = new Map<number, Group[]>();
  for (const entry of entries) {
    const head = mask(lineAt(content, index, entry.first));
    const key =
      entry.last > entry.first
        ? `${entry.level}\u0000${head}\u0000${mask(lineAt(content, index, entry.last))}`
        : `${entry.level}\u0000${head}`;
    const known = exact.get(key);
    if (known) {
      known.entries.push(entry);
      continue;
    }
    let group: Group | undefined;
    if (entry.last === entry.first) {
      const tokens = head.split(/\s+/);
      // Error and warning templates live apart from the others and from
      // each other's levels, matched strictly (see sameSignalTemplate).
      const shape = tokens.length * 3 + entry.level;
      const candidates = shapes.get(shape) ?? [];
      group =
        entry.level === 0
          ? bestMatch(candidates, tokens, similarity)
          : candidates.find((candidate) =>
              joinSignalTemplate(candidate, tokens, SIGNAL_SIMILARITY),
            );
      if (!group && candidates.length < maxTemplatesPerShape) {
        group = { entries: [], tokens };
        candidates.push(group);
        shapes.set(shape, candidates);
        groups.push(group);
      }
    }
    if (!group) {
      group = { entries: [] };
      groups.push(group);
    }
    group.entries.push(entry);
    exact.set(key, group);
  }
  return groups;
}

function bestMatch(
  candidates: readonly Group[],
  tokens: readonly string[],
  similarity: number,
): Group | undefined {
  let best: Group | undefined;
  let bestScore = similarity;
  // Stop comparing a template once too many positions differ.
  const allowed = Math.floor((1 - similarity) * tokens.length);
  for (const candidate of candidates) {
    const template = candidate.tokens!;
    let differ = 0;
    for (let i = 0; i < tokens.length && differ <= allowed; i++)
      if (template[i] !== tokens[i]) differ++;
    if (differ > allowed) continue;
    const score = 1 - differ / tokens.length;
    if (score >= bestScore && (!best || score > bestScore)) {
      best = candidate;
      bestScore = score;
    }
  }
  if (best) {
    const template = best.tokens!;
    for (let i = 0; i < tokens.length; i++)
      if (template[i] !== tokens[i]) template[i] = WILDCARD;
  }
  return best;
}

/**
 * A wildcard position with at most this many values is a constant in
 * disguise: a package's `unpacked`, `half-installed`, `half-configured`
 * and `installed` are four events. More word values are a variable (the
 * user names of failed logins).
 */
const MAX_VARIANT_VALUES = 4;

function entryLength(index: LineIndex, entry: LogEntry): number {
  return index.ends[entry.last]! - index.starts[entry.first]!;
}

/** The shortest entry (the earliest of equals): the cheapest verbatim line. */
function shortest(index: LineIndex, entries: readonly LogEntry[]): LogEntry {
  let best = entries[0]!;
  let bestLength = entryLength(index, best);
  for (const entry of entries) {
    const length = entryLength(index, entry);
    if (length < bestLength) {
      best = entry;
      bestLength = length;
    }
  }
  return best;
}

/**
 * The entries of a template that keep a verbatim line: its shortest. An
 * error or warning template keeps one per variant where a wildcard
 * position takes only a few word values
 * (`CopyProperty` and `SetProperty` in one template: two events, not a
 * variable); a position with many values (user names, paths) is a
 * variable and splits nothing.
 */
export function exemplars(
  content: string,
  index: LineIndex,
  group: Group,
): LogEntry[] {
  const { entries, tokens } = group;
  if (entries.length < 2) return [...entries];
  if (entries[0]!.level === 0)
    return categoryExemplars(content, index, entries, (members) =>
      shortest(index, members),
    );
  if (!tokens) return [shortest(index, entries)];
  const positions: number[] = [];
  for (let i = 0; i < tokens.length; i++)
    if (tokens[i] === WILDCARD) positions.push(i);
  if (positions.length === 0) return [shortest(index, entries)];
  const masked = entries.map((entry) =>
    mask(lineAt(content, index, entry.first)).split(/\s+/),
  );
  const split = positions.filter((position) => {
    const values = new Set<string>();
    for (const line of masked) {
      const value = line[position] ?? '';
      // Paths are variables however few their values; words such as
      // `CopyProperty` or `password`, and a word with a masked value
      // (`depth....0`, `user=guest`), are what tells two events apart.
      // Numbers, ids and addresses are masked alike, so they take one value.
      if (PATH_LIKE.test(value)) return false;
      values.add(value);
      if (values.size > MAX_VARIANT_VALUES) return false;
    }
    return true;
  });
  if (split.length === 0) return [shortest(index, entries)];
  const variants = new Map<string, LogEntry[]>();
  entries.forEach((entry, i) => {
    const key = split.map((position) => masked[i]![position]).join('\u0000');
    const variant = variants.get(key);
    if (variant) variant.push(entry);
    else variants.set(key, [entry]);
  });
  return [...variants.values()].map((variant) => shortest(index, variant));
}
