import {
  describeCorpus,
  listCorpus,
  readCorpus,
} from '@sharedcontext-internal/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compress } from '../compress.ts';
import { InvalidArgumentError, JsonDecodeError } from '../errors/index.ts';
import { decodeJson } from './json-decode.ts';
import {
  applyTransform,
  CASES,
  JOINS,
  type SlotTransform,
  SPLITS,
  WORDS,
} from './json-transform.ts';

// Strings every view must quote or escape: literals, numbers, separators,
// quotes, newlines, the outline's own punctuation, padding, repeat counts.
const TRICKY_STRINGS = [
  '',
  ' ',
  '0',
  '1',
  '-1.5e-7',
  '1e21',
  '01',
  '1..5',
  'true',
  'false',
  'null',
  'a,b',
  '"quoted"',
  'line\nbreak',
  '# heading',
  '#',
  '$1',
  '$1/x',
  '*ref',
  '&def',
  '- item',
  '-',
  'key: value',
  'a:b',
  '[x',
  '{}',
  '{x}',
  'a{b}',
  'x ×3',
  ' padded ',
  '`tick`',
  '<<',
  'back\\slash',
  'tab\there',
  'é ü 😀',
  'semi;colon',
  'close]',
  '(key)',
  '^caret',
  'x=y',
  'https://example.com/a/b/c/d',
  'https://example.com/a/b/c/e',
  'item_7',
];
const TRICKY_KEYS = [
  ...TRICKY_STRINGS.filter((value) => !value.includes('\n')),
  '__proto__',
  'a.b',
  '123',
  'id',
  'name',
];
const TRICKY_NUMBERS = [
  0,
  1,
  -1,
  0.1,
  -1.5e-7,
  1e21,
  2 ** 53,
  2 ** 53 + 2,
  12345678901234567000,
  3.14,
];

const trickyString = fc.oneof(
  fc.constantFrom(...TRICKY_STRINGS),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
const key = fc.oneof(
  fc.constantFrom(...TRICKY_KEYS),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
const scalar = fc.oneof(
  trickyString,
  fc.constantFrom(...TRICKY_NUMBERS),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 6 }),
    fc.dictionary(key, tie('value'), { maxKeys: 6 }),
  ),
})).value;

// Same-shaped records (what tables, ranges, constants and prefixes target).
const record = fc.record(
  {
    id: fc.nat({ max: 50 }),
    name: trickyString,
    status: fc.constantFrom('ok', 'failed', 'ok'),
    score: fc.oneof(fc.integer(), fc.constantFrom(...TRICKY_NUMBERS)),
    user: fc.record({ login: trickyString, admin: fc.boolean() }),
    tags: fc.array(trickyString, { maxLength: 3 }),
    error: fc.record({ message: trickyString, retry: fc.boolean() }),
  },
  { requiredKeys: ['id', 'status'] },
);
const sequential = fc
  .array(record, { minLength: 2, maxLength: 30 })
  .map((items) =>
    items.map((item, index) => ({
      ...item,
      id: index + 1,
      url: `https://example.com/items/${index + 1}`,
      label: `item_${index + 1}`,
      // A column that follows from another (a lookup).
      price: { ok: 15, failed: 0 }[item.status as 'ok' | 'failed'],
      // A shared prefix on a value no other column gives.
      at: `2025-05-${String((index * 7) % 28).padStart(2, '0')}T${item.status}:00Z`,
      // Few long phrases (a dictionary), one of them with a comma.
      message: [
        'Database connection timeout',
        'Internal server error, retrying',
        'Invalid authentication token',
      ][index % 3],
    })),
  );
const lines = fc.array(
  fc.record({ sku: trickyString, qty: fc.nat(9), price: scalar }),
  { maxLength: 4 },
);
// Flat records: the root table (an outline needs three levels).
const flat = fc.record(
  {
    id: fc.nat({ max: 50 }),
    name: trickyString,
    status: fc.constantFrom('ok', 'failed', 'ok'),
    score: fc.oneof(fc.integer(), fc.constantFrom(...TRICKY_NUMBERS)),
    note: scalar,
  },
  { requiredKeys: ['id', 'status'] },
);
const shaped = fc.oneof(
  fc.array(record, { minLength: 2, maxLength: 30 }),
  fc.array(flat, { minLength: 2, maxLength: 40 }),
  fc
    .array(flat, { minLength: 2, maxLength: 40 })
    .map((items) => ({ page: 1, items })),
  sequential,
  sequential.map((items) => ({ total: items.length, items })),
  fc.dictionary(key, record, { minKeys: 2, maxKeys: 20 }),
  fc.record({ groups: fc.dictionary(key, sequential, { maxKeys: 4 }) }),
  fc.array(fc.record({ order: fc.nat(), lines, customer: record }), {
    minLength: 2,
    maxLength: 12,
  }),
  fc.record({
    config: fc.record({ flags: fc.dictionary(key, record, { maxKeys: 8 }) }),
  }),
);

// Words of names, with the Unicode case mappings that do not reverse
// (`ß`, `İ`, final sigma, a titlecase digraph, a decomposed accent).
const NAME_WORDS = [
  'Ada',
  'Lovelace',
  'alan',
  'TURING',
  'Groß',
  'İpek',
  'Yılmaz',
  'Zoë',
  'E\u0301mile',
  'Núñez',
  "o'brien",
  '𝒜da',
  'ΟΔΟΣ',
  'ǅemal',
  'x',
  '7',
];
const nameWord = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NAME_WORDS) },
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }),
);
const transform: fc.Arbitrary<SlotTransform> = fc
  .record({
    split: fc.constantFrom(undefined, ...SPLITS),
    words: fc.constantFrom(undefined, ...WORDS),
    join: fc.constantFrom(undefined, ...JOINS),
    case: fc.constantFrom(undefined, ...CASES),
  })
  .map((fields) =>
    Object.fromEntries(
      Object.entries(fields).filter(([, value]) => value !== undefined),
    ),
  );
const FIXED_TEXT = ['', 'mailto:', 'EMP-', '@example.com', '/', '`{x}\\'];
// Records whose last column is spelled from one or two others through
// random transforms, sometimes with one row that breaks the pattern.
const derivedTable = fc
  .record({
    people: fc.array(
      fc.record({
        words: fc.array(nameWord, { minLength: 1, maxLength: 3 }),
        team: nameWord,
        owner: nameWord,
        age: fc.nat(99),
      }),
      { minLength: 2, maxLength: 25 },
    ),
    separator: fc.constantFrom(' ', '.', '_', '-'),
    first: transform,
    second: fc.option(transform),
    text: fc.tuple(
      fc.constantFrom(...FIXED_TEXT),
      fc.constantFrom(...FIXED_TEXT),
      fc.constantFrom(...FIXED_TEXT),
    ),
    broken: fc.option(fc.nat(), { freq: 4 }),
    wrapped: fc.boolean(),
  })
  .map(({ people, separator, first, second, text, broken, wrapped }) => {
    const [before, middle, after] = text;
    const rows = people.map(({ words, team, owner, age }) => {
      const name = words.join(separator);
      const spelled =
        before +
        applyTransform(name, first) +
        (second ? middle + applyTransform(team, second) : '') +
        after;
      // An owner no column holds beside the name: a template with a cell
      // (`{}/{name}`).
      return { name, team, age, spelled, ref: `${owner}/${name}` };
    });
    if (broken !== null) rows[broken % rows.length]!.spelled += '!';
    return wrapped ? { count: rows.length, rows } : rows;
  });

// Column encodings, as they show in a header.
const ENCODINGS: Array<[string, RegExp]> = [
  ['range', /[{,]id=\d+\.\.\d+[,}]/],
  ['template', /=`[^`]*\{[^}]+\}[^`]*`/],
  ['lookup', /=@\w+\{/],
  ['dictionary', /@\["/],
  ['prefix', /\^"/],
  ['nested rows', /\[\]\{/],
  ['keyed', /\{\d+\}\{\(key\)/],
];

// Which views and encodings the round trips went through.
const seen = new Set<string>();

async function roundTrip(value: unknown, pretty: boolean): Promise<void> {
  const text = pretty
    ? JSON.stringify(value, undefined, 2)
    : JSON.stringify(value);
  const { compressed, spans, transforms } = await compress(text, {
    lossless: true,
    minTokens: 0,
  });
  for (const label of transforms.slice(1)) seen.add(label.replace(/\(.*$/, ''));
  for (const [name, pattern] of ENCODINGS)
    if (pattern.test(compressed)) seen.add(name);
  expect(spans).toEqual([]);
  expect(decodeJson(compressed)).toEqual(JSON.parse(text));
}

describe('decodeJson', () => {
  it('reads back the lossless view of arbitrary JSON', async () => {
    await fc.assert(
      fc.asyncProperty(json, (value) => roundTrip(value, false)),
      { numRuns: 300 },
    );
  });

  it('reads back the lossless view of pretty-printed JSON', async () => {
    await fc.assert(
      fc.asyncProperty(json, (value) => roundTrip(value, true)),
      { numRuns: 150 },
    );
  });

  it('reads back tables, keyed tables and nested groups', async () => {
    await fc.assert(
      fc.asyncProperty(shaped, (value) => roundTrip(value, false)),
      { numRuns: 300 },
    );
    // The generated shapes reach the table and the outline, not only JSON.
    for (const view of [
      'json:table',
      'json:tree',
      ...ENCODINGS.map(([name]) => name),
    ])
      expect(seen).toContain(view);
  });

  it('reads back columns spelled from others through transforms', async () => {
    let transformed = 0;
    let twoFields = 0;
    let exceptions = 0;
    let cells = 0;
    await fc.assert(
      fc.asyncProperty(derivedTable, async (value) => {
        await roundTrip(value, false);
        const { compressed } = await compress(JSON.stringify(value), {
          lossless: true,
          minTokens: 0,
        });
        if (/spelled=`[^`]*\{[^}]+\|[^}]+\}/.test(compressed)) transformed++;
        if (/spelled=`[^`]*\{[^}]+\}[^`]*\{[^}]+\}/.test(compressed))
          twoFields++;
        if (/spelled=`(?:[^`\\]|\\.)*`\?/.test(compressed)) exceptions++;
        if (/ref=`[^`]*\{\}/.test(compressed)) cells++;
      }),
      { numRuns: 200 },
    );
    // The generated tables reach the transforms, two-field templates,
    // exceptions (each in about a third of the runs or more) and cells.
    expect(transformed).toBeGreaterThanOrEqual(10);
    expect(twoFields).toBeGreaterThanOrEqual(5);
    expect(exceptions).toBeGreaterThanOrEqual(10);
    expect(cells).toBeGreaterThanOrEqual(10);
  });

  it('reads a name column back into its emails', () => {
    const view = [
      '[3]{name,email=`{name|join.|lower}@example.com`,code=`EMP-{name|last|upper}`}',
      'Ada Lovelace',
      'Alan Turing',
      'Jürgen Groß',
    ].join('\n');
    expect(decodeJson(view)).toEqual([
      {
        name: 'Ada Lovelace',
        email: 'ada.lovelace@example.com',
        code: 'EMP-LOVELACE',
      },
      {
        name: 'Alan Turing',
        email: 'alan.turing@example.com',
        code: 'EMP-TURING',
      },
      {
        name: 'Jürgen Groß',
        email: 'jürgen.groß@example.com',
        code: 'EMP-GROSS',
      },
    ]);
    expect(
      decodeJson(
        '[2]{first,last,mail=`{first|initial|lower}{last|lower}`}\nAda,Lovelace\nAlan,Turing',
      ),
    ).toEqual([
      { first: 'Ada', last: 'Lovelace', mail: 'alovelace' },
      { first: 'Alan', last: 'Turing', mail: 'aturing' },
    ]);
  });

  it('reads a template column whose cells hold its exceptions', () => {
    expect(
      decodeJson(
        '[3]{name,email=`{name|join.|lower}@example.com`?}\nAda Lovelace,\nAlan Turing,null\nGrace Hopper,""',
      ),
    ).toEqual([
      { name: 'Ada Lovelace', email: 'ada.lovelace@example.com' },
      { name: 'Alan Turing', email: null },
      { name: 'Grace Hopper', email: '' },
    ]);
  });

  it('reads a template whose cell holds the text no column gives', () => {
    expect(
      decodeJson(
        '[3]{name,repo=`https://github.com/{}/{name}`}\nawesome,sindresorhus\nx,"1"\ny,""',
      ),
    ).toEqual([
      { name: 'awesome', repo: 'https://github.com/sindresorhus/awesome' },
      { name: 'x', repo: 'https://github.com/1/x' },
      { name: 'y', repo: 'https://github.com//y' },
    ]);
  });

  it('reads plain JSON as JSON', () => {
    expect(decodeJson('{"a":[1,2]}')).toEqual({ a: [1, 2] });
    expect(decodeJson('"x"')).toBe('x');
  });

  it('refuses text that is no view with JsonDecodeError and the line', () => {
    for (const text of [
      'hello world',
      '[3]{a:int}\n1\n2',
      '{"items":[…]}\nitems[2]{a:int}\n1\n2\n3',
      'a:\n  b[2]: 1',
      '[2]{a}\n  *missing\n  1',
      // Malformed template transforms.
      '[2]{a,b=`{a|shout}`}\nx\ny',
      '[2]{a,b=`{a|lower|join.}`}\nx\ny',
      '[2]{a,b=`{a|lower|upper}`}\nx\ny',
      '[2]{a,b=`{a|split}`}\nx\ny',
      '[2]{a,b=`{a|}`}\nx\ny',
      '[2]{a,b=`{c|lower}`}\nx\ny',
      '[2]{a,b=`{a|lower}`?x}\nx,\ny,',
      '[2]{a,b=`{a|lower}`?}\nx\ny',
      '[2]{a,b=`{}/{}`}\nx,p\ny,q',
      '[2]{a,b=`{}/{a}`?}\nx,p\ny,q',
      '[2]{a,b=`{}/{a}`}\nx,\ny,q',
    ]) {
      let caught: unknown;
      try {
        decodeJson(text);
      } catch (error) {
        caught = error;
      }
      expect(JsonDecodeError.isInstance(caught), text).toBe(true);
      expect((caught as JsonDecodeError).code).toBe('JSON_DECODE_FAILED');
      expect((caught as JsonDecodeError).line).toBeGreaterThan(0);
    }
  });

  it('refuses a non-string with InvalidArgumentError', () => {
    expect(() => decodeJson(42 as unknown as string)).toThrow(
      InvalidArgumentError,
    );
  });
});

describeCorpus('decodeJson on the shared JSON and the TOON datasets', () => {
  const files = [
    ...listCorpus('json').map((file) => `json/${file}`),
    ...listCorpus('toon').map((file) => `toon/${file}`),
  ].filter((file) => file.endsWith('.json') && !file.endsWith('tokens.json'));
  for (const file of files)
    it(`${file}: the lossless view reads back exactly`, async () => {
      const text = readCorpus(file);
      const { compressed, spans } = await compress(text, { lossless: true });
      expect(spans).toEqual([]);
      expect(decodeJson(compressed)).toEqual(JSON.parse(text));
    });
});
