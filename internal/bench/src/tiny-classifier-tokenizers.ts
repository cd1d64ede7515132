/**
 * Vocabularies and Hugging Face `tokenizer.json` documents for the tiny
 * test classifier (see make-tiny-classifier.ts): each token has a designed
 * keep strength that the graph turns into its keep probability.
 */

/**
 * Stop words: the designed weights give them keep probability ≈ 0.03, so a
 * threshold of 0.5 drops exactly these (case-insensitively for bert, in
 * lower and Capitalised form for modernbert).
 */
export const TINY_DROP_WORDS: readonly string[] =
  'the a an of to in and or is are was were be been that this it its for on with as by at from but so very just really quite also then there which will would can could you your we our they their has have had do does if into about some any all more most such when what how than these those i my me he she his her them who'.split(
    ' ',
  );

/** Words with the highest keep score (≈ 0.97); unknown words score ≈ 0.95. */
export const TINY_STRONG_WORDS: readonly string[] =
  'query cache server data error token model agent context compress fetch mutation invalidate stale'.split(
    ' ',
  );

/** Words scoring ≈ 0.92: kept at threshold 0.5, ranked below unknown words. */
export const TINY_WEAK_WORDS: readonly string[] =
  'usually simply perhaps basically generally often'.split(' ');

const STRENGTH = {
  drop: -2,
  weak: 0.6,
  unknown: 1,
  strong: 3,
  punctuation: 0.2,
  special: 0,
} as const;
const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
const PUNCTUATION = [...'.,;:!?()[]{}\'"-/_`*#<>=+&%$@|\\~^'];

/** Tokens in id order and each token's designed keep strength. */
export interface Vocab {
  tokens: string[];
  strengths: number[];
}

function addToken(
  vocab: Vocab,
  index: Map<string, number>,
  token: string,
  strength: number,
): void {
  const existing = index.get(token);
  if (existing !== undefined) {
    vocab.strengths[existing] = strength;
    return;
  }
  index.set(token, vocab.tokens.length);
  vocab.tokens.push(token);
  vocab.strengths.push(strength);
}

function wordClasses(): Array<[string, number]> {
  return [
    ...TINY_DROP_WORDS.map((word): [string, number] => [word, STRENGTH.drop]),
    ...TINY_WEAK_WORDS.map((word): [string, number] => [word, STRENGTH.weak]),
    ...TINY_STRONG_WORDS.map((word): [string, number] => [
      word,
      STRENGTH.strong,
    ]),
  ];
}

function specialAddedTokens(index: Map<string, number>): unknown[] {
  return SPECIALS.map((content) => ({
    id: index.get(content),
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  }));
}

function templateProcessing(index: Map<string, number>): unknown {
  const special = (id: string) => ({ SpecialToken: { id, type_id: 0 } });
  return {
    type: 'TemplateProcessing',
    single: [
      special('[CLS]'),
      { Sequence: { id: 'A', type_id: 0 } },
      special('[SEP]'),
    ],
    pair: [
      special('[CLS]'),
      { Sequence: { id: 'A', type_id: 0 } },
      special('[SEP]'),
      { Sequence: { id: 'B', type_id: 1 } },
      special('[SEP]'),
    ],
    special_tokens: Object.fromEntries(
      ['[CLS]', '[SEP]'].map((token) => [
        token,
        { id: token, ids: [index.get(token)], tokens: [token] },
      ]),
    ),
  };
}

/** A lower-casing WordPiece tokenizer (BERT style). */
export function wordPieceTokenizer(): { vocab: Vocab; tokenizer: unknown } {
  const vocab: Vocab = { tokens: [], strengths: [] };
  const index = new Map<string, number>();
  for (const token of SPECIALS)
    addToken(
      vocab,
      index,
      token,
      token === '[UNK]' ? STRENGTH.unknown : STRENGTH.special,
    );
  for (const mark of PUNCTUATION)
    addToken(vocab, index, mark, STRENGTH.punctuation);
  for (const [word, strength] of wordClasses())
    addToken(vocab, index, word, strength);
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: specialAddedTokens(index),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: templateProcessing(index),
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.tokens.map((token, id) => [token, id])),
    },
  };
  return { vocab, tokenizer };
}

/** GPT-2's byte → printable character table, which byte-level BPE vocabularies use. */
function bytesToUnicode(): string[] {
  const printable: number[] = [];
  for (let byte = 33; byte <= 126; byte++) printable.push(byte);
  for (let byte = 161; byte <= 172; byte++) printable.push(byte);
  for (let byte = 174; byte <= 255; byte++) printable.push(byte);
  const table: string[] = new Array(256);
  let extra = 0;
  for (let byte = 0; byte < 256; byte++) {
    table[byte] = String.fromCodePoint(
      printable.includes(byte) ? byte : 256 + extra++,
    );
  }
  return table;
}

/** A byte-level BPE tokenizer with merges (ModernBERT style). */
export function byteLevelBpeTokenizer(): { vocab: Vocab; tokenizer: unknown } {
  const vocab: Vocab = { tokens: [], strengths: [] };
  const index = new Map<string, number>();
  for (const token of SPECIALS) addToken(vocab, index, token, STRENGTH.special);
  const byteChars = bytesToUnicode();
  for (const char of byteChars) {
    addToken(
      vocab,
      index,
      char,
      PUNCTUATION.includes(char) ? STRENGTH.punctuation : STRENGTH.unknown,
    );
  }
  // Merges only ever extend a token that starts with Ġ (a leading space) by
  // one character, so words are built left to right and never collide.
  const space = byteChars[32]!;
  const merges: string[] = [];
  const seen = new Set<string>();
  for (const [word, strength] of wordClasses()) {
    for (const form of new Set([
      word,
      word[0]!.toUpperCase() + word.slice(1),
    ])) {
      let left = space;
      for (const char of form) {
        const merged = left + char;
        const merge = `${left} ${char}`;
        if (!seen.has(merge)) {
          seen.add(merge);
          merges.push(merge);
          addToken(vocab, index, merged, STRENGTH.unknown);
        }
        left = merged;
      }
      addToken(vocab, index, left, strength);
    }
  }
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: specialAddedTokens(index),
    normalizer: null,
    pre_tokenizer: {
      type: 'ByteLevel',
      add_prefix_space: false,
      trim_offsets: true,
      use_regex: true,
    },
    post_processor: templateProcessing(index),
    decoder: {
      type: 'ByteLevel',
      add_prefix_space: true,
      trim_offsets: true,
      use_regex: true,
    },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab: Object.fromEntries(vocab.tokens.map((token, id) => [token, id])),
      merges,
    },
  };
  return { vocab, tokenizer };
}
