import { describe, expect, it } from 'vitest';
import { readSearchLines, type SearchHit } from './search-lines.ts';

function hits(lines: string[]): SearchHit[] {
  return readSearchLines(lines).filter(
    (kind): kind is SearchHit => typeof kind !== 'string',
  );
}

describe('readSearchLines', () => {
  it('reads path:N:text and path:N:C:text', () => {
    const [a, b] = hits(['src/a.ts:12:const x = 1;', 'src/a.ts:14:3:x++;']);
    expect(a).toMatchObject({ path: 'src/a.ts', lineNumber: 12, match: true });
    expect(a!.text).toBe('const x = 1;');
    expect(b).toMatchObject({ lineNumber: 14, column: 3, text: 'x++;' });
  });

  it('keeps a revision prefix as part of the location', () => {
    const [hit] = hits(['v2.1.0:src/cache.ts:40:  cache.clear();']);
    expect(hit).toMatchObject({ path: 'v2.1.0:src/cache.ts', lineNumber: 40 });
  });

  it('resolves context lines against paths seen on match lines, even with -N- in the name', () => {
    const kinds = hits([
      'lib/v-2-compat.js-9-const a = 1;',
      'lib/v-2-compat.js:10:throw new Error("x:12:y");',
      'lib/v-2-compat.js-11-  return a;',
    ]);
    expect(kinds.map((hit) => [hit.path, hit.lineNumber, hit.match])).toEqual([
      ['lib/v-2-compat.js', 9, false],
      ['lib/v-2-compat.js', 10, true],
      ['lib/v-2-compat.js', 11, false],
    ]);
  });

  it('does not read a context line whose text holds :N: as a match', () => {
    const [hit] = hits(["src/a.ts-3-  get('a:55:x');", 'src/a.ts:4:x']);
    expect(hit).toMatchObject({
      path: 'src/a.ts',
      lineNumber: 3,
      match: false,
    });
  });

  it('reads path(N,C): text and Windows paths', () => {
    const [a, b] = hits([
      'C:\\work\\src\\Cache.cs(12,5): error CS1002: ; expected',
      'C:\\work\\src\\Cache.cs:30:var x = 1;',
    ]);
    expect(a).toMatchObject({
      path: 'C:\\work\\src\\Cache.cs',
      lineNumber: 12,
      column: 5,
      text: 'error CS1002: ; expected',
    });
    expect(b).toMatchObject({
      path: 'C:\\work\\src\\Cache.cs',
      lineNumber: 30,
    });
  });

  it('lends a heading to the bare lines under it', () => {
    const kinds = readSearchLines([
      'src/a.ts',
      '3:import x;',
      '4-// context',
      '',
      'docs/My Notes/b.md',
      '7:5:see x',
    ]);
    expect(kinds[0]).toBe('heading');
    expect(kinds[3]).toBe('separator');
    expect(kinds[4]).toBe('heading');
    const found = kinds.filter((kind) => typeof kind !== 'string');
    expect(found.map((hit) => [hit.path, hit.lineNumber, hit.column])).toEqual([
      ['src/a.ts', 3, undefined],
      ['src/a.ts', 4, undefined],
      ['docs/My Notes/b.md', 7, 5],
    ]);
  });

  it('reads clocks and dates as no location', () => {
    expect(
      hits([
        'web.log:10:23:45 INFO served',
        'web.log:[10:23:45] INFO served',
        'web.log:2026-11-24T10:23:45Z INFO served',
        '10:23:45 INFO served',
      ]).filter((hit) => hit.match),
    ).toEqual([]);
  });
});
