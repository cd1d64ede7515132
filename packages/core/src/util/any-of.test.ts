import { describe, expect, it } from 'vitest';
import { anyOf } from './any-of.ts';

/** What anyOf must answer, line by line: `some` over fresh copies. */
function some(patterns: readonly RegExp[], line: string): boolean {
  return patterns.some((pattern) => new RegExp(pattern).test(line));
}

const LINES = [
  'DEF run(x)',
  'def run(x)',
  'ab ab',
  'ab cd',
  'x1 y',
  '',
  'fn go',
];

describe('anyOf', () => {
  it.each([
    [
      'case-insensitive and case-sensitive together',
      [/^def\s/i, /^fn\s/, /y$/],
    ],
    [
      'a numbered backreference beside a capturing group',
      [/^(DEF) zzz/, /^(\w+) \1$/],
    ],
    ['repeated named groups', [/(?<word>ab) cd/, /(?<word>x)1/]],
    ['one pattern', [/run/]],
    ['no pattern', []],
  ] as const)('answers as `some` would: %s', (_, patterns) => {
    const test = anyOf(patterns);
    for (const line of LINES) expect(test(line)).toBe(some(patterns, line));
  });

  it('tests global patterns as given, in order, like `some`', () => {
    const first = [/ab/g, /run/g];
    const second = [/ab/g, /run/g];
    const test = anyOf(first);
    for (const line of [...LINES, ...LINES])
      expect(test(line)).toBe(second.some((pattern) => pattern.test(line)));
  });
});
