import type { MarkerSink } from '../retrieval/index.ts';
import {
  formatCell,
  formatLiteral,
  isJsonObject,
  type JsonObject,
} from './json-cell.ts';
import { runNotation, stringTemplate } from './json-runs.ts';
import { type RenderTableOptions, renderTable } from './json-table.ts';

/** A rendered view of an array and the label that names its form. */
export interface ArrayView {
  text: string;
  label: string;
}

const SCALAR_TYPES = new Set(['string', 'number', 'boolean']);

function isScalar(value: unknown): boolean {
  return value === null || SCALAR_TYPES.has(typeof value);
}

/**
 * The whole array, losslessly: a table for objects, a template for strings
 * sharing one shape, run notation for scalars; undefined when no form
 * applies. `name` prefixes the count (`items[3]`).
 */
export function renderLossless(
  items: readonly unknown[],
  name: string,
): ArrayView | undefined {
  const label = `${name}[${items.length}]`;
  if (items.length >= 2 && items.every(isJsonObject)) {
    return {
      text: renderTable(items as JsonObject[], {
        label,
        collapseRepeats: true,
      }).join('\n'),
      label: 'json:table',
    };
  }
  if (!items.every(isScalar)) return undefined;
  const template = stringTemplate(items);
  if (template)
    return {
      text: [
        `${label}{${JSON.stringify(template.template)}}`,
        ...template.rows,
      ].join('\n'),
      label: 'json:template',
    };
  return { text: `${label} ${runNotation(items)}`, label: 'json:runs' };
}

/** Options of {@link renderSample}. */
export interface RenderSampleOptions {
  name: string;
  /** Kept item indices, ascending. */
  kept: readonly number[];
  /** Each item's `[start, end)` in the original, when found. */
  spans?: ReadonlyArray<readonly [number, number]>;
  /**
   * The items are the members of an object (a map), with these keys: each
   * kept row names its key (`(key)` column), a dropped run's text is its
   * members, keys and all, and its keys are listed under its marker
   * (`keys: a,b,c`).
   */
  keys?: readonly string[];
  markers: MarkerSink;
  /** More dropped runs than this share one marker at the end. */
  maxMarkers: number;
  /** How the kept items' table writes cells (an outline passes its references). */
  table?: Pick<
    RenderTableOptions,
    'format' | 'flattenable' | 'maxFlattenKeys' | 'types'
  >;
}

function plural(count: number, keyed: boolean): string {
  if (keyed) return `${count} ${count === 1 ? 'entry' : 'entries'} omitted`;
  return `${count} item${count === 1 ? '' : 's'} omitted`;
}

/**
 * A lossy view: the kept items with their index (`#`), and a marker for
 * each dropped run (or one marker for all runs when there are more than
 * `maxMarkers`), whose span is exactly the dropped items' original text.
 */
export function renderSample(
  items: readonly unknown[],
  options: RenderSampleOptions,
): ArrayView {
  const { kept, spans, markers, name, keys } = options;
  const summary = (count: number): string => plural(count, keys !== undefined);
  const runs: Array<[number, number]> = [];
  let next = 0;
  for (const index of [...kept, items.length]) {
    if (index > next) runs.push([next, index - 1]);
    next = index + 1;
  }
  const rangeOf = ([first, last]: [number, number]):
    | [number, number]
    | undefined => {
    const start = spans?.[first];
    const end = spans?.[last];
    return start && end ? [start[0], end[1]] : undefined;
  };
  const drop = (group: Array<[number, number]>): string => {
    const count = group.reduce(
      (sum, [first, last]) => sum + last - first + 1,
      0,
    );
    const ranges = group.map(rangeOf);
    // A map's keys name its entries as paths name files: the dropped
    // entries' keys stay listed under their marker.
    const listed = keys
      ? `\nkeys: ${group
          .flatMap(([first, last]) => keys.slice(first, last + 1))
          .map(formatCell)
          .join(',')}`
      : '';
    if (ranges.every((range) => range !== undefined))
      return (
        markers.drop({
          summary: summary(count),
          ranges: ranges as Array<[number, number]>,
        }) + listed
      );
    const text = group
      .flatMap(([first, last]) =>
        items
          .slice(first, last + 1)
          .map((item, offset) =>
            keys
              ? `${JSON.stringify(keys[first + offset])}:${JSON.stringify(item)}`
              : JSON.stringify(item),
          ),
      )
      .join('\n');
    return markers.drop({ summary: summary(count), text }) + listed;
  };
  const combined = runs.length > options.maxMarkers;
  const runMarkers = new Map<number, string>();
  if (!combined) for (const run of runs) runMarkers.set(run[0], drop([run]));

  const label = keys
    ? `${name}{${items.length} entries, ${kept.length} shown}`
    : `${name}[${items.length} items, ${kept.length} shown]`;
  const keptItems = kept.map((index) => items[index]);
  const rows =
    keptItems.length >= 2 && keptItems.every(isJsonObject)
      ? renderTable(keptItems as JsonObject[], {
          ...options.table,
          label,
          indices: kept,
          // Every field of every item is named, the dropped ones' too.
          ...(items.every(isJsonObject)
            ? { columnsFrom: items as JsonObject[] }
            : {}),
          ...(keys ? { keys: kept.map((index) => keys[index]!) } : {}),
        })
      : [
          label,
          ...kept.map(
            (index) =>
              `${keys ? JSON.stringify(keys[index]) : index}: ${formatLiteral(items[index])}`,
          ),
        ];
  const lines = [rows[0]!];
  kept.forEach((index, position) => {
    const before = runMarkers.get(position === 0 ? 0 : kept[position - 1]! + 1);
    if (
      before !== undefined &&
      (position === 0 ? index > 0 : index > kept[position - 1]! + 1)
    )
      lines.push(before);
    lines.push(rows[position + 1]!);
  });
  const last = kept.at(-1);
  const trailing = runMarkers.get(last === undefined ? 0 : last + 1);
  if (trailing !== undefined) lines.push(trailing);
  if (combined) lines.push(drop(runs));
  return {
    text: lines.join('\n'),
    label: keys
      ? `json:sample(${items.length} entries->${kept.length})`
      : `json:sample(${items.length}->${kept.length})`,
  };
}
