import type { Tokenizer } from './tokenizer.ts';

/** Options for {@link estimateTokenizer}. */
export interface EstimateTokenizerOptions {
  /** Label stored with counts, e.g. `estimate:claude`. */
  name: string;
  /**
   * Scales the o200k-shaped estimate to a model family's tokenizer.
   * @default 1
   */
  scale?: number;
}

/**
 * A fast, dependency-free estimate for models whose tokenizer is not public
 * (Claude) or not shipped (Gemini, Llama, ...). Unlike a flat chars/4 rule it
 * prices text the way BPE tokenizers do: a letter run costs one token per ~4
 * letters, a digit run one per 3 digits, each punctuation or symbol one token,
 * whitespace runs are mostly folded into the next word, and CJK characters
 * cost one each. On the shared corpus it lands within about 10 % of o200k for
 * prose, code, logs and JSON alike, where chars/4 is off by 30-60 % on JSON.
 */
export function estimateTokenizer({ name, scale = 1 }: EstimateTokenizerOptions): Tokenizer {
  return {
    name,
    exact: false,
    loaded: true,
    async load() {},
    count(text) {
      return text.length === 0 ? 0 : Math.max(1, Math.round(estimateTokens(text) * scale));
    },
  };
}

function estimateTokens(text: string): number {
  let tokens = 0;
  let letters = 0;
  let digits = 0;
  let spaces = 0;
  const flush = (): void => {
    if (letters > 0) tokens += Math.ceil(letters / 4.2);
    if (digits > 0) tokens += Math.ceil(digits / 3);
    letters = 0;
    digits = 0;
  };
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90)) {
      if (digits > 0) flush();
      letters++;
    } else if (code >= 48 && code <= 57) {
      if (letters > 0) flush();
      digits++;
    } else if (code === 32 || code === 9) {
      flush();
      spaces++;
      // A single space is absorbed by the next word; long indents are not.
      if (spaces > 1 && spaces % 4 === 1) tokens++;
    } else if (code === 10 || code === 13) {
      flush();
      tokens++;
      spaces = 0;
    } else {
      flush();
      spaces = 0;
      if (code >= 0xd800 && code <= 0xdbff) i++; // astral pair: one symbol
      tokens += code >= 0x2e80 ? 1 : code >= 0x80 ? 0.6 : 1;
    }
    if (code !== 32 && code !== 9) spaces = 0;
  }
  flush();
  return tokens;
}
