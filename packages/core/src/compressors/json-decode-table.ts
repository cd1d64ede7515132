import {
  type DecodeScope,
  type LineReader,
  readCell,
  setMember,
} from './json-decode-cells.ts';
import {
  applyTransform,
  parseField,
  type SlotTransform,
} from './json-transform.ts';

/**
 * Reading a table view (json-table.ts writes it): the `{…}` header with
 * its column encodings, and the rows.
 */

/** How one header column gives each row its value. */
export type ColumnSpec =
  | { kind: 'cell'; path: string[] }
  /** Every row holds this value (`status="ok"`). */
  | { kind: 'const'; path: string[]; value: unknown }
  /** Row i holds `start + i × step` (`id=1..500`, `t=0..990 by 10`). */
  | { kind: 'range'; path: string[]; start: number; step: number }
  /**
   * A string built from other columns of the row (`` name=`item_{id}` ``);
   * with `exceptions` (`` =`…`? ``) each row has a cell, empty where the
   * template gives the value and holding the value where it does not.
   */
  | {
      kind: 'derived';
      path: string[];
      parts: Array<string | Field | CellMark>;
      exceptions: boolean;
      /** The template has a `{}` field: each row's cell is the text it holds. */
      cell: boolean;
    }
  /** Every row's string starts with `prefix`; the cell holds the rest. */
  | { kind: 'prefix'; path: string[]; prefix: string }
  /** The value the row's `source` column maps to (`price=@plan{"pro":40}`). */
  | {
      kind: 'lookup';
      path: string[];
      source: number;
      map: Map<string, unknown>;
    }
  /** Each cell is an index into these strings (`msg@["timeout","denied"]`). */
  | { kind: 'dictionary'; path: string[]; values: string[] }
  /** Each cell is a list of records with these columns (`items[]{sku,qty}`). */
  | { kind: 'table'; path: string[]; columns: string[][] };

/** A template field resolved: the source column's position and its transform. */
interface Field {
  source: number;
  transform: SlotTransform;
}

/** A template field as read: the source's name as written. */
interface NamedField {
  name: string;
  transform: SlotTransform;
}

/** The row's cell inside a template (`{}`). */
interface CellMark {
  cell: true;
}

const TYPE_AT = /:[a-z]+\??/y;
const RANGE_AT = /(-?\d+)\.\.(-?\d+)(?: by (-?\d+))?/y;
const BARE_NAME_END = /[,.:={}[\]^`@]/;

/** One part of a column name: a JSON string or bare text up to punctuation. */
function namePart(reader: LineReader): string {
  if (reader.peek() === '"') return reader.string();
  const start = reader.pos;
  while (!reader.done && !BARE_NAME_END.test(reader.peek())) reader.pos++;
  if (reader.pos === start) reader.fail('expected a column name');
  return reader.text.slice(start, reader.pos);
}

function columnPath(reader: LineReader): string[] {
  const path = [namePart(reader)];
  while (reader.peek() === '.') {
    reader.pos++;
    path.push(namePart(reader));
  }
  return path;
}

/**
 * A `` `…{column|transform}…` `` template; `\` escapes a backtick, brace
 * or backslash. Fields are column names (resolved once the header is read)
 * with their transforms (json-transform.ts).
 */
function template(reader: LineReader): Array<string | NamedField | CellMark> {
  reader.expect('`');
  const parts: Array<string | NamedField | CellMark> = [];
  let text = '';
  for (;;) {
    if (reader.done) reader.fail('unterminated template');
    const char = reader.peek();
    reader.pos++;
    if (char === '`') break;
    if (char === '\\') {
      text += reader.peek();
      reader.pos++;
    } else if (char === '{') {
      const end = reader.text.indexOf('}', reader.pos);
      if (end < 0) reader.fail('unterminated template field');
      try {
        const field = reader.text.slice(reader.pos, end);
        parts.push(text, field === '' ? { cell: true } : parseField(field));
      } catch (error) {
        reader.fail((error as Error).message);
      }
      text = '';
      reader.pos = end + 1;
    } else text += char;
  }
  parts.push(text);
  return parts;
}

/**
 * The header `{col,col:type,col=…}` at the cursor, through its closing
 * brace. `names` collects each column's name as written (templates refer
 * to columns by it).
 */
export function readHeader(
  reader: LineReader,
  scope: DecodeScope,
): ColumnSpec[] {
  reader.expect('{');
  const columns: ColumnSpec[] = [];
  const names: string[] = [];
  const lookups: Array<{ position: number; name: string }> = [];
  const templates: Array<{
    position: number;
    parts: Array<string | NamedField | CellMark>;
  }> = [];
  if (reader.peek() === '}') {
    reader.pos++;
    return columns;
  }
  for (;;) {
    const start = reader.pos;
    const path = columnPath(reader);
    names.push(reader.text.slice(start, reader.pos));
    let column: ColumnSpec = { kind: 'cell', path };
    TYPE_AT.lastIndex = reader.pos;
    const type = TYPE_AT.exec(reader.text);
    if (type) reader.pos += type[0].length;
    else if (reader.startsWith('=`')) {
      reader.pos++;
      templates.push({ position: columns.length, parts: template(reader) });
      const exceptions = reader.peek() === '?';
      if (exceptions) reader.pos++;
      column = { kind: 'derived', path, parts: [], exceptions, cell: false };
    } else if (reader.startsWith('=@')) {
      reader.pos += 2;
      const from = reader.pos;
      columnPath(reader);
      lookups.push({
        position: columns.length,
        name: reader.text.slice(from, reader.pos),
      });
      const map = reader.flow(scope);
      if (typeof map !== 'object' || map === null || Array.isArray(map))
        reader.fail('expected a lookup object');
      column = {
        kind: 'lookup',
        path,
        source: -1,
        map: new Map(Object.entries(map)),
      };
    } else if (reader.startsWith('=')) {
      reader.pos++;
      RANGE_AT.lastIndex = reader.pos;
      const range = RANGE_AT.exec(reader.text);
      if (range) {
        reader.pos += range[0].length;
        column = {
          kind: 'range',
          path,
          start: Number(range[1]),
          step: range[3] ? Number(range[3]) : 1,
        };
      } else column = { kind: 'const', path, value: reader.flow(scope) };
    } else if (reader.startsWith('@[')) {
      reader.pos++;
      const values = reader.flow(scope);
      if (
        !Array.isArray(values) ||
        !values.every((value) => typeof value === 'string')
      )
        reader.fail('expected a list of strings');
      column = { kind: 'dictionary', path, values: values as string[] };
    } else if (reader.startsWith('^')) {
      reader.pos++;
      column = { kind: 'prefix', path, prefix: reader.string() };
    } else if (reader.startsWith('[]')) {
      reader.pos += 2;
      reader.expect('{');
      const inner: string[][] = [];
      for (;;) {
        inner.push(columnPath(reader));
        if (reader.peek() === ',') reader.pos++;
        else break;
      }
      reader.expect('}');
      column = { kind: 'table', path, columns: inner };
    }
    columns.push(column);
    if (reader.peek() === ',') reader.pos++;
    else break;
  }
  reader.expect('}');
  for (const { position, name } of lookups) {
    const index = names.indexOf(name);
    if (index < 0 || ['derived', 'lookup'].includes(columns[index]!.kind))
      reader.fail(`lookup names no column "${name}"`);
    (columns[position] as { source: number }).source = index;
  }
  for (const { position, parts } of templates) {
    const column = columns[position] as Extract<
      ColumnSpec,
      { kind: 'derived' }
    >;
    const cells = parts.filter(
      (part) => typeof part !== 'string' && 'cell' in part,
    ).length;
    if (cells > 1 || (cells === 1 && column.exceptions))
      reader.fail(
        'a template with more than one cell, or a cell and exceptions',
      );
    column.cell = cells === 1;
    column.parts = parts.map((part) => {
      if (typeof part === 'string' || 'cell' in part) return part;
      const index = names.indexOf(part.name);
      if (index < 0 || ['derived', 'lookup'].includes(columns[index]!.kind))
        reader.fail(`template names no column "${part.name}"`);
      return { source: index, transform: part.transform };
    });
  }
  return columns;
}

/** A cell of a `^prefix` column: the rest of a string, quoted only when it must be. */
function prefixCell(reader: LineReader): string | undefined {
  const char = reader.peek();
  if (char === '' || char === ',') return undefined;
  if (char === '"') return reader.string();
  const end = reader.text.indexOf(',', reader.pos);
  const stop = end < 0 ? reader.text.length : end;
  const text = reader.text.slice(reader.pos, stop);
  reader.pos = stop;
  return text;
}

/** A cell of a `[]{…}` column: `[a,b;c,d]` rows of records, or empty when missing. */
function tableCell(
  reader: LineReader,
  columns: readonly string[][],
  scope: DecodeScope,
): unknown[] | undefined {
  if (reader.peek() !== '[') {
    if (reader.done || reader.peek() === ',') return undefined;
    reader.fail('expected a [rows] cell');
  }
  reader.pos++;
  const items: unknown[] = [];
  if (reader.peek() === ']') {
    reader.pos++;
    return items;
  }
  for (;;) {
    const item: Record<string, unknown> = {};
    columns.forEach((path, index) => {
      if (index > 0) reader.expect(',');
      const value = readCell(reader, scope, ',;]');
      if (value !== undefined) assign(item, path, value);
    });
    items.push(item);
    if (reader.peek() === ';') reader.pos++;
    else break;
  }
  reader.expect(']');
  return items;
}

function assign(
  item: Record<string, unknown>,
  path: readonly string[],
  value: unknown,
): void {
  let target = item;
  for (let depth = 0; depth < path.length - 1; depth++) {
    const key = path[depth]!;
    let next = Object.hasOwn(target, key) ? target[key] : undefined;
    if (typeof next !== 'object' || next === null) {
      next = {};
      setMember(target, key, next);
    }
    target = next as Record<string, unknown>;
  }
  setMember(target, path[path.length - 1]!, value);
}

/** A row line with its repeat count taken off (`row ×3`). */
export function splitRepeat(text: string): { row: string; times: number } {
  const match = / ×(\d+)$/.exec(text);
  return match
    ? { row: text.slice(0, match.index), times: Number(match[1]) }
    : { row: text, times: 1 };
}

/**
 * One row's record. `index` is the item's position (for ranges); with
 * `keyed`, the row opens with the member's key.
 */
export function readRow(
  reader: LineReader,
  columns: readonly ColumnSpec[],
  scope: DecodeScope,
  index: number,
  keyed: boolean,
): { key?: string; item: Record<string, unknown> } {
  let key: string | undefined;
  let first = true;
  const next = (): void => {
    if (!first) reader.expect(',');
    first = false;
  };
  if (keyed) {
    next();
    const value = readCell(reader, scope);
    if (typeof value !== 'string') reader.fail('expected a member key');
    key = value;
  }
  // A `{}` template's cell, by column.
  const cellText: string[] = [];
  const values: unknown[] = columns.map((column, position) => {
    switch (column.kind) {
      case 'cell':
        next();
        return readCell(reader, scope);
      case 'prefix': {
        next();
        const rest = prefixCell(reader);
        return rest === undefined ? undefined : column.prefix + rest;
      }
      case 'table':
        next();
        return tableCell(reader, column.columns, scope);
      case 'dictionary': {
        next();
        const code = readCell(reader, scope);
        if (code === undefined) return undefined;
        const value =
          typeof code === 'number' ? column.values[code] : undefined;
        if (value === undefined) reader.fail('no dictionary entry');
        return value;
      }
      case 'derived': {
        if (column.cell) {
          next();
          const text = prefixCell(reader);
          if (text === undefined) reader.fail('expected a template cell');
          cellText[position] = text;
          return undefined;
        }
        if (!column.exceptions) return undefined;
        next();
        return readCell(reader, scope);
      }
      case 'const':
        return column.value;
      case 'range':
        return column.start + index * column.step;
      default:
        return undefined;
    }
  });
  if (!reader.done) reader.fail('more cells than columns');
  columns.forEach((column, position) => {
    if (column.kind === 'lookup') {
      const key = String(values[column.source]);
      if (!column.map.has(key)) reader.fail(`no lookup value for "${key}"`);
      values[position] = column.map.get(key);
    }
    if (column.kind !== 'derived' || values[position] !== undefined) return;
    values[position] = column.parts
      .map((part) => {
        if (typeof part === 'string') return part;
        if ('cell' in part) return cellText[position] ?? '';
        return applyTransform(
          String(values[part.source] ?? ''),
          part.transform,
        );
      })
      .join('');
  });
  const item: Record<string, unknown> = {};
  columns.forEach((column, position) => {
    const value = values[position];
    if (value !== undefined) assign(item, column.path, value);
  });
  return key === undefined ? { item } : { key, item };
}

/** True when rows hold cells of these columns (else the header alone stands for every item). */
export function hasRowCells(columns: readonly ColumnSpec[]): boolean {
  return columns.some(
    (column) =>
      column.kind === 'cell' ||
      column.kind === 'prefix' ||
      column.kind === 'table' ||
      column.kind === 'dictionary' ||
      (column.kind === 'derived' && (column.exceptions || column.cell)),
  );
}
