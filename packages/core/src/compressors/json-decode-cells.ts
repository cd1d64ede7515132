import { JsonDecodeError } from '../errors/index.ts';

/**
 * Reading one line of a JSON view: JSON strings, literals, flow values
 * (compact JSON with `*name` references and `<<:*name` merges), table cells
 * and run notation. The writers are json-cell.ts, json-runs.ts and
 * json-tree.ts; each quoting rule there has its reading here.
 */

/** A JSON literal exactly as `JSON.stringify` writes numbers, and the three words. */
export const LITERAL: RegExp =
  /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)$/;
const NUMBER_AT = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD_AT = /true|false|null/y;
const NAME_AT = /[\w-]+/y;
const PREFIX_REF = /^\$(\d+)(\/.*)?$/s;

/** What cells may refer to: the outline's definitions and prefixes; a root table has neither. */
export interface DecodeScope {
  /** The value of a `*name` definition. */
  ref?: (name: string, line: number) => unknown;
  /** Named prefixes, `$1` first. */
  prefixes?: readonly string[];
}

/** Sets a member even when the key is `__proto__` (an own property, as `JSON.parse` makes it). */
export function setMember(
  target: Record<string, unknown>,
  key: string,
  value: unknown,
): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else target[key] = value;
}

/** A cursor over one line. */
export class LineReader {
  readonly text: string;
  readonly line: number;
  pos: number;

  constructor(text: string, line: number, pos = 0) {
    this.text = text;
    this.line = line;
    this.pos = pos;
  }

  fail(message: string): never {
    throw new JsonDecodeError({
      line: this.line,
      message: `${message} (column ${this.pos + 1})`,
    });
  }

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): string {
    return this.text[this.pos] ?? '';
  }

  startsWith(prefix: string): boolean {
    return this.text.startsWith(prefix, this.pos);
  }

  expect(prefix: string): void {
    if (!this.startsWith(prefix)) this.fail(`expected "${prefix}"`);
    this.pos += prefix.length;
  }

  /** A JSON string at the cursor. */
  string(): string {
    if (this.peek() !== '"') this.fail('expected a quoted string');
    let end = this.pos + 1;
    while (end < this.text.length) {
      const char = this.text[end];
      if (char === '\\') end += 2;
      else if (char === '"') break;
      else end++;
    }
    if (end >= this.text.length) this.fail('unterminated string');
    const raw = this.text.slice(this.pos, end + 1);
    this.pos = end + 1;
    try {
      return JSON.parse(raw) as string;
    } catch {
      return this.fail('malformed string');
    }
  }

  /** A JSON number at the cursor, as written, or undefined. */
  numberText(): string | undefined {
    NUMBER_AT.lastIndex = this.pos;
    const match = NUMBER_AT.exec(this.text);
    if (!match) return undefined;
    this.pos += match[0].length;
    return match[0];
  }

  /** A JSON scalar (string, number, true, false, null). */
  literal(): unknown {
    if (this.peek() === '"') return this.string();
    const number = this.numberText();
    if (number !== undefined) return Number(number);
    WORD_AT.lastIndex = this.pos;
    const word = WORD_AT.exec(this.text);
    if (!word) return this.fail('expected a JSON value');
    this.pos += word[0].length;
    return JSON.parse(word[0]);
  }

  /** A definition name after `*`. */
  name(): string {
    NAME_AT.lastIndex = this.pos;
    const match = NAME_AT.exec(this.text);
    if (!match) return this.fail('expected a reference name');
    this.pos += match[0].length;
    return match[0];
  }

  /** Compact JSON where a value may be `*name` and an object may open with `<<:*name`. */
  flow(scope: DecodeScope): unknown {
    const char = this.peek();
    if (char === '*') {
      this.pos++;
      return this.reference(scope);
    }
    if (char === '[') {
      this.pos++;
      const items: unknown[] = [];
      if (this.peek() === ']') {
        this.pos++;
        return items;
      }
      for (;;) {
        items.push(this.flow(scope));
        if (this.peek() === ',') this.pos++;
        else break;
      }
      this.expect(']');
      return items;
    }
    if (char === '{') {
      this.pos++;
      const object: Record<string, unknown> = {};
      if (this.peek() === '}') {
        this.pos++;
        return object;
      }
      for (;;) {
        if (this.startsWith('<<:*')) {
          this.pos += 4;
          mergeInto(object, this.reference(scope), this);
        } else {
          const key = this.string();
          this.expect(':');
          setMember(object, key, this.flow(scope));
        }
        if (this.peek() === ',') this.pos++;
        else break;
      }
      this.expect('}');
      return object;
    }
    return this.literal();
  }

  private reference(scope: DecodeScope): unknown {
    if (!scope.ref) return this.fail('a reference outside an outline');
    return scope.ref(this.name(), this.line);
  }
}

/** Copies a merge base's members into an object. */
export function mergeInto(
  target: Record<string, unknown>,
  base: unknown,
  reader: { fail(message: string): never },
): void {
  if (typeof base !== 'object' || base === null || Array.isArray(base))
    reader.fail('a merge base that is not an object');
  for (const [key, value] of Object.entries(base as object))
    setMember(target, key, value);
}

/** A bare string with its named prefix (`$3/issues/1`) expanded. */
export function expandBare(
  text: string,
  scope: DecodeScope,
  reader: LineReader,
): string {
  if (!scope.prefixes || text[0] !== '$') return text;
  const match = PREFIX_REF.exec(text);
  if (!match) return text;
  const prefix = scope.prefixes[Number(match[1]) - 1];
  if (prefix === undefined) reader.fail(`unknown prefix $${match[1]}`);
  return prefix + (match[2] ?? '');
}

/**
 * One table cell at the cursor, up to the next `,` or `stop`: undefined for
 * an empty (missing) cell, a quoted string, a flow value, a `*reference`
 * (outline only), a literal, or a bare string.
 */
export function readCell(
  reader: LineReader,
  scope: DecodeScope,
  stops = ',',
): unknown {
  const char = reader.peek();
  if (char === '' || stops.includes(char)) return undefined;
  if (char === '"') return reader.string();
  if (char === '[' || char === '{' || (char === '*' && scope.ref))
    return reader.flow(scope);
  let end = reader.pos;
  while (end < reader.text.length && !stops.includes(reader.text[end]!)) end++;
  const text = reader.text.slice(reader.pos, end);
  if (LITERAL.test(text)) {
    reader.pos = end;
    return JSON.parse(text);
  }
  const value = expandBare(text, scope, reader);
  reader.pos = end;
  return value;
}

/** One value of run notation: a JSON literal or a bare string, up to `,`, `)` or `×`. */
function runValue(reader: LineReader): unknown {
  if (reader.peek() === '"') return reader.string();
  let end = reader.pos;
  while (end < reader.text.length && !',)×'.includes(reader.text[end]!)) end++;
  const text = reader.text.slice(reader.pos, end);
  if (text === '') reader.fail('expected a value');
  reader.pos = end;
  return LITERAL.test(text) ? JSON.parse(text) : text;
}

/** Run notation (`v×N`, `a..b`, `(a,b)×N`, literals, bare strings), the whole rest of the line. */
export function readRuns(reader: LineReader): unknown[] {
  const values: unknown[] = [];
  const count = (): number => {
    if (!reader.startsWith('×')) return 1;
    reader.pos++;
    const digits = reader.numberText();
    if (digits === undefined || !/^\d+$/.test(digits))
      reader.fail('expected a repeat count');
    return Number(digits);
  };
  while (!reader.done) {
    if (reader.peek() === '(') {
      reader.pos++;
      const group: unknown[] = [];
      for (;;) {
        group.push(runValue(reader));
        if (reader.peek() === ',') reader.pos++;
        else break;
      }
      reader.expect(')');
      const times = count();
      for (let index = 0; index < times; index++) values.push(...group);
    } else {
      const start = reader.pos;
      const value = runValue(reader);
      const range = /^(-?\d+)\.\.(-?\d+)$/.exec(
        reader.text.slice(start, reader.pos),
      );
      if (range) {
        const last = Number(range[2]);
        for (let next = Number(range[1]); next <= last; next++)
          values.push(next);
      } else {
        const times = count();
        for (let index = 0; index < times; index++) values.push(value);
      }
    }
    if (reader.done) break;
    reader.expect(',');
  }
  return values;
}
