import { describe, expect, it } from 'vitest';
import type { TextWord } from './segment-text.ts';
import { selectWords } from './select-words.ts';

const word = (text: string, mustKeep = false): TextWord => ({
  start: 0,
  end: text.length,
  text,
  mustKeep,
  line: 0,
});

describe('selectWords', () => {
  const words = [word('a'), word('b'), word('42', true), word('c'), word('d')];
  const scores = [0.9, 0.2, 0.1, 0.6, 0.6];

  it('keeps words above the threshold and every must-keep word', () => {
    expect([...selectWords(words, scores, { threshold: 0.5 })]).toEqual([
      1, 0, 1, 1, 1,
    ]);
  });

  it('keeps round(rate × words), must-keep first, then best scores, earlier on ties', () => {
    expect([...selectWords(words, scores, { rate: 0.6 })]).toEqual([
      1, 0, 1, 1, 0,
    ]);
    expect([...selectWords(words, scores, { rate: 0.2 })]).toEqual([
      0, 0, 1, 0, 0,
    ]);
  });
});
