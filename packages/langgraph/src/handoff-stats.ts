import { type SharedContext, savingsPercent } from '@sharedcontext/core';

/** Where a compression happened: a state reducer, a channel, or a handoff. */
export type HandoffRecordKind = 'message' | 'channel' | 'handoff';

/** One compression the adapter made, as {@link handoffStats} lists it. */
export interface HandoffRecord {
  kind: HandoffRecordKind;
  /** The SharedContext key the original is stored under. */
  key: string;
  /** The agent that produced the content, when known. */
  agent: string | null;
  /** The agent the content was handed to (handoffs only). */
  target: string | null;
  originalTokens: number;
  compressedTokens: number;
  tokensSaved: number;
  /** Epoch milliseconds. */
  at: number;
}

/** Token totals over a set of {@link HandoffRecord}s. */
export interface HandoffTotals {
  compressions: number;
  originalTokens: number;
  compressedTokens: number;
  tokensSaved: number;
  /** Rounded to 0.1. */
  savingsPercent: number;
}

/** What {@link handoffStats} returns. */
export interface HandoffStats {
  /** Every compression since the context was created or last reset, oldest first. */
  records: readonly HandoffRecord[];
  totals: HandoffTotals;
  /** Totals per producing agent (`(none)` when unknown). */
  byAgent: Record<string, HandoffTotals>;
  /** Totals per receiving agent, for handoffs (`(none)` for reducer compressions). */
  byTarget: Record<string, HandoffTotals>;
}

// Records live beside the SharedContext they describe, in this process only:
// they are run statistics, not data, so they never go to the store.
const RECORDS = new WeakMap<SharedContext, HandoffRecord[]>();

/** Adds one record; called by the reducers and handoff helpers. */
export function recordHandoff(
  ctx: SharedContext,
  record: Omit<HandoffRecord, 'tokensSaved' | 'at'>,
): void {
  let list = RECORDS.get(ctx);
  if (!list) {
    list = [];
    RECORDS.set(ctx, list);
  }
  list.push({
    ...record,
    tokensSaved: record.originalTokens - record.compressedTokens,
    at: Date.now(),
  });
}

function totalsOf(records: readonly HandoffRecord[]): HandoffTotals {
  const originalTokens = records.reduce(
    (sum, record) => sum + record.originalTokens,
    0,
  );
  const compressedTokens = records.reduce(
    (sum, record) => sum + record.compressedTokens,
    0,
  );
  return {
    compressions: records.length,
    originalTokens,
    compressedTokens,
    tokensSaved: originalTokens - compressedTokens,
    savingsPercent: savingsPercent(originalTokens, compressedTokens),
  };
}

function groupTotals(
  records: readonly HandoffRecord[],
  by: (record: HandoffRecord) => string | null,
): Record<string, HandoffTotals> {
  const groups = new Map<string, HandoffRecord[]>();
  for (const record of records) {
    const name = by(record) ?? '(none)';
    groups.set(name, [...(groups.get(name) ?? []), record]);
  }
  return Object.fromEntries(
    [...groups].map(([name, group]) => [name, totalsOf(group)]),
  );
}

/**
 * @deprecated Stats come one way in every adapter: listen to the context's
 * `compression-end` events (or pass `onCompress` to it), which name agent
 * and tool, and read `ctx.stats()` for totals. Kept for one minor version.
 *
 * Tokens saved by the adapter in this process, per compression, per agent
 * and per receiving agent. For per-run figures call
 * {@link resetHandoffStats} before each run. `ctx.stats()` gives the
 * store-wide totals per agent.
 *
 * @example
 * const stats = handoffStats(ctx);
 * for (const record of stats.records) {
 *   console.log(
 *     `${record.agent} → ${record.target}: ${record.originalTokens} → ${record.compressedTokens} tokens`,
 *   );
 * }
 */
export function handoffStats(ctx: SharedContext): HandoffStats {
  const records = [...(RECORDS.get(ctx) ?? [])];
  return {
    records,
    totals: totalsOf(records),
    byAgent: groupTotals(records, (record) => record.agent),
    byTarget: groupTotals(records, (record) => record.target),
  };
}

/**
 * @deprecated With {@link handoffStats}; events need no reset.
 *
 * Forgets the records {@link handoffStats} reports (the stored entries stay).
 *
 * @example
 * resetHandoffStats(ctx);
 * await graph.invoke(input);
 * console.log(handoffStats(ctx).totals.tokensSaved);
 */
export function resetHandoffStats(ctx: SharedContext): void {
  RECORDS.delete(ctx);
}
