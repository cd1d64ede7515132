import {
  describeCorpus,
  listCorpus,
  readCorpus,
} from '@sharedcontext-internal/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RenderTreeOptions, renderTree } from './json-tree.ts';

/**
 * A reader of the outline format written from docs/compressors/json.md,
 * used to prove the lossless outline decodes to the original data.
 */
const REF = '\u0001ref';
const MERGE = '\u0001merge';
type Ref = { [REF]: string };

/** Assigns like JSON.parse does: a `__proto__` key is an own property. */
function put(
  target: Record<string, unknown>,
  key: string,
  value: unknown,
): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function isRef(value: unknown): value is Ref {
  return typeof value === 'object' && value !== null && REF in value;
}

/** Index of the `"` closing a JSON string whose body starts at `from`. */
function closeQuote(text: string, from: number): number {
  let end = from;
  while (text[end] !== '"') {
    if (end >= text.length) throw new Error(`unclosed string in ${text}`);
    end += text[end] === '\\' ? 2 : 1;
  }
  return end;
}

function decodeTree(text: string): unknown {
  const lines = text.split('\n');
  const prefixes = new Map<string, string>();
  const defs = new Map<string, unknown>();
  let index = 0;
  const indentOf = (line: string): number =>
    line.length - line.trimStart().length;

  const expand = (bare: string): string => {
    const match = /^\$(\d+)/.exec(bare);
    if (!match) return bare;
    const prefix = prefixes.get(match[1]!);
    if (prefix === undefined) throw new Error(`unknown prefix ${match[0]}`);
    return prefix + bare.slice(match[0].length);
  };
  const scalar = (raw: string): unknown => {
    if (raw.startsWith('"')) return JSON.parse(raw);
    if (raw.startsWith('*')) return { [REF]: raw.slice(1) };
    if (raw === '{}') return {};
    if (/^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)$/.test(raw))
      return JSON.parse(raw);
    return expand(raw);
  };
  // Compact JSON in which `*name` stands for a shared object.
  const flow = (raw: string): unknown => {
    let json = '';
    for (let at = 0; at < raw.length; ) {
      const char = raw[at]!;
      if (char === '"') {
        let end = at + 1;
        end = closeQuote(raw, end);
        json += raw.slice(at, end + 1);
        at = end + 1;
      } else if (raw.startsWith('<<:', at)) {
        json += `${JSON.stringify(MERGE)}:`;
        at += 3;
      } else if (char === '*') {
        const name = /^\*([\w-]+)/.exec(raw.slice(at))![1]!;
        json += JSON.stringify({ [REF]: name });
        at += name.length + 1;
      } else {
        json += char;
        at++;
      }
    }
    return JSON.parse(json);
  };
  // Splits at commas outside JSON strings (quoted cells, quoted header
  // keys) and, for a cell opening with `{` or `[`, outside its brackets.
  const cells = (row: string): string[] => {
    const out: string[] = [];
    let at = 0;
    while (at <= row.length) {
      let end = at;
      const nested = row[at] === '{' || row[at] === '[';
      let depth = 0;
      while (end < row.length) {
        const char = row[end]!;
        if (char === '"') end = closeQuote(row, end + 1);
        else if (nested && (char === '{' || char === '[')) depth++;
        else if (nested && (char === '}' || char === ']')) depth--;
        else if (char === ',' && depth === 0) break;
        end++;
      }
      out.push(row.slice(at, end));
      at = end + 1;
    }
    return out;
  };
  const cell = (raw: string): unknown => {
    if (raw === '') return undefined;
    if (raw.startsWith('{') || raw.startsWith('[')) return flow(raw);
    return scalar(raw);
  };
  const headerKeys = (name: string): string[] => {
    const keys: string[] = [];
    let at = 0;
    while (at < name.length) {
      if (name[at] === '"') {
        let end = at + 1;
        end = closeQuote(name, end);
        keys.push(JSON.parse(name.slice(at, end + 1)));
        at = end + 2;
      } else {
        const end = name.indexOf('.', at);
        keys.push(name.slice(at, end < 0 ? name.length : end));
        at = end < 0 ? name.length : end + 1;
      }
    }
    return keys;
  };
  const runs = (raw: string): unknown[] => {
    const out: unknown[] = [];
    const parts = cells(raw);
    for (let at = 0; at < parts.length; at++) {
      const part = parts[at]!;
      const range = /^(-?\d+)\.\.(-?\d+)$/.exec(part);
      if (range) {
        for (let n = Number(range[1]); n <= Number(range[2]); n++) out.push(n);
        continue;
      }
      if (part.startsWith('(')) {
        const group = [part.slice(1)];
        while (!parts[at]!.includes(')×')) {
          if (at >= parts.length) throw new Error(`unclosed group in ${raw}`);
          group.push(parts[++at]!);
        }
        const last = group.pop()!;
        const [inner, times] = last.split(')×');
        const values = [...group, inner!].map((value) => JSON.parse(value));
        for (let n = 0; n < Number(times); n++) out.push(...values);
        continue;
      }
      const repeat = /^(.*)×(\d+)$/.exec(part);
      if (repeat)
        for (let n = 0; n < Number(repeat[2]); n++)
          out.push(JSON.parse(repeat[1]!));
      else out.push(JSON.parse(part));
    }
    return out;
  };
  // `key` or `"key"`, then the rest of the line.
  const splitKey = (rest: string): [string, string] => {
    if (rest.startsWith('"')) {
      let end = 1;
      end = closeQuote(rest, end);
      return [JSON.parse(rest.slice(0, end + 1)), rest.slice(end + 1)];
    }
    if (rest.startsWith('<<:')) return [MERGE, rest.slice(2)];
    const match = /^[^:[]*/.exec(rest)!;
    return [match[0], rest.slice(match[0].length)];
  };
  // An array after its label: `[N]`, `[N]: runs`, `[N]:` list, `[N]{cols}` table.
  const array = (after: string, indent: number): unknown[] => {
    const match = /^\[(\d+)\](.*)$/.exec(after)!;
    const count = Number(match[1]);
    const tail = match[2]!;
    if (count === 0) return [];
    if (tail.startsWith(': ')) return runs(tail.slice(2));
    if (tail === ':') {
      const items: unknown[] = [];
      while (index < lines.length && indentOf(lines[index]!) === indent + 2) {
        const line = lines[index]!;
        lines[index] = `${' '.repeat(indent + 2)}  ${line.slice(indent + 4)}`;
        items.push(value(indent + 4));
      }
      return items;
    }
    const header = cells(tail.slice(1, -1)).map((column) =>
      headerKeys(column.replace(/:(int|float|string|bool|json)\??$/, '')),
    );
    const rows: unknown[] = [];
    while (index < lines.length && indentOf(lines[index]!) === indent + 2) {
      let row = lines[index++]!.slice(indent + 2);
      let times = 1;
      const repeat = / ×(\d+)$/.exec(row);
      if (repeat) {
        times = Number(repeat[1]);
        row = row.slice(0, repeat.index);
      }
      for (let n = 0; n < times; n++) {
        const item: Record<string, unknown> = {};
        cells(row).forEach((raw, column) => {
          const path = header[column]!;
          const parsed = cell(raw);
          if (parsed === undefined) return;
          let target = item;
          for (const key of path.slice(0, -1)) {
            if (!Object.hasOwn(target, key)) put(target, key, {});
            target = target[key] as Record<string, unknown>;
          }
          put(target, path.at(-1)!, parsed);
        });
        rows.push(item);
      }
    }
    expect(rows).toHaveLength(count);
    return rows;
  };
  // The value starting at lines[index], written at `indent`.
  const value = (indent: number): unknown => {
    const rest = lines[index]!.slice(indent);
    if (rest.startsWith('[')) {
      index++;
      return array(rest, indent);
    }
    if (!/^("(?:[^"\\]|\\.)*"|<<|[\w$@.+/-]+)(:( |$)|\[)/.test(rest)) {
      index++;
      return scalar(rest);
    }
    return object(indent);
  };
  const object = (indent: number): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    while (index < lines.length && indentOf(lines[index]!) === indent) {
      const line = lines[index]!.slice(indent);
      if (line.startsWith('- ')) break;
      const [key, after] = splitKey(line);
      index++;
      if (after.startsWith('[')) put(out, key, array(after, indent));
      else if (after === ':') put(out, key, object(indent + 2));
      else put(out, key, scalar(after.slice(2)));
    }
    return out;
  };

  while (lines[index]?.startsWith('$')) {
    const [name, prefix] = /^\$(\d+): (.*)$/.exec(lines[index]!)!.slice(1);
    prefixes.set(name!, scalar(prefix!) as string);
    index++;
  }
  while (lines[index]?.startsWith('&')) {
    const name = lines[index]!.slice(1, -1);
    index++;
    defs.set(name, object(2));
  }
  const root = index < lines.length ? value(0) : undefined;
  expect(index).toBe(lines.length);

  const resolve = (node: unknown): unknown => {
    if (isRef(node)) return resolve(defs.get(node[REF]));
    if (Array.isArray(node)) return node.map(resolve);
    if (typeof node !== 'object' || node === null) return node;
    const out: Record<string, unknown> = {};
    const merge = (node as Record<string, unknown>)[MERGE];
    if (isRef(merge))
      for (const [key, inner] of Object.entries(
        resolve(merge) as Record<string, unknown>,
      ))
        put(out, key, inner);
    for (const [key, inner] of Object.entries(node))
      if (key !== MERGE || !isRef(inner)) put(out, key, resolve(inner));
    return out;
  };
  return resolve(root);
}

const OPTIONS: RenderTreeOptions = {
  minRefChars: 48,
  maxFlattenKeys: 24,
  maxPrefixes: 9,
};

describeCorpus('renderTree on the octokit corpus', () => {
  for (const file of listCorpus('json').filter((name) =>
    name.startsWith('octokit-'),
  ))
    it(`${file}: decodes back to the original data`, () => {
      const data = JSON.parse(readCorpus(`json/${file}`)) as unknown;
      const view = renderTree(data, OPTIONS);
      expect(decodeTree(view.text)).toEqual(data);
    });

  it('is deterministic', () => {
    const data = JSON.parse(readCorpus('json/octokit-paginate-issues.json'));
    expect(renderTree(data, OPTIONS).text).toBe(
      renderTree(structuredClone(data), OPTIONS).text,
    );
  });
});

describe('renderTree', () => {
  it('defines a repeated object once and references it', () => {
    const user = {
      login: 'octocat',
      id: 1,
      url: 'https://api.example.com/users/octocat',
    };
    const data = {
      issues: [
        { number: 1, user, labels: [{ name: 'bug', color: 'red' }] },
        { number: 2, user: { ...user }, labels: [] },
      ],
      owner: { ...user },
    };
    const view = renderTree(data, { ...OPTIONS, maxPrefixes: 0 });
    expect(view.refs).toBe(1);
    expect(
      view.text.split('\n').filter((line) => line.includes('octocat')),
    ).toEqual([
      '  login: octocat',
      '  url: https://api.example.com/users/octocat',
    ]);
    expect(view.text).toContain('owner: *user1');
    expect(decodeTree(view.text)).toEqual(data);
  });

  it('names shared URL prefixes and merges common members into a base', () => {
    const headers = (n: number) => ({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'private, max-age=60, s-maxage=60',
      'x-github-media-type': 'github.v3; format=json',
      'x-request-id': `req-${n}`,
    });
    const data = Array.from({ length: 4 }, (_, n) => ({
      path: `/repos/acme/widgets/issues/${n}`,
      url: `https://api.example.com/repos/acme/widgets/issues/${n}`,
      html: `https://example.com/acme/widgets/issues/${n}/comments`,
      headers: headers(n),
      body: { nested: [{ a: n, b: 'x' }], list: [1, 'two', null, { c: [] }] },
    }));
    const view = renderTree(data, OPTIONS);
    expect(view.text).toMatch(
      /^\$1: https:\/\/api.example.com\/repos\/acme\/widgets\/issues$/m,
    );
    expect(view.text).toContain(',$1/2,');
    // In a table the headers are dotted columns: no base is defined.
    expect(view.text).not.toContain('&headers1');
    expect(decodeTree(view.text)).toEqual(data);
    const byName = {
      first: { headers: headers(1) },
      second: { headers: headers(2) },
    };
    const merged = renderTree(byName, OPTIONS).text;
    expect(merged).toContain('&headers1:');
    expect(merged.match(/<<: \*headers1/g)).toHaveLength(2);
    expect(merged).toContain('x-request-id: req-2');
    expect(decodeTree(merged)).toEqual(byName);
  });

  it('decodes random nested documents exactly', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(values: readonly T[]): T =>
      values[Math.floor(random() * values.length)]!;
    const strings = [
      '',
      'x',
      'a, b',
      '*',
      '&x',
      '$1',
      '- a',
      'k: v',
      '[1]',
      '{}',
      'true',
      '0',
      '1.5',
      ' s',
      'é ☕',
      'line\nnext',
      'https://api.example.com/repos/o/r/issues/1',
      'https://api.example.com/repos/o/r/issues/2/comments',
      '/a/b/c/d/e/f',
      'tail ×2',
      '<<',
      '"q"',
    ];
    const keys = [
      'id',
      'name',
      'url',
      'a.b',
      'x:y',
      '-1',
      '+1',
      '<<',
      '$k',
      '&k',
      '*k',
      '',
      ' ',
      'user',
      'items',
      '#',
      'k[0]',
    ];
    const shared = {
      login: 'octocat',
      id: 1,
      url: 'https://api.example.com/users/octocat',
      type: 'User',
    };
    const gen = (depth: number): unknown => {
      const roll = random();
      if (depth > 4 || roll < 0.35)
        return pick([...strings, 0, -1, 2.5, 1e21, true, false, null]);
      if (roll < 0.45) return shared;
      if (roll < 0.7) {
        const shape = Array.from({ length: 1 + Math.floor(random() * 4) }, () =>
          pick(keys),
        );
        return Array.from({ length: Math.floor(random() * 5) }, () =>
          Object.fromEntries(shape.map((key) => [key, gen(depth + 1)])),
        );
      }
      if (roll < 0.85)
        return Array.from({ length: Math.floor(random() * 5) }, () =>
          gen(depth + 1),
        );
      return Object.fromEntries(
        Array.from({ length: Math.floor(random() * 5) }, () => [
          pick(keys),
          gen(depth + 1),
        ]),
      );
    };
    for (let round = 0; round < 300; round++) {
      const data = JSON.parse(
        JSON.stringify({ root: gen(0), again: gen(0) }),
      ) as unknown;
      const view = renderTree(data, { ...OPTIONS, minRefChars: 16 });
      expect(decodeTree(view.text), view.text).toEqual(data);
    }
  });

  it('quotes values that would read as syntax and still decodes them', () => {
    const tricky = [
      '',
      ' pad',
      'pad ',
      '*star',
      '&amp',
      '$1/not-a-prefix',
      'true',
      '42',
      '-1',
      '[x]',
      '{y}',
      'a: b',
      '- dash',
      '-',
      'line\nbreak',
      'a, b',
      'ends ×3',
      '"q"',
      'café ☕',
      'https://host.example/a/b',
      'https://host.example/a/b/c',
    ];
    const data = {
      'key.with.dots': [
        { 'a.b': 1, c: { 'd.e': 2 } },
        { 'a.b': 3, c: { 'd.e': 4 } },
      ],
      'key: colon': tricky,
      '<<': { not: 'a merge' },
      '-1': tricky.map((value, n) => ({ value, n })),
      mixed: [...tricky, { inner: tricky }, [tricky], []],
      deep: { a: { b: { c: [{ d: tricky[3] }, { d: tricky[4] }] } } },
    };
    const view = renderTree(data, OPTIONS);
    expect(decodeTree(view.text)).toEqual(data);
  });

  it('decodes any JSON value exactly (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        const data = JSON.parse(JSON.stringify(value)) as unknown;
        const text = renderTree(data, { ...OPTIONS, minRefChars: 8 }).text;
        expect(decodeTree(text)).toEqual(data);
      }),
      { numRuns: 500, seed: 42 },
    );
  });
});
