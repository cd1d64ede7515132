import { seededRandom } from '@sharedcontext-internal/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { narrowStandIn, readsAlike } from './narrow-stand-in.ts';
import { tiktokenTokenizer } from './tiktoken-tokenizer.ts';
import { countPieces } from './token-pieces.ts';

/** An encoding's pre-tokenizer pattern, as gpt-tokenizer holds it. */
async function patternOf(
  module: Promise<{ default: unknown }>,
): Promise<RegExp> {
  const { default: encoding } = await module;
  const pattern = (
    encoding as { bytePairEncodingCoreProcessor: { tokenSplitRegex: RegExp } }
  ).bytePairEncodingCoreProcessor.tokenSplitRegex;
  return new RegExp(pattern.source, 'gu');
}

const patterns: RegExp[] = [];
beforeAll(async () => {
  patterns.push(
    await patternOf(import('gpt-tokenizer/encoding/o200k_base')),
    await patternOf(import('gpt-tokenizer/encoding/cl100k_base')),
  );
});

// Scripts and classes past U+00FF, each with a Latin-1 twin: Cyrillic and
// Greek of both cases, CJK, Devanagari letters, digits and other numbers,
// dashes, quotes, ellipses, arrows, spaces, a BOM; and some Latin-1 and
// ASCII around them.
const WIDE = [
  'Ё',
  'ж',
  'Δ',
  'έ',
  '東京',
  'क',
  '٣',
  '①',
  '—',
  '’',
  '“',
  '…',
  '→',
  '\u3000',
  '\u2003',
  '\u2028',
  '\ufeff',
];
const NARROW = [
  ' ',
  ' ',
  '\n',
  '\r\n',
  '\t',
  'a',
  'Word',
  "'s",
  '12',
  '.',
  '/',
  'é',
  '\u00a0',
  '²',
];

function sample(draw: () => number, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) {
    const pool = draw() < 0.4 ? WIDE : NARROW;
    text += pool[Math.floor(draw() * pool.length)];
  }
  return text;
}

describe('narrowStandIn', () => {
  it('gives each encoding pattern the same pieces at the same offsets', () => {
    const draw = seededRandom(21);
    expect(patterns).toHaveLength(2);
    for (const pattern of patterns) {
      expect(readsAlike(pattern)).toBe(true);
      for (let i = 0; i < 2000; i++) {
        const text = sample(draw, 1 + Math.floor(draw() * 40));
        const narrow = narrowStandIn(text);
        expect(narrow).toBeDefined();
        expect(narrow!.length).toBe(text.length);
        expect(/[^\x00-\xff]/.test(narrow!)).toBe(false);
        const ends = (subject: string) =>
          [...subject.matchAll(pattern)].map((m) => m.index + m[0].length);
        expect(ends(narrow!), JSON.stringify(text)).toEqual(ends(text));
      }
    }
  });

  it('has none for surrogate pairs, title-case and modifier letters, and marks', () => {
    for (const text of ['go 🚀', 'ǅ', 'ʼ', 'e\u0301'])
      expect(narrowStandIn(text)).toBeUndefined();
    // One-byte text is its own stand-in.
    const plain = 'naïve café';
    expect(narrowStandIn(plain)).toBe(plain);
  });

  it('refuses patterns with other atoms, flags or a dot', () => {
    expect(readsAlike(/\p{P}+|\s/gu)).toBe(false);
    expect(readsAlike(/\p{L}+/giu)).toBe(false);
    expect(readsAlike(/\p{L}./gu)).toBe(false);
    expect(readsAlike(/\w+/g)).toBe(false);
  });
});

describe('the piece counter over wide text', () => {
  const encodings = [
    tiktokenTokenizer('o200k_base'),
    tiktokenTokenizer('cl100k_base'),
  ];
  beforeAll(async () => {
    await Promise.all(encodings.map((tokenizer) => tokenizer.load()));
  });

  it('counts as the tokenizer counts', () => {
    const draw = seededRandom(22);
    for (const tokenizer of encodings)
      for (let i = 0; i < 300; i++) {
        const text = sample(draw, 1 + Math.floor(draw() * 80));
        expect(countPieces(tokenizer, text)?.total, JSON.stringify(text)).toBe(
          tokenizer.count(text),
        );
      }
  });
});
