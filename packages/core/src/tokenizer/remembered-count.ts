import type { Tokenizer } from './tokenizer.ts';

/**
 * The same tokenizer, answering the count of one known text (the
 * pipeline's input, counted once) from memory. A compressor that needs the
 * input's total (the text compressor's budget) asks again and gets it free
 * instead of a second full pass, whatever other candidates counted in
 * between. Private to the package.
 */
export function rememberCount(
  tokenizer: Tokenizer,
  text: string,
  count: number,
): Tokenizer {
  return {
    get name() {
      return tokenizer.name;
    },
    get exact() {
      return tokenizer.exact;
    },
    get loaded() {
      return tokenizer.loaded;
    },
    load: () => tokenizer.load(),
    count(other: string): number {
      // Same length first: a cheap test before comparing contents.
      if (other.length === text.length && other === text) return count;
      return tokenizer.count(other);
    },
  };
}
