import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { rememberCount } from './remembered-count.ts';
import { tiktokenTokenizer } from './tiktoken-tokenizer.ts';
import {
  COUNT_PIECES,
  countJoined,
  countPieces,
  isSafeCut,
  rememberTokens,
  spanTokens,
  type TextPart,
} from './token-pieces.ts';
import type { Tokenizer } from './tokenizer.ts';

const encodings = [
  tiktokenTokenizer('o200k_base'),
  tiktokenTokenizer('cl100k_base'),
];

beforeAll(async () => {
  await Promise.all(encodings.map((tokenizer) => tokenizer.load()));
});

// Characters that sit at the edges of the pre-tokenizer's pieces: spaces,
// tabs, line breaks (LF, CR), `/` (o200k's punctuation piece takes it after
// a line break), digits, apostrophes, punctuation, letters of both cases,
// CJK, an emoji, a no-break space.
const ALPHABET = [
  ' ',
  ' ',
  ' ',
  '\t',
  '\n',
  '\n',
  '\r',
  '/',
  '1',
  '23',
  "'",
  "'s",
  '.',
  ',',
  '-',
  '#',
  '(',
  ')',
  '{',
  'a',
  'The',
  'word',
  'Q',
  'é',
  '東京',
  '🚀',
  '\u00a0',
  '`',
];

const texts = fc
  .array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 60 })
  .map((parts) => parts.join(''));

function safeCuts(text: string): number[] {
  const cuts: number[] = [];
  for (let offset = 1; offset < text.length; offset++)
    if (isSafeCut(text, offset)) cuts.push(offset);
  return cuts;
}

describe('cuts where a count adds up', () => {
  it('splits the count exactly at every cut it calls safe, in both encodings', () => {
    for (const tokenizer of encodings)
      fc.assert(
        fc.property(texts, (text) => {
          for (const cut of safeCuts(text))
            expect(
              tokenizer.count(text.slice(0, cut)) +
                tokenizer.count(text.slice(cut)),
            ).toBe(tokenizer.count(text));
        }),
        { numRuns: 400, seed: 14 },
      );
  });

  it('does not call a cut safe where the count does not add up', () => {
    const o200k = encodings[0]!;
    // `a  1` is `a`, ` `, ` `, `1`; `a  ` alone is `a`, `  `.
    expect(isSafeCut('a  1', 3)).toBe(false);
    expect(o200k.count('a  ') + o200k.count('1')).not.toBe(o200k.count('a  1'));
    // o200k's punctuation piece runs on over a line break into a slash.
    expect(isSafeCut('x;\n/y', 3)).toBe(false);
    expect(isSafeCut('x;\ny', 3)).toBe(true);
    // A blank line after the break: the line-break piece runs on.
    expect(isSafeCut('x\n  \ny', 2)).toBe(false);
    expect(isSafeCut('x\n  y', 2)).toBe(true);
  });

  it('counts with the piece offsets as the tokenizer counts, and spans between cuts exactly', () => {
    for (const tokenizer of encodings)
      fc.assert(
        fc.property(texts, fc.nat(), fc.nat(), (text, a, b) => {
          const pieces = countPieces(tokenizer, text);
          expect(pieces?.total).toBe(tokenizer.count(text));
          const cuts = [0, ...safeCuts(text), text.length];
          const from = cuts[a % cuts.length]!;
          const to = cuts[b % cuts.length]!;
          if (from > to) return;
          expect(spanTokens(pieces!, from, to)).toBe(
            tokenizer.count(text.slice(from, to)),
          );
        }),
        { numRuns: 400, seed: 15 },
      );
  });
});

describe('countJoined', () => {
  it('counts any text built from spans and new text exactly', () => {
    for (const tokenizer of encodings)
      fc.assert(
        fc.property(
          texts,
          fc.array(
            fc.oneof(
              fc.tuple(fc.nat(), fc.nat()),
              texts.map((text) => ({ text })),
            ),
            { maxLength: 8 },
          ),
          (source, picks) => {
            const pieces = countPieces(tokenizer, source)!;
            const parts: TextPart[] = picks.map((pick) => {
              if (!Array.isArray(pick)) return pick.text;
              const [a, b] = pick;
              const from = a % (source.length + 1);
              const to = from + (b % (source.length + 1 - from));
              return { from, to };
            });
            const joined = parts
              .map((part) =>
                typeof part === 'string'
                  ? part
                  : source.slice(part.from, part.to),
              )
              .join('');
            expect(
              countJoined(parts, pieces, (text) => tokenizer.count(text)),
            ).toBe(tokenizer.count(joined));
          },
        ),
        { numRuns: 400, seed: 16 },
      );
  });

  it('ends on a text that opens with a line break (a backward scan reaching its start)', () => {
    const tokenizer = encodings[0]!;
    const source = "\n/23//(\n/aQ\t23東京-`🚀The\n/Q  ' . \t ";
    const pieces = countPieces(tokenizer, source)!;
    const parts: TextPart[] = [
      { from: 0, to: Math.floor(source.length / 2) },
      'x',
      { from: 1, to: source.length },
    ];
    const joined = `${source.slice(0, Math.floor(source.length / 2))}x${source.slice(1)}`;
    expect(countJoined(parts, pieces, (text) => tokenizer.count(text))).toBe(
      tokenizer.count(joined),
    );
  });

  it('counts only the new text and the runs next to it, not the copied spans', () => {
    const tokenizer = encodings[0]!;
    const source = Array.from(
      { length: 40 },
      (_, i) => `Paragraph ${i} says something about caching, once.\n`,
    ).join('');
    const pieces = countPieces(tokenizer, source)!;
    const asked: string[] = [];
    const kept = source.indexOf('Paragraph 20');
    const parts: TextPart[] = [
      { from: 0, to: kept },
      '[… 3 paragraphs omitted …]\n',
      { from: source.indexOf('Paragraph 23'), to: source.length },
    ];
    const total = countJoined(parts, pieces, (text) => {
      asked.push(text);
      return tokenizer.count(text);
    });
    expect(total).toBe(
      tokenizer.count(
        `${source.slice(0, kept)}[… 3 paragraphs omitted …]\n${source.slice(source.indexOf('Paragraph 23'))}`,
      ),
    );
    expect(asked.join('').length).toBeLessThan(60);
  });
});

describe('rememberCount with pieces', () => {
  it("keeps the input's pieces and takes a count measured elsewhere", () => {
    const tokenizer = encodings[0]!;
    const input = 'An input sentence. '.repeat(40);
    const output = 'An output line.\n'.repeat(30);
    const pieces = countPieces(tokenizer, input)!;
    const asked: string[] = [];
    const spy = {
      name: tokenizer.name,
      exact: true,
      loaded: true,
      load: () => tokenizer.load(),
      count(text: string) {
        asked.push(text);
        return tokenizer.count(text);
      },
      [COUNT_PIECES]: (text: string) => {
        asked.push(text);
        return countPieces(tokenizer, text);
      },
    } as Tokenizer;
    const remembered = rememberCount(spy, input, pieces.total, pieces);
    expect(countPieces(remembered, input)).toBe(pieces);
    rememberTokens(remembered, output, 90);
    expect(remembered.count(output)).toBe(90);
    expect(asked).toEqual([]);
  });
});
