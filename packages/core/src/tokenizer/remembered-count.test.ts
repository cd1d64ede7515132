import { describe, expect, it } from 'vitest';
import { rememberCount } from './remembered-count.ts';
import type { Tokenizer } from './tokenizer.ts';

/** Counts characters and records every text it was asked about. */
function countingTokenizer(asked: string[]): Tokenizer {
  return {
    name: 'chars',
    exact: false,
    loaded: true,
    load: async () => {},
    count(text: string) {
      asked.push(text);
      return text.length;
    },
  };
}

describe('rememberCount', () => {
  it('answers the input and the last other text from memory, the input whatever was counted since', () => {
    const asked: string[] = [];
    const tokenizer = rememberCount(countingTokenizer(asked), 'input', 99);
    expect(tokenizer.count('input')).toBe(99);
    expect(tokenizer.count('output')).toBe(6);
    expect(tokenizer.count('output')).toBe(6);
    expect(tokenizer.count('other')).toBe(5);
    expect(tokenizer.count('input')).toBe(99);
    expect(tokenizer.count('output')).toBe(6);
    // Counted once each, except 'output' after 'other' took its slot.
    expect(asked).toEqual(['output', 'other', 'output']);
  });
});
