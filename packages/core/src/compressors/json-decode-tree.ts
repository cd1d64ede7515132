import { JsonDecodeError } from '../errors/index.ts';
import {
  type DecodeScope,
  expandBare,
  LITERAL,
  LineReader,
  mergeInto,
  readRuns,
  setMember,
} from './json-decode-cells.ts';
import {
  hasRowCells,
  readHeader,
  readRow,
  splitRepeat,
} from './json-decode-table.ts';

/**
 * Reading the outline (json-tree.ts writes it): `$n:` prefixes, `&name:`
 * definitions, then the root; members one per line, nested values indented
 * by two spaces, arrays as `key[N]` tables, runs or `- ` lists, keyed
 * objects as `key{N}` tables.
 */

const INDENT = '  ';
const BARE_KEY_AT = /[\w$@.+/-]+/y;

/** The lines of an outline and where they start in the whole text. */
interface Source {
  lines: string[];
  /** 1-based number of lines[0]. */
  first: number;
}

class TreeReader {
  private readonly source: Source;
  private readonly definitions = new Map<string, number>();
  private readonly resolved = new Map<string, unknown>();
  private readonly resolving = new Set<string>();
  readonly scope: DecodeScope;
  /** Index of the next line to read. */
  index = 0;

  constructor(source: Source) {
    this.source = source;
    const prefixes: string[] = [];
    this.scope = {
      prefixes,
      ref: (name, line) => this.reference(name, line),
    };
    const { lines } = source;
    while (this.index < lines.length && /^\$\d+: /.test(lines[this.index]!)) {
      const line = lines[this.index]!;
      const at = line.indexOf(': ') + 2;
      if (Number(line.slice(1, at - 2)) !== prefixes.length + 1)
        this.reader(this.index).fail('prefixes out of order');
      prefixes.push(
        line[at] === '"'
          ? new LineReader(line, this.lineNumber(this.index), at).string()
          : line.slice(at),
      );
      this.index++;
    }
    while (this.index < lines.length && lines[this.index]!.startsWith('&')) {
      const match = /^&([\w-]+):$/.exec(lines[this.index]!);
      if (!match)
        throw new JsonDecodeError({
          line: this.lineNumber(this.index),
          message: 'malformed definition',
        });
      this.definitions.set(match[1]!, this.index);
      this.index++;
      while (this.index < lines.length && lines[this.index]!.startsWith(INDENT))
        this.index++;
    }
  }

  lineNumber(index: number): number {
    return this.source.first + index;
  }

  reader(index: number, pos = 0): LineReader {
    return new LineReader(
      this.source.lines[index] ?? '',
      this.lineNumber(index),
      pos,
    );
  }

  private reference(name: string, line: number): unknown {
    if (this.resolved.has(name)) return this.resolved.get(name);
    const start = this.definitions.get(name);
    if (start === undefined || this.resolving.has(name))
      return new LineReader('', line).fail(`unknown reference *${name}`);
    this.resolving.add(name);
    const saved = this.index;
    this.index = start + 1;
    const value: Record<string, unknown> = {};
    this.members(value, INDENT);
    this.index = saved;
    this.resolving.delete(name);
    this.resolved.set(name, value);
    return value;
  }

  /** True when line `index` sits exactly at `indent` (not deeper). */
  private at(index: number, indent: string): boolean {
    const line = this.source.lines[index];
    return (
      line?.startsWith(indent) === true &&
      line[indent.length] !== ' ' &&
      line.length > indent.length
    );
  }

  /** Object members at `indent`, from the current line on. */
  members(target: Record<string, unknown>, indent: string): void {
    while (this.at(this.index, indent)) {
      const line = this.source.lines[this.index]!;
      if (line.startsWith('- ', indent.length)) break;
      this.member(target, this.reader(this.index, indent.length), indent);
    }
  }

  /** A key at the cursor: quoted, or bare. */
  private key(reader: LineReader): string {
    if (reader.peek() === '"') return reader.string();
    BARE_KEY_AT.lastIndex = reader.pos;
    const match = BARE_KEY_AT.exec(reader.text);
    if (!match) reader.fail('expected a key');
    reader.pos += match[0].length;
    return match[0];
  }

  /** One member (or a merge line) whose text starts at the reader's cursor. */
  private member(
    target: Record<string, unknown>,
    reader: LineReader,
    indent: string,
  ): void {
    if (reader.startsWith('<<: *')) {
      reader.pos += 5;
      mergeInto(target, this.scope.ref!(reader.name(), reader.line), reader);
      if (!reader.done) reader.fail('text after a merge');
      this.index++;
      return;
    }
    const key = this.key(reader);
    setMember(target, key, this.afterLabel(reader, indent));
  }

  /**
   * What follows a label (a key, or nothing for a list item or root):
   * `: value`, `:` and an indented object, `[N]…` an array, `{N}{…}` a
   * keyed table. Consumes the value's lines.
   */
  private afterLabel(reader: LineReader, indent: string): unknown {
    if (reader.startsWith('[')) return this.array(reader, indent);
    if (reader.startsWith('{') && !reader.startsWith('{}'))
      return this.keyed(reader, indent);
    if (reader.startsWith(': ')) {
      reader.pos += 2;
      this.index++;
      return this.scalar(reader);
    }
    if (reader.startsWith(':') && reader.pos + 1 === reader.text.length) {
      this.index++;
      const value: Record<string, unknown> = {};
      this.members(value, indent + INDENT);
      return value;
    }
    return reader.fail('expected ":", "[" or "{" after a key');
  }

  /** A block scalar: the rest of the line. */
  scalar(reader: LineReader): unknown {
    const rest = reader.text.slice(reader.pos);
    if (rest[0] === '{' || rest[0] === '[') {
      const value = reader.flow(this.scope);
      if (!reader.done) reader.fail('text after a flow value');
      return value;
    }
    if (rest.startsWith('"')) {
      const value = reader.string();
      if (!reader.done) reader.fail('text after a quoted string');
      return value;
    }
    if (rest.startsWith('*')) {
      reader.pos++;
      const value = this.scope.ref!(reader.name(), reader.line);
      if (!reader.done) reader.fail('text after a reference');
      return value;
    }
    if (LITERAL.test(rest)) return JSON.parse(rest);
    return expandBare(rest, this.scope, reader);
  }

  /** `[N]` then a table header, `: runs`, `:` and a list, or nothing (empty). */
  private array(reader: LineReader, indent: string): unknown[] {
    reader.expect('[');
    const count = Number(
      reader.numberText() ?? reader.fail('expected a count'),
    );
    reader.expect(']');
    if (reader.done) {
      if (count !== 0) reader.fail('an array with no items');
      this.index++;
      return [];
    }
    if (reader.startsWith('{')) {
      const columns = readHeader(reader, this.scope);
      if (!reader.done) reader.fail('text after a table header');
      this.index++;
      return this.rows(count, columns, indent + INDENT, false).map(
        (row) => row.item,
      );
    }
    if (reader.startsWith(': ')) {
      reader.pos += 2;
      const values = readRuns(reader);
      if (values.length !== count) reader.fail('run count mismatch');
      this.index++;
      return values;
    }
    reader.expect(':');
    if (!reader.done) reader.fail('text after ":"');
    this.index++;
    const items: unknown[] = [];
    const itemIndent = indent + INDENT;
    for (let position = 0; position < count; position++) {
      const line = this.source.lines[this.index];
      if (line === undefined || !line.startsWith(`${itemIndent}- `))
        this.reader(this.index).fail(`expected list item ${position + 1}`);
      items.push(this.item(itemIndent));
    }
    return items;
  }

  /** `{N}{(key),…}` and N rows, each opening with its member's key. */
  private keyed(reader: LineReader, indent: string): Record<string, unknown> {
    reader.expect('{');
    const count = Number(
      reader.numberText() ?? reader.fail('expected a count'),
    );
    reader.expect('}');
    reader.expect('{(key)');
    const rest = reader.text.slice(reader.pos);
    if (rest !== '}' && !rest.startsWith(',')) reader.fail('malformed header');
    const header = new LineReader(
      rest === '}' ? '{}' : `{${rest.slice(1)}`,
      reader.line,
    );
    const columns = readHeader(header, this.scope);
    if (!header.done) header.fail('text after a table header');
    this.index++;
    const value: Record<string, unknown> = {};
    for (const row of this.rows(count, columns, indent + INDENT, true))
      setMember(value, row.key!, row.item);
    return value;
  }

  /** `count` items of a table whose rows sit at `indent`. */
  private rows(
    count: number,
    columns: Parameters<typeof readRow>[1],
    indent: string,
    keyed: boolean,
  ): Array<ReturnType<typeof readRow>> {
    const out: Array<ReturnType<typeof readRow>> = [];
    if (!keyed && !hasRowCells(columns))
      for (let index = 0; index < count; index++)
        out.push(
          readRow(new LineReader('', 0), columns, this.scope, index, false),
        );
    while (out.length < count) {
      const line = this.source.lines[this.index];
      if (line === undefined || !line.startsWith(indent))
        return this.reader(this.index).fail(`expected row ${out.length + 1}`);
      const { row, times } = splitRepeat(line.slice(indent.length));
      for (let repeat = 0; repeat < times; repeat++) {
        const reader = new LineReader(row, this.lineNumber(this.index));
        out.push(readRow(reader, columns, this.scope, out.length, keyed));
      }
      this.index++;
    }
    if (out.length !== count)
      this.reader(this.index - 1).fail('more rows than the count');
    return out;
  }

  /** A list item: `- ` then the item as if its text sat two columns further in. */
  private item(itemIndent: string): unknown {
    const inner = itemIndent + INDENT;
    const line = this.source.lines[this.index]!;
    this.source.lines[this.index] = inner + line.slice(inner.length);
    return this.value(inner);
  }

  /** A value with no label at `indent`: the root, or a list item. */
  value(indent: string): unknown {
    const reader = this.reader(this.index, indent.length);
    const rest = reader.text.slice(reader.pos);
    if (rest.startsWith('[')) return this.array(reader, indent);
    if (rest === '{}' || rest.startsWith('*') || !isMemberLine(rest)) {
      this.index++;
      return this.scalar(reader);
    }
    const value: Record<string, unknown> = {};
    this.members(value, indent);
    return value;
  }

  get remaining(): boolean {
    return this.index < this.source.lines.length;
  }
}

/** True when a line (after its indent) is a member: `key:`, `key: v`, `key[`, `key{`, `<<:`. */
function isMemberLine(rest: string): boolean {
  if (rest.startsWith('<<: *')) return true;
  let end: number;
  if (rest.startsWith('"')) {
    end = 1;
    while (end < rest.length && rest[end] !== '"')
      end += rest[end] === '\\' ? 2 : 1;
    end++;
  } else {
    BARE_KEY_AT.lastIndex = 0;
    const match = BARE_KEY_AT.exec(rest);
    if (!match) return false;
    end = match[0].length;
  }
  const next = rest[end];
  return next === ':' || next === '[' || next === '{';
}

/** The value an outline (whole text, `first` its first line's number) stands for. */
export function decodeTree(lines: string[], first: number): unknown {
  const tree = new TreeReader({ lines: [...lines], first });
  // An outline's root is an object or an array (a scalar is written as JSON).
  const head = lines[tree.index] ?? '';
  if (!head.startsWith('[') && !isMemberLine(head))
    tree.reader(tree.index).fail('neither JSON nor a JSON view');
  const value = tree.value('');
  if (tree.remaining)
    tree.reader(tree.index).fail('text after the end of the outline');
  return value;
}
