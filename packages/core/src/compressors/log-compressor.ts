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
import { encodeLineTemplates } from './line-templates-lossless.ts';
import { budgeted, type Plan, spendBudget } from './log-budget.ts';
import { listLines } from './log-list-lines.ts';
import { traceWriter } from './log-repeated-traces.ts';
import {
  exemplars,
  groupEntries,
  type LogEntry,
  lineAt,
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
  /**
   * The share of a log's characters (a proxy for its tokens) the output
   * aims at, markers included, when the content was detected as a log:
   * past it, ordinary templates give up their verbatim line, least signal
   * per character first, behind one counted marker. Error and warning
   * templates, category lines, the first and last lines and query matches
   * stay whatever it costs. `input.targetRatio` takes precedence.
   * @default 0.15
   */
  targetRatio?: number;
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
 * lines matching the query. A detected log aims at `targetRatio` of its
 * size: past it, ordinary templates give up their line, least signal per
 * character first (`log:budget`); a long line listing items of one shape
 * keeps its head (`log:lists`). Works on any length. With `lossless` it drops
 * nothing: the log becomes templates plus variable columns when that is
 * smaller (`log:lossless-templates`, read back with
 * `decodeLineTemplates`), else it is left unchanged.
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
    targetRatio = 0.15,
  } = options;
  assertFraction(similarity, 'similarity');
  assertCount(maxTemplatesPerShape, 'maxTemplatesPerShape', 1);
  assertCount(maxQueryMatches, 'maxQueryMatches', 0);
  assertNumber(minDroppedChars, 'minDroppedChars', { min: 0 });
  assertCount(maxEntryLines, 'maxEntryLines', 1);
  assertCount(minMarkerRepeats, 'minMarkerRepeats', 1);
  assertFraction(targetRatio, 'targetRatio');
  return {
    specificationVersion: 'v1',
    name: 'log',
    contentTypes: ['log'],
    compress(input: CompressorInput) {
      input.signal?.throwIfAborted();
      const { content } = input;
      if (input.lossless) {
        // Nothing may be dropped: re-encode as templates plus variables
        // when that is smaller, else leave the log as it is.
        const encoded = encodeLineTemplates(content);
        return encoded !== undefined &&
          input.tokenizer.count(encoded) < input.tokenizer.count(content)
          ? {
              output: encoded,
              lossless: true,
              labels: ['log:lossless-templates'],
            }
          : { output: content, lossless: true, labels: ['log:unchanged'] };
      }
      const index = indexLines(content);
      const entries = parseEntries(content, index, maxEntryLines);
      const groups = groupEntries(
        content,
        index,
        entries,
        similarity,
        maxTemplatesPerShape,
      );
      // Entries that stay whatever the budget: the first and last (not a
      // trailing blank line: the log's real last line), and query matches
      // (error and warning exemplars join them below).
      const blank = (entry: LogEntry): boolean =>
        entry.first === entry.last &&
        lineAt(content, index, entry.first).trim() === '';
      const fixed = new Set<LogEntry>([
        entries.find((entry) => !blank(entry)) ?? entries[0]!,
        entries.findLast((entry) => !blank(entry)) ?? entries.at(-1)!,
      ]);
      const terms = queryTerms(input.query);
      if (terms.length > 0) {
        let matches = 0;
        for (const entry of entries) {
          if (matches >= maxQueryMatches) break;
          const text = content.slice(
            index.starts[entry.first],
            index.ends[entry.last],
          );
          if (queryHits(text, terms) > 0 && !fixed.has(entry)) {
            fixed.add(entry);
            matches++;
          }
        }
      }
      const keep = new Set<LogEntry>(fixed);
      const plans: Plan[] = [];
      for (const group of groups) {
        const kept = exemplars(content, index, group);
        for (const entry of kept) keep.add(entry);
        const exemplar = kept[0]!;
        plans.push({
          exemplar,
          repeats: group.entries.filter((entry) => !keep.has(entry)),
          members: group.entries.length,
          // Only an ordinary template with a single verbatim line may give
          // it up: error and warning templates and category lines stay.
          droppable:
            kept.length === 1 && exemplar.level === 0 && !fixed.has(exemplar),
          repeatsAs: 'none',
          omitted: false,
        });
      }
      const charsOf = (list: readonly LogEntry[]): number =>
        list.reduce((sum, entry) => sum + entryChars(index, entry), 0);
      // A marker per template with a repeat or two costs about what it
      // saves: such templates share one marker at the end.
      const withRepeats = plans.filter((plan) => plan.repeats.length > 0);
      const few = withRepeats.filter(
        (plan) => plan.repeats.length < minMarkerRepeats,
      );
      for (const plan of withRepeats)
        plan.repeatsAs =
          plan.repeats.length < minMarkerRepeats && few.length > 1
            ? 'pooled'
            : charsOf(plan.repeats) <= minDroppedChars
              ? 'kept'
              : 'marker';
      const { rendered, render } = listLines(content, index);
      if (budgeted(input.detection))
        spendBudget(plans, {
          entries,
          keep,
          rendered,
          budget:
            Math.max(0.01, input.targetRatio ?? targetRatio) * content.length,
          sharedMarker: few.length > 1,
          minDroppedChars,
        });
      /** Marker text to emit after an exemplar's last line. */
      const after = new Map<number, string>();
      let dropped = 0;
      const labels = ['log:templates'];
      const entryLines = (list: readonly LogEntry[]): number[] =>
        list
          .flatMap((entry) =>
            Array.from(
              { length: entry.last - entry.first + 1 },
              (_, i) => entry.first + i,
            ),
          )
          .sort((x, y) => x - y);
      const omitted = plans.filter((plan) => plan.omitted);
      const rest = plans.filter((plan) => !plan.omitted);
      for (const plan of rest) {
        if (plan.repeatsAs === 'kept')
          for (const entry of plan.repeats) keep.add(entry);
        if (plan.repeatsAs !== 'marker') continue;
        const lines = entryLines(plan.repeats);
        const noun = plan.repeats.length === lines.length ? 'line' : 'entry';
        const marker = input.markers.drop({
          summary: `${plural(plan.repeats.length, `similar ${noun}`, `similar ${noun === 'line' ? 'lines' : 'entries'}`)} omitted`,
          ranges: lineRanges(index, lines),
        });
        after.set(plan.exemplar.last, marker);
        dropped += plan.repeats.length;
      }
      const pooled = rest.filter((plan) => plan.repeatsAs === 'pooled');
      const rare = pooled.flatMap(({ repeats }) => repeats);
      const tails: string[] = [];
      if (rare.length > 0 && charsOf(rare) > minDroppedChars) {
        tails.push(
          input.markers.drop({
            summary: `${plural(rare.length, 'more repeat', 'more repeats')} of ${plural(pooled.length, 'template', 'templates')} above omitted`,
            ranges: lineRanges(index, entryLines(rare)),
          }),
        );
        dropped += rare.length;
      } else for (const entry of rare) keep.add(entry);
      if (omitted.length > 0) {
        const lines = omitted.flatMap((plan) => [
          plan.exemplar,
          ...plan.repeats.filter((entry) => !keep.has(entry)),
        ]);
        tails.push(
          input.markers.drop({
            summary: `${plural(lines.length, 'line')} of ${plural(omitted.length, 'rarer template')} omitted`,
            ranges: lineRanges(index, entryLines(lines)),
          }),
        );
        dropped += lines.length;
        labels.push('log:budget');
      }
      const out: string[] = [];
      const traces = traceWriter(content, index, input.markers);
      for (const entry of entries) {
        if (!keep.has(entry)) continue;
        const listed = render(entry, input.markers);
        const traced = listed === undefined ? traces.write(entry) : undefined;
        if (listed !== undefined) {
          // The list's head and its signal items stay, in place.
          out.push(listed);
          dropped++;
          if (!labels.includes('log:lists')) labels.push('log:lists');
        } else if (traced !== undefined) {
          // Trace lines an earlier kept entry already wrote.
          out.push(traced);
          dropped++;
          if (!labels.includes('log:traces')) labels.push('log:traces');
        } else
          out.push(
            content.slice(index.starts[entry.first], index.ends[entry.last]),
          );
        const marker = after.get(entry.last);
        if (marker) out.push(marker);
      }
      if (dropped === 0) {
        return { output: content, lossless: true, labels: ['log:unchanged'] };
      }
      out.push(...tails);
      return { output: out.join('\n'), lossless: false, labels };
    },
  };
}
