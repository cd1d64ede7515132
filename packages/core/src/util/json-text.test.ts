import { seededRandom } from '@sharedcontext-internal/test-utils';
import { describe, expect, it } from 'vitest';
import { isJsonText } from './json-text.ts';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Random JSON, then random edits of it: most edits break it, some do not. */
function sample(draw: () => number): string {
  const pick = <T>(items: readonly T[]): T =>
    items[Math.floor(draw() * items.length)]!;
  const value = (depth: number): string => {
    const kind = draw();
    if (depth < 3 && kind < 0.2)
      return `{${Array.from({ length: Math.floor(draw() * 3) }, () => `${pick(['"k"', '"a\\"b"', '"\\u00e9"'])}${pick([':', ' : '])}${value(depth + 1)}`).join(pick([',', ', ', ',\n  ']))}}`;
    if (depth < 3 && kind < 0.4)
      return `[${Array.from({ length: Math.floor(draw() * 3) }, () => value(depth + 1)).join(pick([',', ' ,']))}]`;
    return pick([
      '0',
      '-1.5e3',
      '12',
      '3.25E-2',
      'true',
      'false',
      'null',
      '"x"',
      '""',
      '"tab\\tnew\\n"',
    ]);
  };
  let text = pick(['', ' ', '\n']) + value(0) + pick(['', '\n', ' \r\n']);
  const edits = Math.floor(draw() * 3);
  const junk = [
    '',
    ',',
    ':',
    '}',
    ']',
    '{',
    '[',
    '"',
    '\\',
    '0',
    '-',
    '.',
    'e',
    '+',
    'x',
    ' ',
    '\t',
    '\u0001',
    "'",
    'tru',
    'nul',
  ];
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(draw() * (text.length + 1));
    const cut = Math.floor(draw() * 2);
    text = text.slice(0, at) + pick(junk) + text.slice(at + cut);
  }
  return text;
}

describe('isJsonText', () => {
  it('answers as JSON.parse does, on random JSON and random edits of it', () => {
    const draw = seededRandom(31);
    let valid = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = sample(draw);
      const expected = parses(text);
      if (expected) valid++;
      expect(isJsonText(text), JSON.stringify(text)).toBe(expected);
    }
    // Both answers are exercised.
    expect(valid).toBeGreaterThan(2_000);
    expect(valid).toBeLessThan(18_000);
  });

  it('reads the edge cases of the grammar', () => {
    for (const text of [
      '0',
      '-0',
      '1e5',
      '"\\/"',
      '[]',
      '{}',
      ' [ 1 ] ',
      '"\\uD800"',
    ])
      expect(isJsonText(text), text).toBe(true);
    for (const text of [
      '',
      '01',
      '1.',
      '.5',
      '+1',
      '1e',
      '[1,]',
      '{"a":1,}',
      "{'a':1}",
      '{a:1}',
      '"\\x"',
      '"a\nb"',
      'nul',
      '[1] 2',
      '[1}',
      'NaN',
    ])
      expect(isJsonText(text), text).toBe(false);
  });
});
