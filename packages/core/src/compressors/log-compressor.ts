import { assertNumber } from '../util/validate.ts';
import type { Compressor, CompressorInput } from './compressor.ts';
import {
  indexLines,
  type LineIndex,
  lineRanges,
  plural,
  queryHits,
  queryTerms,
} from './line-index.ts';
import {
  groupEntries,
  type LogEntry,
  parseEntries,
  signalExemplars,
} from './log-templates.ts';
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
        for (const entry of signalExemplars(content, index, group))
          keep.add(entry);
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
