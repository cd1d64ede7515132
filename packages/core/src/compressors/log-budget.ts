/**
 * The line budget of the log compressor. A log whose lines seldom repeat
 * (a kernel ring buffer, an installer's history) keeps a line per rare
 * template and would save little; the budget lets the ordinary (info-level)
 * templates compete for room, ranked by signal per character, and the
 * rest collapse behind one counted, retrievable marker. Error and warning
 * templates, category lines, the first and last lines and query matches
 * are never candidates: they stay whatever the budget.
 */

import { ACCEPT_SCORE, type Detection } from '../detect/index.ts';
import { MARKER_CHARS } from './log-list-lines.ts';
import type { LogEntry } from './log-templates.ts';

/** What happens to one template's lines. */
export interface Plan {
  exemplar: LogEntry;
  /** Its entries that keep no verbatim line of their own. */
  repeats: LogEntry[];
  members: number;
  /** An ordinary template with a single verbatim line, not a fixed one. */
  droppable: boolean;
  /** Behind a marker of their own, in the shared marker at the end, or kept. */
  repeatsAs: 'marker' | 'pooled' | 'kept' | 'none';
  /** Given up to the budget: the exemplar and its repeats are omitted. */
  omitted: boolean;
}

/**
 * Whether the content was detected as a log: only then do ordinary lines
 * compete for a budget. Content routed as text whose lines merely repeat
 * keeps every rare line, and so does a runner-up try after another type's
 * weak answer (search hits read as a log must not lose their paths to a
 * budget).
 */
export function budgeted(detection: Detection): boolean {
  return (
    detection.contentType === 'log' && detection.confidence >= ACCEPT_SCORE
  );
}

/** An ordinary template that may give up its verbatim line. */
export interface BudgetCandidate {
  /** Characters it costs in the output: its line, its marker, its kept repeats. */
  cost: number;
  /** Lines of the log it stands for (its exemplar and repeats). */
  members: number;
  /** Its exemplar's position among the log's entries. */
  position: number;
  /** Its exemplar sits right before an error or warning line: their context. */
  nearSignal: boolean;
}

/** Entries at each end of the log that rank as the log's opening and closing. */
const EDGE_ENTRIES = 3;

/**
 * A template's signal: the lines it stands for (log-scaled: one exemplar
 * of a template written 500 times tells more than one of a line written
 * once, but not 500 times more), more for the context of an error line
 * and for the log's opening and closing lines.
 */
function signal(candidate: BudgetCandidate, entries: number): number {
  let value = Math.log2(1 + candidate.members);
  if (candidate.nearSignal) value += 1;
  if (
    candidate.position < EDGE_ENTRIES ||
    candidate.position >= entries - EDGE_ENTRIES
  )
    value += 2;
  return value;
}

/**
 * The candidates to drop so that `total` output characters fit `budget`:
 * the least signal per character first. Returns their indexes; none when
 * the output fits, or when what dropping would save is no more than
 * `minDroppedChars` plus the marker it costs.
 */
export function overBudget(
  candidates: readonly BudgetCandidate[],
  entries: number,
  total: number,
  budget: number,
  markerChars: number,
  minDroppedChars: number,
): Set<number> {
  const dropped = new Set<number>();
  if (total <= budget) return dropped;
  const order = candidates
    .map((candidate, i) => ({
      i,
      density: signal(candidate, entries) / Math.max(1, candidate.cost),
    }))
    // Ties: the later line goes first, so a log's opening reads in order.
    .sort((a, b) => a.density - b.density || b.i - a.i);
  // One marker stands for everything dropped here.
  let remaining = total + markerChars;
  let saved = 0;
  for (const { i } of order) {
    if (remaining <= budget) break;
    dropped.add(i);
    remaining -= candidates[i]!.cost;
    saved += candidates[i]!.cost;
  }
  if (saved <= minDroppedChars + markerChars) dropped.clear();
  return dropped;
}

/** What {@link spendBudget} reads. */
export interface BudgetInput {
  entries: readonly LogEntry[];
  /** Entries kept verbatim so far; omitted exemplars leave it. */
  keep: Set<LogEntry>;
  /** Characters an entry costs in the output. */
  rendered: (entry: LogEntry) => number;
  /** Output characters aimed at. */
  budget: number;
  /** Whether the templates with a repeat or two share a marker. */
  sharedMarker: boolean;
  minDroppedChars: number;
}

/**
 * Marks the droppable templates that do not fit `budget` as omitted (and
 * takes their exemplars out of `keep`), least signal per character first.
 */
export function spendBudget(
  plans: readonly Plan[],
  {
    entries,
    keep,
    rendered,
    budget,
    sharedMarker,
    minDroppedChars,
  }: BudgetInput,
): void {
  const repeatCost = (plan: Plan): number =>
    plan.repeatsAs === 'marker'
      ? MARKER_CHARS
      : plan.repeatsAs === 'kept'
        ? plan.repeats.reduce((sum, entry) => sum + rendered(entry), 0)
        : 0;
  let total = sharedMarker ? MARKER_CHARS : 0;
  for (const entry of keep) total += rendered(entry);
  for (const plan of plans) total += repeatCost(plan);
  const candidates = plans.filter((plan) => plan.droppable);
  const position = new Map(entries.map((entry, i) => [entry, i]));
  const over = overBudget(
    candidates.map((plan) => {
      const at = position.get(plan.exemplar)!;
      return {
        cost: rendered(plan.exemplar) + repeatCost(plan),
        members: plan.members,
        position: at,
        nearSignal: (entries[at + 1]?.level ?? 0) > 0,
      };
    }),
    entries.length,
    total,
    budget,
    MARKER_CHARS,
    minDroppedChars,
  );
  for (const i of over) {
    candidates[i]!.omitted = true;
    keep.delete(candidates[i]!.exemplar);
  }
}
