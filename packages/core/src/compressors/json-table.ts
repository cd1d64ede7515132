import {
  formatCell,
  isJsonObject,
  type JsonObject,
  typeTag,
} from './json-cell.ts';
import {
  type Column,
  type ColumnPlan,
  lookupText,
  nestedCell,
  planColumns,
  read,
  templateText,
} from './json-columns.ts';
import { cellOf, fillTemplate, hasCell } from './json-derivation.ts';
import { dictionaryText, restCell } from './json-string-plans.ts';

/** Nested objects with at most this many keys, the same in every row, become dotted columns. */
const MAX_FLATTEN_KEYS = 6;

/** How nested values are flattened and cells written; defaults suit a root table. */
interface CellPolicy {
  maxFlattenKeys: number;
  /** False for a nested object that must stay one cell (a shared, referenced object). */
  flattenable: (value: JsonObject) => boolean;
  format: (value: unknown) => string;
}

const DEFAULT_POLICY: CellPolicy = {
  maxFlattenKeys: MAX_FLATTEN_KEYS,
  flattenable: () => true,
  format: formatCell,
};

/** Union of keys, most frequent first, ties in first-seen order. */
function keyOrder(items: readonly JsonObject[]): string[] {
  const counts = new Map<string, number>();
  for (const item of items)
    for (const key of Object.keys(item))
      counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([key]) => key);
}

/**
 * A key whose value is, in every row holding it, an object with the same
 * few scalar keys (a row without the key has every dotted cell empty).
 */
function flatKeys(
  items: readonly JsonObject[],
  key: string,
  policy: CellPolicy,
): string[] | undefined {
  let shape: string[] | undefined;
  for (const item of items) {
    if (!Object.hasOwn(item, key)) continue;
    const value = item[key];
    if (!isJsonObject(value) || !policy.flattenable(value)) return undefined;
    const keys = Object.keys(value);
    if (keys.length === 0 || keys.length > policy.maxFlattenKeys)
      return undefined;
    if (
      keys.some(
        (inner) => typeof value[inner] === 'object' && value[inner] !== null,
      )
    )
      return undefined;
    if (shape === undefined) shape = keys;
    else if (shape.join('\u0000') !== keys.join('\u0000')) return undefined;
  }
  return shape;
}

function columnsOf(items: readonly JsonObject[], policy: CellPolicy): Column[] {
  const columns: Column[] = [];
  for (const key of keyOrder(items)) {
    const inner = flatKeys(items, key, policy);
    if (inner)
      for (const name of inner)
        columns.push({
          name: `${headerName(key)}.${headerName(name)}`,
          path: [key, name],
        });
    else columns.push({ name: headerName(key), path: [key] });
  }
  return columns;
}

/**
 * A key in a column name, JSON-quoted when it holds the header's own
 * punctuation (a `.` would read as a nested object's column, `=` or `^`
 * as an encoding) or opens like one.
 */
export function headerName(name: string): string {
  return /[:{}#.=^[\]`;@]|^\(/.test(name)
    ? JSON.stringify(name)
    : formatCell(name);
}

/** Options of {@link renderTable}. */
export interface RenderTableOptions {
  /** Written before the `{columns}` part, e.g. `[1500]` or `items[3]`. */
  label: string;
  /** Item indices: adds a leading `#` column (lossy views). */
  indices?: readonly number[];
  /** Member keys of a keyed object, one per item: adds a leading `(key)` column (instead of `#` when `indices` are given too). */
  keys?: readonly string[];
  /** Collapse consecutive identical rows into `row ×N` (lossless views). */
  collapseRepeats?: boolean;
  /** Nested objects with up to this many keys, the same in every row, become dotted columns. @default 6 */
  maxFlattenKeys?: number;
  /** False for a nested object that must stay one cell. @default () => true */
  flattenable?: (value: JsonObject) => boolean;
  /** Writes one cell. @default formatCell */
  format?: (value: unknown) => string;
  /** Tags each column with its type (`id:int`). @default true */
  types?: boolean;
  /**
   * The items whose fields make the columns, when more than the rows
   * written: a sample's header names every field of every item, dropped
   * ones too. @default items
   */
  columnsFrom?: readonly JsonObject[];
}

/**
 * A table: one header `label{name:type,...}` listing every field seen, then
 * one comma-separated row per object. Uniform small nested objects become
 * dotted columns, other nested values compact JSON; missing cells are empty.
 * A lossless table (no `indices`) also takes the column encodings of
 * json-columns.ts where they save tokens, and with `keys` (a keyed object)
 * each row opens with its member's key under `(key)`.
 */
export function renderTable(
  items: readonly JsonObject[],
  {
    label,
    indices,
    keys,
    collapseRepeats = false,
    maxFlattenKeys = DEFAULT_POLICY.maxFlattenKeys,
    flattenable = DEFAULT_POLICY.flattenable,
    format = DEFAULT_POLICY.format,
    types = true,
    columnsFrom,
  }: RenderTableOptions,
): string[] {
  const columns = columnsOf(columnsFrom ?? items, {
    maxFlattenKeys,
    flattenable,
    format,
  });
  const plans: ColumnPlan[] = indices
    ? columns.map((column) => ({ kind: 'cell', column }))
    : planColumns(items, columns, { format, headerName, flattenable });
  const header = plans.map((plan) => headerText(plan, items, format, types));
  // A sampled keyed object gives both: its keys name the rows, and the
  // indices only say the view is lossy (cells written plainly).
  const lead = keys ? '(key),' : indices ? '#,' : '';
  const lines = [`${label}{${lead}${header.join(',')}}`];
  let previous: string | undefined;
  let repeats = 0;
  const flush = (): void => {
    if (previous !== undefined)
      lines.push(repeats > 1 ? `${previous} ×${repeats}` : previous);
  };
  // Every column in the header (constants, ranges, templates): the count
  // in the label says how many items there are; no row is written.
  const inRow = plans.some(
    (plan) =>
      plan.kind === 'cell' ||
      plan.kind === 'prefix' ||
      plan.kind === 'table' ||
      plan.kind === 'dictionary' ||
      (plan.kind === 'derived' && (plan.exceptions || hasCell(plan.parts))),
  );
  if (!inRow && !indices && !keys) return lines;
  items.forEach((item, position) => {
    const cells: string[] = [];
    if (keys) cells.push(format(keys[position]));
    else if (indices) cells.push(String(indices[position]));
    for (const plan of plans) {
      const value = read(item, plan.column.path);
      if (plan.kind === 'cell') cells.push(format(value));
      else if (plan.kind === 'prefix')
        cells.push(restCell((value as string).slice(plan.prefix.length)));
      else if (plan.kind === 'table')
        cells.push(nestedCell(value, plan.inner, format));
      else if (plan.kind === 'derived' && hasCell(plan.parts))
        cells.push(
          restCell(
            cellOf(plan.parts, (path) => read(item, path), value as string),
          ),
        );
      else if (plan.kind === 'derived' && plan.exceptions)
        cells.push(
          value === fillTemplate(plan.parts, (path) => read(item, path))
            ? ''
            : format(value),
        );
      else if (plan.kind === 'dictionary')
        cells.push(
          value === undefined
            ? ''
            : String(plan.values.indexOf(value as string)),
        );
    }
    const row = cells.join(',');
    if (collapseRepeats && row === previous) {
      repeats++;
      return;
    }
    flush();
    previous = row;
    repeats = 1;
  });
  flush();
  return lines;
}

/** A column's header entry: its name and type, or its encoding. */
function headerText(
  plan: ColumnPlan,
  items: readonly JsonObject[],
  format: (value: unknown) => string,
  types: boolean,
): string {
  const { name, path } = plan.column;
  switch (plan.kind) {
    case 'const':
      return `${name}=${typeof plan.value === 'string' ? JSON.stringify(plan.value) : format(plan.value)}`;
    case 'range': {
      const last = plan.start + (items.length - 1) * plan.step;
      return `${name}=${plan.start}..${last}${plan.step === 1 ? '' : ` by ${plan.step}`}`;
    }
    case 'derived':
      return `${name}=${templateText(plan)}${plan.exceptions ? '?' : ''}`;
    case 'lookup':
      return `${name}=${lookupText(plan)}`;
    case 'dictionary':
      return `${name}${dictionaryText(plan.values)}`;
    case 'prefix':
      return `${name}^${JSON.stringify(plan.prefix)}`;
    case 'table':
      return `${name}[]{${plan.inner.map((column) => column.name).join(',')}}`;
    default:
      return types
        ? `${name}:${typeTag(items.map((item) => read(item, path)))}`
        : name;
  }
}
