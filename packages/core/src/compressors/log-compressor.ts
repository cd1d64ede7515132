import { assertNumber, assertOptions } from '../util/validate.ts';
import type { Compressor, CompressorInput } from './compressor.ts';
import {
  indexLines,
  type LineIndex,
  lineRanges,
  plural,
  queryHits,
  queryTerms,
} from './line-index.ts';
import { assertCount, assertFraction } from './option-checks.ts';

/** Options of {@link logCompressor}. */
export interface LogCompressorOptions {
  /**
   * Two lines of the same shape (token count) whose tokens agree in at
   * least this fraction of positions, after numbers, hex ids, IPs and
   * timestamps are masked, share a template. Error and warning lines are
   * grouped only when their masked text is identical, so every distinct
   * error template keeps a verbatim line. @default 0.5
   */
  similarity?: number;
  /**
   * Templates compared per line shape before a line starts a new template
   * without looking further; bounds the work on adversarial input.
   * @default 64
   */
  maxTemplatesPerShape?: number;
  /** Lines matching the `query` kept verbatim, at most. @default 50 */
  maxQueryMatches?: number;
  /**
   * A group's repeats are dropped only when they hold more characters than
   * this (a marker costs about as much). @default 80
   */
  minDroppedChars?: number;
  /** Continuation (stack-trace) lines joined to one entry, at most. @default 200 */
  maxEntryLines?: number;
}

const ERROR_WORD =
  /\b(?:error|errors|err|fatal|critical|crit|emerg|emergency|alert|severe|panic|exception|traceback|fail|failed|failure|failures)\b/i;
const ERROR_CLASS = /[a-z](?:Error|Exception)\b/;
const WARN_WORD = /\b(?:warn|warning|warnings)\b/i;
const TRACEBACK = /^Traceback \(most recent call last\)/;
const CONTINUATION =
  /^(?:[ \t]+\S|Caused by\b|\.\.\. \d+ (?:more|common)|\d+ +\|)/;
const EXCEPTION_LINE =
  /^[\w.$]+(?:Error|Exception|Exit|Interrupt|Warning)\b|^[\w.$]+: /;
/** A run of hex digits, with a sign: `blk_-42` and `blk_42` share a template. */
const HEX_RUN = /-?[0-9A-Fa-f]+/g;
const CALENDAR_WORD =
  /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/g;
const DIGIT = /\d/;
/** Masking and matching look at this much of a line; the rest rides along. */
const TEMPLATE_CHARS = 4096;

/** 0: other, 1: warning, 2: error. */
type Level = 0 | 1 | 2;

interface LogEntry {
  first: number;
  last: number;
  level: Level;
}

interface Group {
  entries: LogEntry[];
  tokens?: string[];
}

function levelOf(line: string): Level {
  const head =
    line.length > TEMPLATE_CHARS ? line.slice(0, TEMPLATE_CHARS) : line;
  if (ERROR_WORD.test(head) || ERROR_CLASS.test(head)) return 2;
  return WARN_WORD.test(head) ? 1 : 0;
}

/** Numbers, hex ids, IPs, times and calendar words become placeholders. */
function mask(line: string): string {
  const head =
    line.length > TEMPLATE_CHARS ? line.slice(0, TEMPLATE_CHARS) : line;
  return head
    .replace(HEX_RUN, (run) => (DIGIT.test(run) ? '0' : run))
    .replace(CALENDAR_WORD, 'D');
}

function lineAt(content: string, index: LineIndex, line: number): string {
  return content.slice(index.starts[line], index.ends[line]);
}

/** Lines into entries: a head line plus its stack trace or error context. */
function parseEntries(
  content: string,
  index: LineIndex,
  maxEntryLines: number,
): LogEntry[] {
  const entries: LogEntry[] = [];
  const count = index.starts.length;
  let line = 0;
  while (line < count) {
    const head = lineAt(content, index, line);
    const traceback = TRACEBACK.test(head);
    const entry: LogEntry = {
      first: line,
      last: line,
      level: traceback ? 2 : levelOf(head),
    };
    line++;
    if (entry.level === 2) {
      while (line < count && line - entry.first < maxEntryLines) {
        const next = lineAt(content, index, line);
        if (CONTINUATION.test(next)) {
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
function groupEntries(
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
    let tokens: string[] | undefined;
    if (entry.level === 0 && entry.last === entry.first) {
      tokens = head.split(/\s+/);
      const candidates = shapes.get(tokens.length) ?? [];
      group = bestMatch(candidates, tokens, similarity);
      if (!group && candidates.length < maxTemplatesPerShape) {
        group = { entries: [], tokens };
        candidates.push(group);
        shapes.set(tokens.length, candidates);
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
      if (template[i] !== tokens[i]) template[i] = '<*>';
  }
  return best;
}

function entryChars(index: LineIndex, entry: LogEntry): number {
  return index.ends[entry.last]! - index.starts[entry.first]! + 1;
}

/**
 * Logs: collapses repeated lines and line templates (numbers, ids, hashes,
 * IPs and timestamps varying) into the first line of each template followed
 * by one marker that retrieves every repeat; keeps the first and last lines,
 * one verbatim line (with its stack trace) per distinct error or warning
 * template, and lines matching the query. Works on any length.
 *
 * @example
 * const ctx = new SharedContext({ compressors: [logCompressor()] });
 * await ctx.put('build', buildLog, { contentType: 'log' });
 */
export function logCompressor(options: LogCompressorOptions = {}): Compressor {
  assertOptions(options);
  const {
    similarity = 0.7,
    maxTemplatesPerShape = 64,
    maxQueryMatches = 50,
    minDroppedChars = 80,
    maxEntryLines = 200,
  } = options;
  assertFraction(similarity, 'similarity');
  assertCount(maxTemplatesPerShape, 'maxTemplatesPerShape', 1);
  assertCount(maxQueryMatches, 'maxQueryMatches', 0);
  assertNumber(minDroppedChars, 'minDroppedChars', { min: 0 });
  assertCount(maxEntryLines, 'maxEntryLines', 1);
  return {
    specificationVersion: 'v1',
    name: 'log',
    contentTypes: ['log'],
    compress(input: CompressorInput) {
      input.signal?.throwIfAborted();
      const { content } = input;
      const index = indexLines(content);
      const entries = parseEntries(content, index, maxEntryLines);
      const groups = groupEntries(
        content,
        index,
        entries,
        similarity,
        maxTemplatesPerShape,
      );
      const keep = new Set<LogEntry>();
      keep.add(entries[0]!);
      keep.add(entries[entries.length - 1]!);
      const terms = queryTerms(input.query);
      if (terms.length > 0) {
        let matches = 0;
        for (const entry of entries) {
          if (matches >= maxQueryMatches) break;
          const text = content.slice(
            index.starts[entry.first],
            index.ends[entry.last],
          );
          if (queryHits(text, terms) > 0 && !keep.has(entry)) {
            keep.add(entry);
            matches++;
          }
        }
      }
      /** Marker text to emit after an exemplar's last line. */
      const after = new Map<number, string>();
      let dropped = 0;
      for (const group of groups) {
        const [exemplar, ...rest] = group.entries;
        keep.add(exemplar!);
        const repeats = rest.filter((entry) => !keep.has(entry));
        const chars = repeats.reduce(
          (sum, entry) => sum + entryChars(index, entry),
          0,
        );
        if (repeats.length === 0 || chars <= minDroppedChars) {
          for (const entry of repeats) keep.add(entry);
          continue;
        }
        const lines: number[] = [];
        for (const entry of repeats)
          for (let line = entry.first; line <= entry.last; line++)
            lines.push(line);
        const noun = repeats.length === lines.length ? 'line' : 'entry';
        const marker = input.markers.drop({
          summary: `${plural(repeats.length, `similar ${noun}`, `similar ${noun === 'line' ? 'lines' : 'entries'}`)} omitted`,
          ranges: lineRanges(index, lines),
        });
        after.set(exemplar!.last, marker);
        dropped += repeats.length;
      }
      if (dropped === 0) {
        return { output: content, lossless: true, labels: ['log:unchanged'] };
      }
      const out: string[] = [];
      for (const entry of entries) {
        if (!keep.has(entry)) continue;
        out.push(
          content.slice(index.starts[entry.first], index.ends[entry.last]),
        );
        const marker = after.get(entry.last);
        if (marker) out.push(marker);
      }
      return {
        output: out.join('\n'),
        lossless: false,
        labels: ['log:templates'],
      };
    },
  };
}
