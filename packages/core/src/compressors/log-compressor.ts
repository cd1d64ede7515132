import { ACCEPT_SCORE, type Detection } from '../detect/index.ts';
import { wordSeverity } from '../util/log-severity.ts';
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
import { type ListCut, listCuts } from './line-lists.ts';
import { encodeLineTemplates } from './line-templates-lossless.ts';
import { overBudget } from './log-budget.ts';
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

/** What happens to one template's lines. */
interface Plan {
  exemplar: LogEntry;
  /** Its entries that keep no verbatim line of their own. */
  repeats: LogEntry[];
  members: number;
  droppable: boolean;
  /** Behind a marker of their own, in the shared marker at the end, or kept. */
  repeatsAs: 'marker' | 'pooled' | 'kept' | 'none';
  /** Given up to the budget: the exemplar and its repeats are omitted. */
  omitted: boolean;
}

/** About what a marker costs, in characters (`[… 12 similar lines omitted · sc:key#c …]`). */
const MARKER_CHARS = 48;

/**
 * Whether the content reads as a log (detected as one, or a confident
 * runner-up): only then do ordinary lines compete for a budget. Content
 * routed as text whose lines merely repeat keeps every rare line.
 */
function budgeted({ detection }: { detection: Detection }): boolean {
  return [detection, ...(detection.alternatives ?? [])].some(
    (answer) =>
      answer.contentType === 'log' && answer.confidence >= ACCEPT_SCORE,
  );
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
 * lines matching the query. Works on any length. With `lossless` it drops
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
      const cuts = new Map<LogEntry, ListCut[]>();
      const cutsOf = (entry: LogEntry): ListCut[] => {
        // Error and warning lines stay verbatim, lists and all.
        if (entry.level !== 0 || entry.last !== entry.first) return [];
        let found = cuts.get(entry);
        if (!found) {
          found = listCuts(
            lineAt(content, index, entry.first),
            (item) => wordSeverity(item) > 0,
          );
          cuts.set(entry, found);
        }
        return found;
      };
      const rendered = (entry: LogEntry): number =>
        cutsOf(entry).reduce(
          (chars, cut) => chars - (cut.end - cut.start) + MARKER_CHARS,
          entryChars(index, entry),
        );
      const costOf = (plan: Plan): number =>
        rendered(plan.exemplar) +
        (plan.repeatsAs === 'marker' ? MARKER_CHARS : 0) +
        (plan.repeatsAs === 'kept'
          ? plan.repeats.reduce((sum, entry) => sum + rendered(entry), 0)
          : 0);
      if (budgeted(input)) {
        let total = few.length > 1 ? MARKER_CHARS : 0;
        for (const entry of keep) total += rendered(entry);
        for (const plan of plans)
          if (plan.repeatsAs === 'marker') total += MARKER_CHARS;
          else if (plan.repeatsAs === 'kept')
            for (const entry of plan.repeats) total += rendered(entry);
        const candidates = plans.filter((plan) => plan.droppable);
        const position = new Map(entries.map((entry, i) => [entry, i]));
        const over = overBudget(
          candidates.map((plan) => {
            const at = position.get(plan.exemplar)!;
            return {
              cost: costOf(plan),
              members: plan.members,
              position: at,
              nearSignal: (entries[at + 1]?.level ?? 0) > 0,
            };
          }),
          entries.length,
          total,
          Math.max(0.01, input.targetRatio ?? targetRatio) * content.length,
          MARKER_CHARS,
          minDroppedChars,
        );
        for (const i of over) {
          candidates[i]!.omitted = true;
          keep.delete(candidates[i]!.exemplar);
        }
      }
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
      for (const entry of entries) {
        if (!keep.has(entry)) continue;
        const start = index.starts[entry.first]!;
        const text = content.slice(start, index.ends[entry.last]);
        const listed = cutsOf(entry);
        if (listed.length > 0) {
          // The list's head and its signal items stay, in place.
          let line = '';
          let from = 0;
          for (const cut of listed) {
            line += text.slice(from, cut.start);
            line += input.markers.drop({
              summary: `${plural(cut.items, 'more item')} omitted`,
              ranges: [[start + cut.start, start + cut.end]],
            });
            from = cut.end;
          }
          out.push(line + text.slice(from));
          dropped++;
          if (!labels.includes('log:lists')) labels.push('log:lists');
        } else out.push(text);
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
