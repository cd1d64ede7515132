import { queryTerms } from '../util/query-terms.ts';
import { isJsonObject } from './json-cell.ts';

/** Why an item was kept; the labels count them. */
export type KeepReason =
  | 'anchor'
  | 'error'
  | 'context'
  | 'outlier'
  | 'rare'
  | 'top'
  | 'query'
  | 'fill'
  | 'bridge';

/** Options of {@link selectItems}. */
export interface SelectItemsOptions {
  /** Items kept at the start. */
  head: number;
  /** Items kept at the end. */
  tail: number;
  /** Items kept by the dominant numeric field. */
  top: number;
  /** Cap on rare-value items in all (errors are never capped). */
  cap: number;
  /** Items kept for each rare value: its first ones, and its last. */
  rarePerValue: number;
  /** Query matches kept, most matching terms first. */
  queryItems: number;
  /** Items next to the head (and the tail) are added until this many are kept. */
  fill: number;
  /**
   * A dropped run whose values total at most this many characters is kept
   * instead: showing it costs about what its marker would. 0 keeps none.
   */
  bridgeChars: number;
  query?: string;
}

const ERROR_WORDS =
  /\b(errors?|exceptions?|fail(s|ed|ure|ures)?|fatal|panic(ked)?|crash(ed|es)?|critical|traceback|timed? ?out|denied|rejected|abort(ed)?|oom)\b/i;
const ERROR_KEYS = /error|exception|fail|fault/i;
const MAX_SCAN_DEPTH = 4;

/** True when the item carries an error, failure or exception signal. */
function hasErrorSignal(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return ERROR_WORDS.test(value);
  if (depth >= MAX_SCAN_DEPTH || typeof value !== 'object' || value === null)
    return false;
  if (Array.isArray(value))
    return value.some((item) => hasErrorSignal(item, depth + 1));
  for (const [key, inner] of Object.entries(value)) {
    const present =
      inner !== null &&
      inner !== false &&
      inner !== '' &&
      !(Array.isArray(inner) && inner.length === 0);
    if (ERROR_KEYS.test(key) && present) return true;
    if (hasErrorSignal(inner, depth + 1)) return true;
  }
  return false;
}

/** Top-level fields of object items, or the items themselves as one field `''`. */
function fields(items: readonly unknown[]): Map<string, unknown[]> {
  const byField = new Map<string, unknown[]>();
  items.forEach((item, index) => {
    const entries: Array<[string, unknown]> = isJsonObject(item)
      ? Object.entries(item)
      : [['', item]];
    for (const [key, value] of entries) {
      let column = byField.get(key);
      if (!column) {
        column = new Array<unknown>(items.length);
        byField.set(key, column);
      }
      column[index] = value;
    }
  });
  return byField;
}

function numericStats(
  column: readonly unknown[],
):
  | { mean: number; std: number; count: number; monotonic: boolean }
  | undefined {
  let count = 0;
  let sum = 0;
  let ascending = true;
  let descending = true;
  let previous: number | undefined;
  for (const value of column) {
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    count++;
    sum += value;
    if (previous !== undefined) {
      if (value < previous) ascending = false;
      if (value > previous) descending = false;
    }
    previous = value;
  }
  if (count < 5) return undefined;
  const mean = sum / count;
  let squares = 0;
  for (const value of column)
    if (typeof value === 'number' && Number.isFinite(value))
      squares += (value - mean) ** 2;
  return {
    mean,
    std: Math.sqrt(squares / count),
    count,
    monotonic: ascending || descending,
  };
}

/**
 * Which items a lossy view keeps (sorted indices) and why: the first `head`
 * and last `tail` items; every item with an error signal (an error word in a
 * value, or a truthy `error`-like key) and the item before it, unless such
 * items are the majority; numeric outliers beyond 2 σ; items holding rare
 * values of a categorical field (values outside the few that cover 80 % of
 * rows); the `top` items by the dominant numeric field (the non-monotonic
 * numeric field with the widest spread); the `queryItems` items matching
 * the most query terms (terms most items contain are ignored); then the
 * items after the head and before the tail until `fill` are kept.
 *
 * Every dropped run costs the reader a marker, so kept items cluster: a
 * rare value shows `rarePerValue` examples (its first ones and its last),
 * not every occurrence, the fill extends the head and tail runs rather
 * than spreading items (and markers) evenly, and a dropped run cheaper
 * than its marker (`bridgeChars`) is shown instead. Errors are never capped.
 */
export function selectItems(
  items: readonly unknown[],
  options: SelectItemsOptions,
): Map<number, KeepReason> {
  const n = items.length;
  const kept = new Map<number, KeepReason>();
  const keep = (index: number, reason: KeepReason): void => {
    if (index >= 0 && index < n && !kept.has(index)) kept.set(index, reason);
  };
  for (let index = 0; index < Math.min(options.head, n); index++)
    keep(index, 'anchor');
  for (let index = Math.max(0, n - options.tail); index < n; index++)
    keep(index, 'anchor');

  const errors = items.flatMap((item, index) =>
    hasErrorSignal(item) ? [index] : [],
  );
  if (errors.length <= n / 2) {
    for (const index of errors) keep(index, 'error');
    for (const index of errors) keep(index - 1, 'context');
  }

  const byField = fields(items);
  let dominant: { column: unknown[]; spread: number } | undefined;
  for (const column of byField.values()) {
    const stats = numericStats(column);
    if (stats && stats.std > 0) {
      column.forEach((value, index) => {
        if (
          typeof value === 'number' &&
          Math.abs(value - stats.mean) > 2 * stats.std
        )
          keep(index, 'outlier');
      });
      const spread = stats.std / (Math.abs(stats.mean) || 1);
      if (
        !stats.monotonic &&
        stats.count >= n * 0.8 &&
        (!dominant || spread > dominant.spread)
      )
        dominant = { column, spread };
    }
    for (const index of rareValues(column, n, options.rarePerValue).slice(
      0,
      options.cap,
    ))
      keep(index, 'rare');
  }
  if (dominant) {
    const column = dominant.column;
    const ranked = column
      .map((value, index) => ({
        value: typeof value === 'number' ? value : Number.NEGATIVE_INFINITY,
        index,
      }))
      .sort((a, b) => b.value - a.value || a.index - b.index);
    for (const { index } of ranked.slice(0, options.top)) keep(index, 'top');
  }

  const terms = queryTerms(options.query, 2);
  if (terms.length > 0) {
    const texts = items.map((item) => JSON.stringify(item).toLowerCase());
    // A term most items contain ('request', 'status') does not discriminate.
    const useful = terms.filter(
      (term) => texts.filter((text) => text.includes(term)).length <= n / 2,
    );
    const scored = texts
      .map((text, index) => ({
        index,
        hits: useful.filter((term) => text.includes(term)).length,
      }))
      .filter((entry) => entry.hits > 0)
      .sort((a, b) => b.hits - a.hits || a.index - b.index);
    for (const { index } of scored.slice(0, options.queryItems)) {
      keep(index, 'query');
    }
  }
  // Two thirds of the fill after the head, one third before the tail.
  let front = Math.min(options.head, n);
  let back = Math.max(front, n - options.tail);
  for (let turn = 0; kept.size < Math.min(options.fill, n); turn++) {
    if (front >= back) break;
    if (turn % 3 < 2) keep(front++, 'fill');
    else keep(--back, 'fill');
  }
  return bridge(items, sortedByIndex(kept), options.bridgeChars);
}

/** Characters an item's values take in a table row (compact JSON for nested ones). */
function rowChars(item: unknown): number {
  if (!isJsonObject(item)) return (JSON.stringify(item) ?? '').length;
  let chars = 0;
  for (const value of Object.values(item))
    chars +=
      1 +
      (typeof value === 'object' && value !== null
        ? JSON.stringify(value).length
        : String(value).length);
  return chars;
}

/** Keeps the dropped runs between kept items that are cheaper than a marker. */
function bridge(
  items: readonly unknown[],
  kept: Map<number, KeepReason>,
  maxChars: number,
): Map<number, KeepReason> {
  if (maxChars <= 0 || kept.size === 0) return kept;
  const indices = [...kept.keys()];
  const bridged: number[] = [];
  let previous = -1;
  for (const index of [...indices, items.length]) {
    let chars = 0;
    for (let gap = previous + 1; gap < index && chars <= maxChars; gap++)
      chars += rowChars(items[gap]);
    if (index > previous + 1 && chars <= maxChars)
      for (let gap = previous + 1; gap < index; gap++) bridged.push(gap);
    previous = index;
  }
  if (bridged.length === 0) return kept;
  for (const index of bridged) kept.set(index, 'bridge');
  return sortedByIndex(kept);
}

function sortedByIndex(
  kept: ReadonlyMap<number, KeepReason>,
): Map<number, KeepReason> {
  return new Map([...kept.entries()].sort((a, b) => a[0] - b[0]));
}

/**
 * Indices holding a rare value of a categorical column (2–50 distinct
 * values, present in 80 % of rows): for each rare value, its first
 * `perValue - 1` occurrences and its last. A string column with too many
 * distinct values is tried again by template (digit runs as `#`), so
 * `checkpoint saved at step 4500` stands out among `heartbeat ping 1…27`.
 */
function rareValues(
  column: readonly unknown[],
  n: number,
  perValue: number,
): number[] {
  const exact = rareBy(column, n, perValue, String, Number.POSITIVE_INFINITY);
  if (exact !== undefined) return exact;
  if (!column.some((value) => typeof value === 'string')) return [];
  // By template, only a few odd ones out count as signal: a version column
  // with a dozen prerelease shapes is variety, not an event.
  return rareBy(column, n, perValue, templateOf, MAX_RARE_TEMPLATES) ?? [];
}

/** More rare templates than this in one column are not kept as signal. */
const MAX_RARE_TEMPLATES = 3;

function templateOf(value: unknown): string {
  return typeof value === 'string' ? value.replace(/\d+/g, '#') : String(value);
}

/** Rare keys of a column, or undefined when it has too many distinct keys to tell. */
function rareBy(
  column: readonly unknown[],
  n: number,
  perValue: number,
  keyOf: (value: unknown) => string,
  maxRareKeys: number,
): number[] | undefined {
  const counts = new Map<string, number>();
  let present = 0;
  for (const value of column) {
    if (value === undefined || (typeof value === 'object' && value !== null))
      continue;
    present++;
    const key = keyOf(value);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (counts.size > 50) return undefined;
  }
  if (present < n * 0.8 || counts.size < 2) return [];
  if (counts.size > n / 2) return undefined;
  const ordered = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const common = new Set<string>();
  let covered = 0;
  for (const [key, count] of ordered) {
    if (covered >= present * 0.8) break;
    common.add(key);
    covered += count;
  }
  if (common.size > 5 || common.size === counts.size) return [];
  const byValue = new Map<string, number[]>();
  column.forEach((value, index) => {
    if (value === undefined || (typeof value === 'object' && value !== null))
      return;
    const key = keyOf(value);
    if (common.has(key)) return;
    const list = byValue.get(key);
    if (list) list.push(index);
    else byValue.set(key, [index]);
  });
  if (byValue.size > maxRareKeys) return [];
  const picked: number[] = [];
  for (const list of byValue.values()) {
    if (list.length <= perValue) picked.push(...list);
    else picked.push(...list.slice(0, Math.max(0, perValue - 1)), list.at(-1)!);
  }
  return picked.sort((a, b) => a - b);
}
