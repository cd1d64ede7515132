import type { Tokenizer } from './tokenizer.ts';

/**
 * The same tokenizer, answering the count of one known text (the
 * pipeline's input, counted once) from memory. A compressor that needs the
 * input's total (the text compressor's budget) asks again and gets it free
 * instead of a second full pass, whatever other candidates counted in
 * between. The last other text counted is remembered too, in a slot of its
 * own: a compressor that counted its output to choose it (the search
 * compressor) spares the router counting it again. Private to the package.
 */
export function rememberCount(
  tokenizer: Tokenizer,
  text: string,
  count: number,
): Tokenizer {
  let lastText: string | undefined;
  let lastCount = 0;
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
      if (other.length === lastText?.length && other === lastText)
        return lastCount;
      lastCount = tokenizer.count(other);
      lastText = other;
      return lastCount;
    },
  };
}
