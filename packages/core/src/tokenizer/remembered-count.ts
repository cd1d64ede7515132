import type { Tokenizer } from './tokenizer.ts';

/** Texts shorter than this are counted again: cheaper than remembering them. */
const MIN_REMEMBERED_CHARS = 256;
/** Recent counts kept besides the input's. */
const RECENT = 4;

/**
 * The same tokenizer, answering the counts of one pipeline run's input
 * (counted once) and of the last few large texts it counted from memory.
 * A compressor that needs the input's total (the text compressor's
 * budget) asks again and gets it free instead of a second full pass,
 * whatever other candidates counted in between; an output a compressor
 * measured itself (the JSON views, the search compressor's full-path
 * rendering) is not counted again by the router.
 * It lives for one run only: nothing is remembered across calls. Private
 * to the package.
 */
export function rememberCount(
  tokenizer: Tokenizer,
  text: string,
  count: number,
): Tokenizer {
  const recent: Array<{ text: string; count: number }> = [];
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
      if (other.length < MIN_REMEMBERED_CHARS) return tokenizer.count(other);
      for (const seen of recent)
        if (seen.text.length === other.length && seen.text === other)
          return seen.count;
      const counted = tokenizer.count(other);
      if (recent.length === RECENT) recent.shift();
      recent.push({ text: other, count: counted });
      return counted;
    },
  };
}
