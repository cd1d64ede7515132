import { seededRandom } from '@sharedcontext-internal/test-utils';
import { describe, expect, it } from 'vitest';
import { findLongRuns, isRegExpSpace } from './long-runs.ts';

/** The regular expression findLongRuns replaces, as the tokenizer used it. */
function regexRuns(text: string, maxRun: number, maxSpaceRun: number) {
  const pattern = new RegExp(
    `\\S{${maxRun + 1},}|\\s{${maxSpaceRun + 1},}`,
    'g',
  );
  return [...text.matchAll(pattern)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    space: /\s/.test(match[0][0]!),
  }));
}

// Letters, punctuation, every kind of whitespace and a surrogate pair.
const ALPHABET = [
  'a',
  'Z',
  '{',
  '"',
  ':',
  ' ',
  '\t',
  '\n',
  '\r',
  '\v',
  '\f',
  '\u00a0',
  '\u2003',
  '\u2028',
  '\u3000',
  '\ufeff',
  '\u180e',
  '\u200b',
  '😀',
];

function randomText(random: () => number): string {
  let text = '';
  const runs = Math.floor(random() * 40);
  for (let i = 0; i < runs; i++) {
    const symbol = ALPHABET[Math.floor(random() * ALPHABET.length)]!;
    text += symbol.repeat(1 + Math.floor(random() * 24));
  }
  return text;
}

describe('findLongRuns', () => {
  it('classifies every UTF-16 unit as the regular-expression class \\s does', () => {
    const differing: number[] = [];
    for (let code = 0; code <= 0xffff; code++)
      if (isRegExpSpace(code) !== /\s/.test(String.fromCharCode(code)))
        differing.push(code);
    expect(differing).toEqual([]);
  });

  it('finds the same runs as \\S{n,}|\\s{m,} on seeded random text', () => {
    const random = seededRandom(14);
    for (let i = 0; i < 500; i++) {
      const text = randomText(random);
      const maxRun = Math.floor(random() * 30);
      const maxSpaceRun = Math.floor(random() * 20);
      expect(findLongRuns(text, maxRun, maxSpaceRun)).toEqual(
        regexRuns(text, maxRun, maxSpaceRun),
      );
    }
  });

  it('finds nothing in empty or short text', () => {
    expect(findLongRuns('', 4, 4)).toEqual([]);
    expect(findLongRuns('ab cd', 4, 4)).toEqual([]);
  });
});
