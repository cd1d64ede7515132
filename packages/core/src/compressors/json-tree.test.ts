import {
  describeCorpus,
  listCorpus,
  readCorpus,
} from '@sharedcontext-internal/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeJson } from './json-decode.ts';
import { type RenderTreeOptions, renderTree } from './json-tree.ts';

// The outline is read back by the public decoder.
const decodeTree = decodeJson;

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
    expect(view.text).toContain(',$2/2/comments,');
    // `url` is `path` inside fixed text: a template, not a column.
    expect(view.text).toContain('url=`https://api.example.com{path}`');
    // In a table the headers are dotted columns: no base is defined.
    expect(view.text).not.toContain('&headers1');
    expect(decodeTree(view.text)).toEqual(data);
    const byName = {
      first: { headers: headers(1) },
      second: { headers: headers(2) },
    };
    const merged = renderTree(byName, OPTIONS).text;
    expect(merged).toContain('&headers1:');
    // Each object is small: one flow line merging the base.
    expect(merged.match(/<<: ?\*headers1/g)).toHaveLength(2);
    expect(merged).toContain('"x-request-id":"req-2"');
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
