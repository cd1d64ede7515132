import { estimateTokenizer } from '../tokenizer/estimate-tokenizer.ts';
import { isJsonObject, type JsonObject } from './json-cell.ts';
import {
  cellOf,
  exceptionBudget,
  fillTemplate,
  inferTemplate,
  isSlot,
  type TemplatePart,
} from './json-derivation.ts';
import { inferCellTemplate } from './json-residual.ts';
import {
  dictionaryPlan,
  prefixCost,
  prefixPlan,
  restCell,
} from './json-string-plans.ts';
import { transformText } from './json-transform.ts';

/**
 * Column encodings of a lossless table (json-decode-table.ts reads each):
 * a column whose every row holds one value is written once in the header
 * (`status="ok"`); integers in arithmetic progression as a range
 * (`id=1..500`, `t=0..990 by 10`); a string built from one or two other
 * columns through a template (`` url=`https://x.io/items/{id}` ``,
 * `` email=`{name|join.|lower}@x.io` ``, json-derivation.ts), with cells
 * for the rows that break it (`` `…`? ``) or for the text no column gives
 * (`` repo=`{}/{name}` ``, json-residual.ts); strings sharing a prefix
 * with the prefix in the header (`ts^"2025-05-"`, cells hold the rest) or
 * few long phrases as a dictionary (json-string-plans.ts); lists of flat
 * records as nested rows (`items[]{sku,qty}`, cells `[A1,2;B7,1]`). Each
 * is taken only when it saves tokens.
 */

/** A column: its header name (keys quoted as needed) and where its value sits in an item. */
export interface Column {
  name: string;
  path: readonly string[];
}

/** How one column is written. */
export type ColumnPlan =
  | { kind: 'cell'; column: Column }
  | { kind: 'const'; column: Column; value: unknown }
  | { kind: 'range'; column: Column; start: number; step: number }
  | {
      kind: 'derived';
      column: Column;
      parts: TemplatePart[];
      /** Rows keep a cell: empty where the template gives the value, else the value. */
      exceptions: boolean;
    }
  | { kind: 'prefix'; column: Column; prefix: string }
  | { kind: 'dictionary'; column: Column; values: readonly string[] }
  | {
      kind: 'lookup';
      column: Column;
      source: Column;
      map: ReadonlyArray<[string, unknown]>;
    }
  | { kind: 'table'; column: Column; inner: Column[] };

const ESTIMATE = estimateTokenizer({ name: 'estimate' });
/** Nested rows stop being readable past this many columns. */
const MAX_INNER_COLUMNS = 12;

/** A column's value in an item, or undefined. */
export function read(item: JsonObject, path: readonly string[]): unknown {
  let value: unknown = item;
  for (const key of path) {
    if (!isJsonObject(value) || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

function sameValue(values: readonly unknown[]): boolean {
  const first = JSON.stringify(values[0]);
  return values.every((value) => JSON.stringify(value) === first);
}

function progression(
  values: readonly unknown[],
): { start: number; step: number } | undefined {
  if (values.length < 3) return undefined;
  if (!values.every((value) => Number.isSafeInteger(value))) return undefined;
  const numbers = values as number[];
  const step = numbers[1]! - numbers[0]!;
  if (step === 0 || !Number.isSafeInteger(step)) return undefined;
  for (let index = 2; index < numbers.length; index++)
    if (numbers[index]! - numbers[index - 1]! !== step) return undefined;
  return { start: numbers[0]!, step };
}

/**
 * `` `before{source|transform}after` `` with the template's own
 * punctuation escaped (json-transform.ts lists the transforms); `{}` is
 * the row's cell.
 */
export function templateText(plan: { parts: readonly TemplatePart[] }): string {
  const escaped = (text: string): string => text.replace(/[`{}\\]/g, '\\$&');
  const text = plan.parts
    .map((part) => {
      if (typeof part === 'string') return escaped(part);
      if (!isSlot(part)) return '{}';
      return `{${part.source.name}${transformText(part.transform)}}`;
    })
    .join('');
  return `\`${text}\``;
}

/** A template-with-exceptions column's cells: empty where the template gives the value. */
function exceptionCells(
  items: readonly JsonObject[],
  cells: readonly unknown[],
  parts: readonly TemplatePart[],
  format: (value: unknown) => string,
): string[] {
  return items.map((item, row) =>
    cells[row] === fillTemplate(parts, (path) => read(item, path))
      ? ''
      : format(cells[row]),
  );
}

/** Distinct values a lookup may map; more read worse than the column. */
const MAX_LOOKUP = 16;

/**
 * A column whose value follows from another column's (`plan.price` from
 * `plan.name`): the mapping, written once, replaces its cells.
 */
function lookupOf(
  values: readonly unknown[],
  candidates: ReadonlyArray<{ column: Column; values: readonly unknown[] }>,
): { source: Column; map: ReadonlyArray<[string, unknown]> } | undefined {
  if (values.some((value) => typeof value === 'object' && value !== null))
    return undefined;
  for (const { column, values: sources } of candidates) {
    if (column.name.includes('{')) continue;
    const map = new Map<string, unknown>();
    let ok = true;
    for (let row = 0; row < values.length && ok; row++) {
      const source = sources[row];
      if (typeof source !== 'string' && !Number.isSafeInteger(source)) {
        ok = false;
        break;
      }
      const key = String(source);
      if (!map.has(key)) map.set(key, values[row]);
      else ok = map.get(key) === values[row];
      ok &&= map.size <= MAX_LOOKUP;
    }
    if (ok && map.size * 3 <= values.length)
      return { source: column, map: [...map] };
  }
  return undefined;
}

/** `@source{"key":value,…}` (built by hand: a `__proto__` key stays a key). */
export function lookupText(plan: {
  source: Column;
  map: ReadonlyArray<[string, unknown]>;
}): string {
  const entries = plan.map.map(
    ([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`,
  );
  return `@${plan.source.name}{${entries.join(',')}}`;
}

/** Keys of flat records, most frequent first (ties in first-seen order). */
function innerKeys(records: readonly JsonObject[]): string[] {
  const counts = new Map<string, number>();
  for (const record of records)
    for (const key of Object.keys(record))
      counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([key]) => key);
}

/** What the planner needs from the table writer. */
export interface PlanPolicy {
  /** Writes one cell. */
  format: (value: unknown) => string;
  /** Writes a key as a header name. */
  headerName: (key: string) => string;
  /** False for an object that must stay one cell (a shared, referenced object). */
  flattenable: (value: JsonObject) => boolean;
}

/** The nested-rows form of a column of lists of flat records, when it applies. */
function nestedRows(
  values: readonly unknown[],
  policy: PlanPolicy,
): Column[] | undefined {
  const records: JsonObject[] = [];
  for (const value of values) {
    if (value === undefined) continue;
    if (!Array.isArray(value)) return undefined;
    for (const element of value) {
      if (
        !isJsonObject(element) ||
        !policy.flattenable(element) ||
        Object.keys(element).length === 0 ||
        Object.values(element).some(
          (inner) => typeof inner === 'object' && inner !== null,
        )
      )
        return undefined;
      records.push(element);
    }
  }
  if (records.length === 0) return undefined;
  const keys = innerKeys(records);
  if (keys.length > MAX_INNER_COLUMNS) return undefined;
  return keys.map((key) => ({ name: policy.headerName(key), path: [key] }));
}

/** One nested-rows cell: `[a,b;c,d]`, `[]`, or empty when missing. */
export function nestedCell(
  value: unknown,
  inner: readonly Column[],
  format: (value: unknown) => string,
): string {
  if (value === undefined) return '';
  const sub = (cell: unknown): string => {
    if (cell === undefined) return '';
    const text = format(cell);
    return text[0] !== '"' && /[;\]]/.test(text) ? JSON.stringify(cell) : text;
  };
  const rows = (value as JsonObject[]).map((record) =>
    inner.map((column) => sub(record[column.path[0]!])).join(','),
  );
  return `[${rows.join(';')}]`;
}

/**
 * How each column is written: hoisted, computed, prefixed, nested or as
 * plain cells. Only lossless tables of 2+ rows are planned.
 */
export function planColumns(
  items: readonly JsonObject[],
  columns: readonly Column[],
  policy: PlanPolicy,
): ColumnPlan[] {
  const values = columns.map((column) =>
    items.map((item) => read(item, column.path)),
  );
  const everywhere = values.map((column) =>
    column.every((value) => value !== undefined),
  );
  // What a column's cells cost written out, with their separators.
  const cellCost = (index: number): number =>
    ESTIMATE.count(values[index]!.map(policy.format).join(',')) + items.length;
  // A header entry replacing every cell is taken when it costs less.
  const cheaper = (index: number, header: string): boolean =>
    ESTIMATE.count(header) < cellCost(index);
  const plans: ColumnPlan[] = columns.map((column, index) => {
    const cells = values[index]!;
    if (
      items.length >= 2 &&
      everywhere[index] &&
      sameValue(cells) &&
      cheaper(index, `=${JSON.stringify(cells[0])}`)
    )
      return { kind: 'const', column, value: cells[0] };
    const range = everywhere[index] ? progression(cells) : undefined;
    if (
      range &&
      cheaper(
        index,
        `=${range.start}..${range.start + range.step * (cells.length - 1)} by ${range.step}`,
      )
    )
      return { kind: 'range', column, ...range };
    return { kind: 'cell', column };
  });
  // Sources of templates: columns present in every row and not derived.
  const sources = columns
    .map((column, index) => ({ column, values: values[index]!, index }))
    .filter(({ index }) => everywhere[index] && plans[index]!.kind !== 'const');
  // A template's source is written or computed, never itself derived.
  const pinned = new Set<number>();
  const derivedIndex = new Set<number>();
  const candidatesFor = (index: number, earlierOnly: boolean) =>
    sources.filter(
      (source) =>
        source.index !== index &&
        !derivedIndex.has(source.index) &&
        (!earlierOnly || source.index < index),
    );
  // A template with exceptions keeps a cell per row: empty where the
  // template gives the value, the value itself where it does not.
  const templateCost = (
    index: number,
    parts: TemplatePart[],
    exceptions: boolean,
  ): number => {
    const header = ESTIMATE.count(
      `=${templateText({ parts })}${exceptions ? '?' : ''}`,
    );
    if (!exceptions) return header;
    const cells = exceptionCells(items, values[index]!, parts, policy.format);
    return header + ESTIMATE.count(cells.join(',')) + items.length;
  };
  const pin = (
    parts: readonly TemplatePart[],
    candidates: ReadonlyArray<{ column: Column; index: number }>,
  ): void => {
    for (const part of parts)
      if (isSlot(part))
        pinned.add(
          candidates.find((source) => source.column === part.source)!.index,
        );
  };
  // A template with a cell field, from earlier columns first, and its cost.
  const cellTemplate = (
    index: number,
  ): { plan: ColumnPlan; cost: number } | undefined => {
    if (pinned.has(index)) return undefined;
    for (const earlierOnly of [true, false]) {
      const candidates = candidatesFor(index, earlierOnly);
      if (!earlierOnly && candidates.every((source) => source.index < index))
        break;
      const parts = inferCellTemplate(values[index]!, candidates);
      if (!parts) continue;
      const cells = items.map((item, row) =>
        restCell(
          cellOf(
            parts,
            (path) => read(item, path),
            values[index]![row] as string,
          ),
        ),
      );
      return {
        plan: {
          kind: 'derived',
          column: columns[index]!,
          parts,
          exceptions: false,
        },
        cost:
          ESTIMATE.count(`=${templateText({ parts })}`) +
          ESTIMATE.count(cells.join(',')),
      };
    }
    return undefined;
  };
  const tryTemplate = (
    index: number,
    earlierOnly: boolean,
    exceptions = false,
  ): boolean => {
    const plan = plans[index]!;
    if (plan.kind !== 'cell' || !everywhere[index] || pinned.has(index))
      return false;
    const budget = exceptions ? exceptionBudget(items.length) : 0;
    if (exceptions && budget === 0) return false;
    const candidates = candidatesFor(index, earlierOnly);
    // With no later column to read, all sources is earlier-only, tried already.
    if (!earlierOnly && candidates.every((source) => source.index < index))
      return false;
    const parts = inferTemplate(values[index]!, candidates, budget);
    if (!parts || templateCost(index, parts, exceptions) >= cellCost(index))
      return false;
    plans[index] = { kind: 'derived', column: plan.column, parts, exceptions };
    derivedIndex.add(index);
    pin(parts, candidates);
    return true;
  };
  // First from earlier columns only: records name a thing before they
  // spell it (`name` before `email`), so the source stays readable.
  for (let index = 0; index < plans.length; index++) tryTemplate(index, true);
  plans.forEach((plan, index) => {
    if (plan.kind !== 'cell') return;
    const cells = values[index]!;
    if (everywhere[index]) {
      if (tryTemplate(index, false)) return;
      const candidates = candidatesFor(index, false);
      const lookup = pinned.has(index)
        ? undefined
        : lookupOf(cells, candidates);
      if (lookup && cheaper(index, `=${lookupText(lookup)}`)) {
        plans[index] = { kind: 'lookup', column: plan.column, ...lookup };
        derivedIndex.add(index);
        pinned.add(
          candidates.find((source) => source.column === lookup.source)!.index,
        );
        return;
      }
      // Then with a few rows as exceptions, from earlier columns first.
      if (tryTemplate(index, true, true) || tryTemplate(index, false, true))
        return;
      if (cells.every((value) => typeof value === 'string')) {
        const strings = cells as string[];
        const prefixed = prefixPlan(plan.column, strings, policy);
        const withCell = cellTemplate(index);
        const plain = ESTIMATE.count(cells.map(policy.format).join(','));
        if (
          withCell &&
          withCell.cost < plain &&
          (!prefixed || withCell.cost < prefixCost(prefixed, strings))
        ) {
          plans[index] = withCell.plan;
          derivedIndex.add(index);
          pin(
            (withCell.plan as { parts: TemplatePart[] }).parts,
            candidatesFor(index, false),
          );
          return;
        }
        if (prefixed) {
          plans[index] = prefixed;
          return;
        }
      }
    }
    const dictionary = dictionaryPlan(plan.column, cells, policy);
    if (dictionary) {
      plans[index] = dictionary;
      return;
    }
    const inner = nestedRows(cells, policy);
    if (inner) {
      const plain = ESTIMATE.count(cells.map(policy.format).join(','));
      const nested =
        ESTIMATE.count(
          cells.map((cell) => nestedCell(cell, inner, policy.format)).join(','),
        ) + ESTIMATE.count(inner.map((column) => column.name).join(','));
      if (nested < plain)
        plans[index] = { kind: 'table', column: plan.column, inner };
    }
  });
  return plans;
}
