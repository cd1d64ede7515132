import { InvalidArgumentError, JsonDecodeError } from '../errors/index.ts';
import { LineReader, readRuns } from './json-decode-cells.ts';
import {
  hasRowCells,
  readHeader,
  readRow,
  splitRepeat,
} from './json-decode-table.ts';
import { decodeTree } from './json-decode-tree.ts';

/**
 * The JSON value a lossless JSON view stands for: minified or any JSON
 * text, a table (`[N]{id:int,…}` and its rows), run notation
 * (`[N] 1..40,"a"×3`), a string template, the root object around one of
 * those (`{"total":3,"items":[…]}` then `items[3]{…}`), or an outline
 * (tables, runs and lists at every depth, `&name` definitions, `$n`
 * prefixes, keyed tables, and the column encodings of the table view).
 * Throws `JsonDecodeError` (code `JSON_DECODE_FAILED`, with the line) on
 * text that is none of these, including a lossy view (it has markers).
 *
 * @example
 * const { compressed } = await compress(records, { lossless: true });
 * const value = decodeJson(compressed); // deep-equals JSON.parse(records)
 */
export function decodeJson(text: string): unknown {
  if (typeof text !== 'string')
    throw new InvalidArgumentError({
      parameter: 'text',
      value: text,
      message: `expected a string, got ${text === null ? 'null' : typeof text}`,
    });
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON: a view.
  }
  const lines = text.split('\n');
  if (lines[0]!.startsWith('{')) return decodePlaced(lines);
  // A root array's view (`[N]{…}` rows, `[N] runs`) against an outline's
  // (`[N]:` and indented lines).
  if (
    lines[0]!.startsWith('[') &&
    !/^\[\d+\]:/.test(lines[0]!) &&
    !(lines[1] ?? '').startsWith(' ')
  )
    return decodeArrayView(lines, '', 1);
  return decodeTree(lines, 1);
}

const PLACEHOLDER = '[…]';

/** `{"meta":1,"items":[…]}` then the view of `items`, put back in its place. */
function decodePlaced(lines: string[]): unknown {
  const head = lines[0]!;
  const at = placeholderAt(head);
  if (at < 0)
    throw new JsonDecodeError({ line: 1, message: 'not JSON, and no […]' });
  let token = '\u0000';
  while (head.includes(token)) token += '\u0000';
  let root: unknown;
  try {
    root = JSON.parse(
      `${head.slice(0, at)}${JSON.stringify(token)}${head.slice(at + PLACEHOLDER.length)}`,
    );
  } catch {
    throw new JsonDecodeError({ line: 1, message: 'malformed JSON' });
  }
  const path = findToken(root, token);
  if (!path || path.length === 0)
    throw new JsonDecodeError({ line: 1, message: 'misplaced […]' });
  const items = decodeArrayView(lines.slice(1), path.join('.'), 2);
  let parent = root as Record<string, unknown>;
  for (const key of path.slice(0, -1))
    parent = parent[key] as Record<string, unknown>;
  parent[path.at(-1)!] = items;
  return root;
}

/** Where `[…]` stands outside a string in a line of JSON, or -1. */
function placeholderAt(json: string): number {
  let inString = false;
  for (let index = 0; index < json.length; index++) {
    const char = json[index];
    if (inString) {
      if (char === '\\') index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (json.startsWith(PLACEHOLDER, index)) return index;
  }
  return -1;
}

/** Object keys to the string `token`, or undefined. */
function findToken(value: unknown, token: string): string[] | undefined {
  if (value === token) return [];
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const path = findToken(inner, token);
    if (path) return [key, ...path];
  }
  return undefined;
}

/**
 * A root-level array view labelled `name[N]`: a table with typed columns,
 * a string template (`{"…{}…"}` and one row of numbers per string), or
 * run notation after a space.
 */
function decodeArrayView(
  lines: string[],
  name: string,
  first: number,
): unknown[] {
  const reader = new LineReader(lines[0] ?? '', first, 0);
  reader.expect(`${name}[`);
  const count = Number(reader.numberText() ?? reader.fail('expected a count'));
  reader.expect(']');
  if (reader.startsWith(' ')) {
    reader.pos++;
    const values = readRuns(reader);
    if (values.length !== count) reader.fail('run count mismatch');
    return expectEnd(values, lines, 1, first);
  }
  const rows = lines.slice(1);
  if (reader.startsWith('{"') && reader.text.endsWith('"}')) {
    const template = tryTemplate(reader);
    if (template) {
      if (rows.length !== count)
        reader.fail(`expected ${count} template rows, got ${rows.length}`);
      return rows.map((row, index) =>
        fillTemplate(template, row, first + 1 + index),
      );
    }
  }
  const columns = readHeader(reader, {});
  if (!reader.done) reader.fail('text after a table header');
  const items: unknown[] = [];
  if (!hasRowCells(columns))
    for (let position = 0; position < count; position++)
      items.push(
        readRow(new LineReader('', first), columns, {}, position, false).item,
      );
  let index = 0;
  while (items.length < count) {
    const line = rows[index];
    if (line === undefined)
      return reader.fail(`expected ${count} rows, got ${items.length}`);
    const { row, times } = splitRepeat(line);
    for (let repeat = 0; repeat < times; repeat++)
      items.push(
        readRow(
          new LineReader(row, first + 1 + index),
          columns,
          {},
          items.length,
          false,
        ).item,
      );
    index++;
  }
  if (items.length !== count) reader.fail(`more rows than the count ${count}`);
  return expectEnd(items, lines, index + 1, first);
}

function expectEnd<T>(value: T, lines: string[], used: number, first: number) {
  if (lines.length > used)
    throw new JsonDecodeError({
      line: first + used,
      message: 'text after the end of the view',
    });
  return value;
}

/** The template of `{"…{}…"}`, or undefined when the header is a one-column table. */
function tryTemplate(reader: LineReader): string | undefined {
  const probe = new LineReader(reader.text, reader.line, reader.pos + 1);
  try {
    const template = probe.string();
    return probe.text.slice(probe.pos) === '}' && template.includes('{}')
      ? template
      : undefined;
  } catch {
    return undefined;
  }
}

function fillTemplate(template: string, row: string, line: number): string {
  const parts = template.split('{}');
  const numbers = row.split(',');
  if (numbers.length !== parts.length - 1)
    throw new JsonDecodeError({
      line,
      message: `expected ${parts.length - 1} numbers`,
    });
  return parts.reduce(
    (text, part, index) => text + (index > 0 ? numbers[index - 1] : '') + part,
  );
}
