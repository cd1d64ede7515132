import { runCompressor } from '@sharedcontext-internal/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { tiktokenTokenizer } from '../tokenizer/index.ts';
import type { Tokenizer } from '../tokenizer/tokenizer.ts';
import { textCompressor } from './text-compressor.ts';

const o200k = tiktokenTokenizer('o200k_base');
beforeAll(() => o200k.load());

/** o200k, recording the length of every text it is asked to count. */
function spy(): { tokenizer: Tokenizer; counted: number[] } {
  const counted: number[] = [];
  return {
    counted,
    tokenizer: {
      name: o200k.name,
      exact: true,
      get loaded() {
        return o200k.loaded;
      },
      load: () => o200k.load(),
      count(text) {
        counted.push(text.length);
        return o200k.count(text);
      },
    },
  };
}

const PLAIN = [
  'The team walked to lunch together after the long review.',
  'Everyone agreed that the new layout reads better than the old one.',
  'A few people asked for the notes to be shared before Friday.',
  'Someone suggested moving the meeting to a larger room next time.',
  'The release went out on time and nobody was paged overnight.',
];

/** Dense sentences: hashes and numbers cost far more tokens per character than words. */
function dense(i: number): string {
  const hex = (n: number) => ((n * 2654435761) >>> 0).toString(16);
  return `Build ${hex(i)}${hex(i + 7)} hashed ${hex(i + 3)}/${hex(i + 5)} at 0x${hex(i + 11)} in ${i * 7.31}ms.`;
}

describe('textCompressor on short inputs', () => {
  it('counts the output once instead of every sentence when the estimate lands on the target', () => {
    const content = Array.from(
      { length: 24 },
      (_, i) => `${PLAIN[i % PLAIN.length]} Item ${i} closes the paragraph.`,
    ).join('\n\n');
    const { tokenizer, counted } = spy();
    const result = runCompressor(textCompressor(), content, { tokenizer });
    expect(result.labels).toEqual(['text:extract']);
    // The input, a sample marker and the output: no sentence on its own.
    expect(counted.length).toBeLessThanOrEqual(3);
    expect(o200k.count(result.output)).toBeLessThanOrEqual(
      o200k.count(content) * 0.5 * 1.05,
    );
  });

  it('counts every sentence and chooses again when dense sentences took the estimate over the target', () => {
    const content = Array.from({ length: 30 }, (_, i) =>
      i % 3 === 0 ? dense(i) : PLAIN[i % PLAIN.length]!,
    ).join('\n\n');
    expect(content.length).toBeLessThan(8192);
    const { tokenizer, counted } = spy();
    const result = runCompressor(textCompressor(), content, { tokenizer });
    expect(result.labels).toEqual(['text:extract']);
    expect(o200k.count(result.output)).toBeLessThanOrEqual(
      o200k.count(content) * 0.5 * 1.05,
    );
    // Every one of the 30 paragraphs was counted on its own.
    expect(counted.length).toBeGreaterThan(30);
  });
});
