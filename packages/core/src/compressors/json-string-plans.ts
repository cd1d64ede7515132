import { estimateTokenizer } from '../tokenizer/estimate-tokenizer.ts';
import type { Column, ColumnPlan, PlanPolicy } from './json-columns.ts';

/**
 * Plans for a column of strings written in its rows (json-columns.ts picks
 * among them): a shared prefix in the header with each cell holding the
 * rest (`ts^"2025-05-"`), or a dictionary of few long phrases with each
 * cell holding an index (`msg@["timeout","denied"]`).
 */

const ESTIMATE = estimateTokenizer({ name: 'estimate' });
/** A prefix shorter than this is not worth its header text. */
const MIN_PREFIX = 3;
// The rest of a prefixed string is bare unless it could be misread: empty,
// padded, holding a separator, quote, backslash or control character, or
// ending like a repeat count.
const REST_NEEDS_QUOTES = /^$|^\s|\s$|[,"\\\u0000-\u001f]| ×\d+$/;

function commonPrefix(values: readonly string[]): string {
  let prefix = values[0]!;
  for (const value of values) {
    let length = 0;
    while (
      length < prefix.length &&
      length < value.length &&
      prefix[length] === value[length]
    )
      length++;
    prefix = prefix.slice(0, length);
    if (prefix.length === 0) break;
  }
  return prefix;
}

/** The rest of a prefixed string as a cell. */
export function restCell(rest: string): string {
  return REST_NEEDS_QUOTES.test(rest) || rest[0] === '"'
    ? JSON.stringify(rest)
    : rest;
}

/** Index of the last character that is neither a letter nor a digit, or -1. */
function lastSeparator(text: string): number {
  for (let index = text.length - 1; index >= 0; index--)
    if (!/[\p{L}\p{N}]/u.test(text[index]!)) return index;
  return -1;
}

/** What a prefix plan's header and cells cost. */
export function prefixCost(plan: ColumnPlan, cells: readonly string[]): number {
  const { prefix } = plan as { prefix: string };
  return (
    ESTIMATE.count(JSON.stringify(prefix)) +
    ESTIMATE.count(
      cells.map((cell) => restCell(cell.slice(prefix.length))).join(','),
    )
  );
}

export function prefixPlan(
  column: Column,
  cells: readonly string[],
  policy: PlanPolicy,
): ColumnPlan | undefined {
  if (cells.length < 2) return undefined;
  // Cut after the prefix's last separator (`2025-05-`, not `2025-0`), so
  // each cell keeps a whole field.
  // each cell keeps a whole field, unless cutting inside the field saves more.
  const common = commonPrefix(cells);
  const cost = (prefix: string): number =>
    prefix.length < MIN_PREFIX
      ? Number.POSITIVE_INFINITY
      : ESTIMATE.count(
          cells.map((cell) => restCell(cell.slice(prefix.length))).join(','),
        ) + ESTIMATE.count(JSON.stringify(prefix));
  const atSeparator = common.slice(0, lastSeparator(common) + 1);
  const prefix = cost(common) < cost(atSeparator) ? common : atSeparator;
  const plain = ESTIMATE.count(cells.map(policy.format).join(','));
  return cost(prefix) < plain ? { kind: 'prefix', column, prefix } : undefined;
}

/** Distinct strings a dictionary may hold. */
const MAX_DICTIONARY = 64;
/** A dictionary's strings must average this many tokens (phrases, not words). */
const MIN_DICTIONARY_TOKENS = 3;

/**
 * A column of few distinct, long strings (`Database connection timeout`)
 * as a list in the header and each row's index into it.
 */
export function dictionaryPlan(
  column: Column,
  cells: readonly unknown[],
  policy: PlanPolicy,
): ColumnPlan | undefined {
  const present = cells.filter((value) => value !== undefined);
  if (
    present.length < 4 ||
    !present.every((value) => typeof value === 'string')
  )
    return undefined;
  const values = [...new Set(present as string[])];
  if (values.length > MAX_DICTIONARY || values.length * 3 > present.length)
    return undefined;
  // Words of a token or two (`Sales`, `shipped`) cost what a code does.
  const perValue =
    values.reduce((sum, value) => sum + ESTIMATE.count(value), 0) /
    values.length;
  if (perValue < MIN_DICTIONARY_TOKENS) return undefined;
  const position = new Map(values.map((value, index) => [value, index]));
  const plain = ESTIMATE.count(cells.map(policy.format).join(','));
  const coded =
    ESTIMATE.count(
      cells
        .map((value) =>
          value === undefined ? '' : String(position.get(value as string)),
        )
        .join(','),
    ) + ESTIMATE.count(dictionaryText(values));
  // A tenth saved at least: codes read worse than the words.
  return coded < plain * 0.9
    ? { kind: 'dictionary', column, values }
    : undefined;
}

/** `@["first","second"]`: the dictionary in the header. */
export function dictionaryText(values: readonly string[]): string {
  return `@${JSON.stringify(values)}`;
}
