import type { Tokenizer } from './tokenizer.ts';

/**
 * The same tokenizer, remembering the count of the last text it was given
 * when that text is at least `minChars` long. The pipeline counts the input
 * once; a compressor that needs the input's total (the text compressor's
 * budget) asks again and gets it free instead of a second full pass.
 * Private to the package.
 */
export function rememberLastCount(
  tokenizer: Tokenizer,
  minChars = 1024,
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
    count(text: string): number {
      if (text.length < minChars) return tokenizer.count(text);
      // Same length first: a cheap test before comparing contents.
      if (
        lastText !== undefined &&
        text.length === lastText.length &&
        text === lastText
      )
        return lastCount;
      lastCount = tokenizer.count(text);
      lastText = text;
      return lastCount;
    },
  };
}
