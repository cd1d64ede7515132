import { describe, expect, it } from 'vitest';
import { estimateTokenizer } from './estimate-tokenizer.ts';
import { rememberCount } from './remembered-count.ts';
import { tiktokenTokenizer } from './tiktoken-tokenizer.ts';
import { countPieces } from './token-pieces.ts';
import type { Tokenizer } from './tokenizer.ts';

/** An estimate tokenizer that records what it was asked to count. */
function recording(): { tokenizer: Tokenizer; asked: string[] } {
  const inner = estimateTokenizer({ name: 'estimate' });
  const asked: string[] = [];
  return {
    asked,
    tokenizer: {
      name: inner.name,
      exact: inner.exact,
      loaded: true,
      load: () => inner.load(),
      count(text) {
        asked.push(text);
        return inner.count(text);
      },
    },
  };
}

describe('rememberCount', () => {
  const input = 'the input '.repeat(100);
  const output = 'an output '.repeat(60);

  it('answers the input and recent large texts without counting again', () => {
    const { tokenizer, asked } = recording();
    const remembered = rememberCount(tokenizer, input, 123);
    expect(remembered.count(input)).toBe(123);
    const first = remembered.count(output);
    // An equal text built anew is the same text.
    expect(remembered.count(output.slice(0, 300) + output.slice(300))).toBe(
      first,
    );
    expect(first).toBe(tokenizer.count(output));
    expect(asked).toEqual([output, output]);
  });

  it('counts short texts every time and forgets the oldest large ones', () => {
    const { tokenizer, asked } = recording();
    const remembered = rememberCount(tokenizer, input, 123);
    remembered.count('short');
    remembered.count('short');
    const large = Array.from({ length: 6 }, (_, i) => `${i} ${output}`);
    for (const text of large) remembered.count(text);
    remembered.count(large[5]!);
    remembered.count(large[0]!);
    expect(asked).toEqual(['short', 'short', ...large, large[0]]);
  });

  it('counts with the piece counter where the tokenizer has one: the same counts', async () => {
    const tokenizer = tiktokenTokenizer('o200k_base');
    await tokenizer.load();
    const remembered = rememberCount(tokenizer, input, tokenizer.count(input));
    for (const text of [
      output,
      'short',
      '',
      `[… 2 sentences omitted · sc:k#3 …]\n\n`,
      '東京 🚀 naïve',
    ])
      expect(remembered.count(text)).toBe(tokenizer.count(text));
    // The piece counter's own answer for a large text is kept with it.
    expect(countPieces(remembered, output)?.total).toBe(
      tokenizer.count(output),
    );
  });
});
