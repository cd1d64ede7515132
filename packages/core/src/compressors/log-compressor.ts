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
import {
  exemplars,
  groupEntries,
  type LogEntry,
  parseEntries,
} from './log-templates.ts';
import { assertCount, assertFraction } from './option-checks.ts';

/** Options of {@link logCompressor}. */
export interface LogCompressorOptions {
  /**
   * Two lines of the same shape (token count) whose tokens agree in at
   * least this fraction of positions, after numbers, hex ids, IPs and
   * timestamps are masked, share a template. Error and warning lines are
   * grouped among themselves, more strictly (three in four positions, never
   * across a differing error word), so every distinct error template keeps
   * a verbatim line. @default 0.5
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
  /**
   * A template whose dropped repeats are fewer than this gets no marker of
   * its own: such repeats share one marker at the end. @default 5
   */
  minMarkerRepeats?: number;
}

function entryChars(index: LineIndex, entry: LogEntry): number {
  return index.ends[entry.last]! - index.starts[entry.first]! + 1;
}

/**
 * Line templates, for logs and any line-oriented content whose lines repeat
 * a few templates, in any layout (no timestamp format, delimiter or field
 * order is assumed): collapses each template into its shortest line
 * followed by one marker that retrieves every repeat (templates with a
 * repeat or two share one marker at the end); keeps the first and last
 * lines, one verbatim line (with its stack trace) per distinct error or
 * warning template (severity from a level field such as `E`, `WARN` or
 * `<crit>`, or from error words such as failed, refused, timeout), and
 * lines matching the query. Works on any length.
 *
 * @example
 * const ctx = new SharedContext({ compressors: [logCompressor()] });
 * await ctx.put('build', buildLog, { contentType: 'log' });
 */
export function logCompressor(options: LogCompressorOptions = {}): Compressor {
  assertOptions(options);
  const {
    similarity = 0.5,
    maxTemplatesPerShape = 64,
    maxQueryMatches = 50,
    minDroppedChars = 80,
    maxEntryLines = 200,
    minMarkerRepeats = 5,
  } = options;
  assertFraction(similarity, 'similarity');
  assertCount(maxTemplatesPerShape, 'maxTemplatesPerShape', 1);
  assertCount(maxQueryMatches, 'maxQueryMatches', 0);
  assertNumber(minDroppedChars, 'minDroppedChars', { min: 0 });
  assertCount(maxEntryLines, 'maxEntryLines', 1);
  assertCount(minMarkerRepeats, 'minMarkerRepeats', 1);
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
      const entryLines = (list: readonly LogEntry[]): number[] =>
        list
          .flatMap((entry) =>
            Array.from(
              { length: entry.last - entry.first + 1 },
              (_, i) => entry.first + i,
            ),
          )
          .sort((x, y) => x - y);
      const charsOf = (list: readonly LogEntry[]): number =>
        list.reduce((sum, entry) => sum + entryChars(index, entry), 0);
      const collapsing: Array<{ exemplar: LogEntry; repeats: LogEntry[] }> = [];
      const pooled: Array<{ exemplar: LogEntry; repeats: LogEntry[] }> = [];
      for (const group of groups) {
        const kept = exemplars(content, index, group);
        for (const entry of kept) keep.add(entry);
        const repeats = group.entries.filter((entry) => !keep.has(entry));
        if (repeats.length === 0) continue;
        // A marker per template with a repeat or two costs about what it
        // saves: such templates share one marker at the end.
        (repeats.length < minMarkerRepeats ? pooled : collapsing).push({
          exemplar: kept[0]!,
          repeats,
        });
      }
      if (pooled.length === 1) collapsing.push(pooled.pop()!);
      for (const { exemplar, repeats } of collapsing) {
        if (charsOf(repeats) <= minDroppedChars) {
          for (const entry of repeats) keep.add(entry);
          continue;
        }
        const lines = entryLines(repeats);
        const noun = repeats.length === lines.length ? 'line' : 'entry';
        const marker = input.markers.drop({
          summary: `${plural(repeats.length, `similar ${noun}`, `similar ${noun === 'line' ? 'lines' : 'entries'}`)} omitted`,
          ranges: lineRanges(index, lines),
        });
        after.set(exemplar.last, marker);
        dropped += repeats.length;
      }
      const rare = pooled.flatMap(({ repeats }) => repeats);
      let tail: string | undefined;
      if (rare.length > 0 && charsOf(rare) > minDroppedChars) {
        tail = input.markers.drop({
          summary: `${plural(rare.length, 'more repeat', 'more repeats')} of ${plural(pooled.length, 'template', 'templates')} above omitted`,
          ranges: lineRanges(index, entryLines(rare)),
        });
        dropped += rare.length;
      } else for (const entry of rare) keep.add(entry);
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
      if (tail) out.push(tail);
      return {
        output: out.join('\n'),
        lossless: false,
        labels: ['log:templates'],
      };
    },
  };
}
