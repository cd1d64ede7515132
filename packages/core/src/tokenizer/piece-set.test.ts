import { seededRandom } from '@sharedcontext-internal/test-utils';
import { describe, expect, it } from 'vitest';
import { buildPieceSet } from './piece-set.ts';

describe('buildPieceSet', () => {
  it('answers for a range of a text as a Set answers for the range cut out', () => {
    const draw = seededRandom(5);
    const alphabet = 'ab c\n.é東🚀';
    const word = (length: number): string => {
      let text = '';
      for (let i = 0; i < length; i++)
        text += alphabet[Math.floor(draw() * alphabet.length)];
      return text;
    };
    const keys = new Set<string>();
    for (let i = 0; i < 3000; i++) keys.add(word(1 + Math.floor(draw() * 6)));
    const set = buildPieceSet(keys);
    const text = word(5000);
    for (let i = 0; i < 20_000; i++) {
      const start = Math.floor(draw() * text.length);
      const end = Math.min(text.length, start + Math.floor(draw() * 7));
      expect(set.has(text, start, end)).toBe(keys.has(text.slice(start, end)));
    }
    for (const key of keys)
      expect(set.has(`x${key}y`, 1, key.length + 1)).toBe(true);
  });

  it('holds nothing when built from nothing', () => {
    const set = buildPieceSet([]);
    expect(set.has('abc', 0, 2)).toBe(false);
    expect(set.has('abc', 1, 1)).toBe(false);
  });
});
