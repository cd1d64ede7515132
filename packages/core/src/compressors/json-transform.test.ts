import { describe, expect, it } from 'vitest';
import {
  applyTransform,
  parseField,
  type SlotTransform,
  transformText,
} from './json-transform.ts';

describe('applyTransform', () => {
  const cases: Array<[string, SlotTransform, string]> = [
    ['Ada Lovelace', {}, 'Ada Lovelace'],
    ['Ada Lovelace', { join: '.', case: 'lower' }, 'ada.lovelace'],
    ['Ada Lovelace', { join: '_', case: 'lower' }, 'ada_lovelace'],
    ['Ada Lovelace', { join: '-', case: 'lower' }, 'ada-lovelace'],
    [
      'Ada Lovelace',
      { words: 'initial', join: '', case: 'lower' },
      'alovelace',
    ],
    ['Ada Lovelace', { words: 'reverse', join: '.' }, 'Lovelace.Ada'],
    ['Ada Lovelace', { words: 'last', case: 'upper' }, 'LOVELACE'],
    ['Ada King Lovelace', { words: 'ends', join: '.' }, 'Ada.Lovelace'],
    ['Ada King Lovelace', { words: 'initials', join: '' }, 'AKL'],
    ['Ada King Lovelace', { words: 'first' }, 'Ada'],
    ['ada.lovelace', { split: '.', case: 'title' }, 'Ada Lovelace'],
    ['ada_lovelace', { split: '_', join: '-' }, 'ada-lovelace'],
    ["o'brien ada", { case: 'title' }, "O'Brien Ada"],
    // Runs of whitespace are one separator once words are taken apart.
    ['  Ada \t Lovelace ', { join: '.' }, 'Ada.Lovelace'],
    // Unicode case mappings are JavaScript's, not reversible.
    ['Jürgen Groß', { join: '.', case: 'upper' }, 'JÜRGEN.GROSS'],
    ['İpek', { case: 'lower' }, 'i\u0307pek'],
    // An initial is a whole code point (an astral one included).
    ['𝒜da Lovelace', { words: 'initials', join: '' }, '𝒜L'],
    ['', { words: 'initial', join: '.' }, ''],
  ];
  for (const [value, transform, expected] of cases)
    it(`${JSON.stringify(value)} ${transformText(transform) || '(as is)'} → ${JSON.stringify(expected)}`, () => {
      expect(applyTransform(value, transform)).toBe(expected);
    });
});

describe('parseField', () => {
  it('reads back what transformText writes', () => {
    const transforms: SlotTransform[] = [
      {},
      { case: 'lower' },
      { split: '-', words: 'reverse', join: '', case: 'title' },
      { words: 'initial', join: '.' },
      { split: '_' },
    ];
    for (const transform of transforms)
      expect(parseField(`user.name${transformText(transform)}`)).toEqual({
        name: 'user.name',
        transform,
      });
  });

  it('refuses unknown, repeated, out-of-order and empty operations', () => {
    for (const field of [
      'name|shout',
      'name|lower|upper',
      'name|lower|join.',
      'name|first|last',
      'name|split',
      'name|split/',
      'name|join ',
      'name|',
      'name||lower',
    ])
      expect(() => parseField(field), field).toThrow(SyntaxError);
  });
});
