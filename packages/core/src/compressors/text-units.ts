/**
 * Segmentation for the text compressor: splits prose and Markdown into
 * units (headings, fenced blocks, rules, sentences) with their offsets.
 * Private to the package.
 */
import { mixA, mixB, packHashes } from '../util/hash.ts';
import { lineLevel } from '../util/log-severity.ts';
import { isDeclarationLine } from './declaration-lines.ts';
import { indexLines } from './line-index.ts';

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
const HEADING = /^\s{0,3}#{1,6}\s/;
const SETEXT = /^\s{0,3}(?:=+|-+)\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const RULE = /^\s{0,3}(?:[-*_]\s*){3,}$/;
/** Indentation, quote marks and a list marker at the start of a line. */
export const PREFIX: RegExp =
  /^(\s*(?:>\s*)*(?:[-*+]\s+(?:\[[ xX]\]\s+)?|\d{1,9}[.)]\s+)?)/;
/** Sentence ends: `.`, `!`, `?` (or CJK `。！？`) then whitespace or a CJK end. */
const SENTENCE_END = /[.!?](?=\s+\S)|[。！？](?=\s*\S)/g;

export type UnitKind =
  | 'heading'
  | 'fence'
  | 'rule'
  | 'declaration'
  | 'sentence';

/** A sentence, heading, rule or fenced block, and what selection decided. */
export interface Unit {
  kind: UnitKind;
  /** `[start, end)` in the original. */
  start: number;
  end: number;
  /** First and last line the unit touches. */
  line: number;
  lastLine: number;
  tokens: number;
  score: number;
  keep: boolean;
  mandatory: boolean;
  /** Text the unit starts its line with (indent, list marker, `> `), for a unit that opens a line. */
  prefix: string;
  /** A sentence of a line that opens with an error or warning level. */
  signal?: boolean;
}

const NON_ASCII = /[^\x00-\x7f]/;
const NOT_WORD_ASCII = /[^a-z0-9]+/g;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** Lower-case letters and digits only, single-spaced: the duplicate key. */
export function normalise(text: string): string {
  const lower = text.toLowerCase();
  // The Unicode class is several times slower; ASCII text (most of it)
  // gets the same result from the ASCII class.
  const pattern = NON_ASCII.test(lower) ? NOT_WORD : NOT_WORD_ASCII;
  return lower.replace(pattern, ' ').trim();
}

/**
 * A sentence's normalised words as numbers: `key` stands for
 * {@link normalise}'s text, a 53-bit hash (two 32-bit hashes side by
 * side), and `grams` for its word 3-grams (the whole text under three
 * words), each a 30-bit hash: a small integer, which arrays and sets hold
 * and compare without boxing it. No string is built per sentence or
 * 3-gram. Equal keys are compared as text before a sentence counts as a
 * duplicate; two 3-grams that share a hash (about one pair in 10^5 in a
 * 1,000-sentence text) only make a sentence look a little more covered.
 */
export interface SentenceKey {
  key: number;
  /** No letter or digit at all: never a duplicate. */
  empty: boolean;
  /** One per 3-gram; one for the whole text under three words. */
  grams: number[];
}

const SMALL_HASH = 0x3fffffff;

// Word hashes of the sentence being read: reused, grown when a sentence
// has more words (sentenceKey is synchronous, so one pair serves all).
let wordsA = new Int32Array(256);
let wordsB = new Int32Array(256);

// The two hashes mixWords leaves (module state: no pair allocated per gram).
let mixedA = 0;
let mixedB = 0;

/** Mixes words `from` to `to`, and their number, into `mixedA`/`mixedB`. */
function mixWords(from: number, to: number): void {
  let a = 0x811c9dc5 ^ (to - from);
  let b = 0x2545f491 + (to - from);
  for (let i = from; i < to; i++) {
    a = mixA(a, wordsA[i]!);
    b = mixB(b, wordsB[i]!);
  }
  mixedA = a;
  mixedB = b;
}

/** Words `from` to `to` as a 53-bit hash (the sentence's key). */
function wordsKey(from: number, to: number): number {
  mixWords(from, to);
  return packHashes(mixedA, mixedB);
}

/** Words `from` to `to` as a 30-bit hash (a 3-gram). */
function wordsGram(from: number, to: number): number {
  mixWords(from, to);
  return (mixedA ^ Math.imul(mixedB, 0x9e3779b1)) & SMALL_HASH;
}

/** The numeric key and 3-grams of `text` (see {@link SentenceKey}). */
export function sentenceKey(text: string): SentenceKey {
  const words = readWords(text);
  const key = wordsKey(0, words);
  const empty = words === 0;
  if (words < 3) return { key, empty, grams: [wordsGram(0, words)] };
  const grams: number[] = [];
  for (let i = 0; i + 3 <= words; i++) grams.push(wordsGram(i, i + 3));
  return { key, empty, grams };
}

/**
 * Hashes `text`'s words into `wordsA`/`wordsB`; returns how many. Words
 * are runs of ASCII letters and digits, any case; in text with other
 * characters, the words {@link normalise} keeps (Unicode letters and
 * digits).
 */
function readWords(text: string): number {
  const wide = NON_ASCII.test(text);
  const source = wide ? normalise(text) : text;
  let words = 0;
  let a = 0;
  let b = 0;
  let inWord = false;
  for (let i = 0; i <= source.length; i++) {
    let code = i < source.length ? source.charCodeAt(i) : 32;
    let inside: boolean;
    if (wide) inside = code !== 32;
    else {
      if (code >= 65 && code <= 90) code += 32;
      inside = (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
    }
    if (inside) {
      if (!inWord) {
        a = 0x811c9dc5;
        b = 0x1b873593;
        inWord = true;
      }
      a = mixA(a, code);
      b = mixB(b, code);
    } else if (inWord) {
      if (words === wordsA.length) growWords();
      wordsA[words] = a;
      wordsB[words] = b;
      words++;
      inWord = false;
    }
  }
  return words;
}

function growWords(): void {
  const grownA = new Int32Array(wordsA.length * 2);
  grownA.set(wordsA);
  wordsA = grownA;
  const grownB = new Int32Array(wordsB.length * 2);
  grownB.set(wordsB);
  wordsB = grownB;
}

/** Options of {@link segment}. */
export interface SegmentOptions {
  /**
   * The content is source code: lines that declare or import something
   * are whole mandatory units (kept verbatim), and `#` lines are comments,
   * not Markdown headings.
   */
  code?: boolean;
}

/** True when the line's first field is an error or warning level token. */
function opensWithSignal(line: string): boolean {
  return (lineLevel(line, 1) ?? 0) > 0;
}

/** Splits the text into units: headings, fenced blocks, rules, declarations and sentences. */
export function segment(
  content: string,
  { code = false }: SegmentOptions = {},
): Unit[] {
  const index = indexLines(content);
  const units: Unit[] = [];
  const count = index.starts.length;
  const unit = (
    kind: UnitKind,
    start: number,
    end: number,
    line: number,
    lastLine: number,
    prefix = '',
  ): Unit => ({
    kind,
    start,
    end,
    line,
    lastLine,
    prefix,
    tokens: 0,
    score: 0,
    keep: false,
    mandatory: kind !== 'sentence' && kind !== 'fence',
  });
  for (let line = 0; line < count; line++) {
    const start = index.starts[line]!;
    const end = index.ends[line]!;
    const text = content.slice(start, end);
    if (text.trim() === '') continue;
    const fence = FENCE.exec(text);
    if (fence) {
      const marker = fence[1]!;
      let last = line + 1;
      while (
        last < count &&
        !content
          .slice(index.starts[last], index.ends[last])
          .trimStart()
          .startsWith(marker)
      )
        last++;
      last = Math.min(last, count - 1);
      units.push(unit('fence', start, index.ends[last]!, line, last));
      line = last;
      continue;
    }
    if (code && isDeclarationLine(text)) {
      units.push(unit('declaration', start, end, line, line));
      continue;
    }
    const next =
      line + 1 < count
        ? content.slice(index.starts[line + 1], index.ends[line + 1])
        : '';
    if (
      !code &&
      (HEADING.test(text) ||
        (SETEXT.test(next) && next.trim() !== '' && !RULE.test(text)))
    ) {
      const last = HEADING.test(text) ? line : line + 1;
      units.push(unit('heading', start, index.ends[last]!, line, last));
      line = last;
      continue;
    }
    if (RULE.test(text) || TABLE_RULE.test(text)) {
      units.push(unit('rule', start, end, line, line));
      continue;
    }
    const prefix = PREFIX.exec(text)![1]!;
    // A line that opens with an error or warning level (`E: Unable to
    // locate package`, `ERROR …`, `warning: …`, `[FATAL] …`) is tool
    // output's signal: its sentences are chosen first.
    const signal = opensWithSignal(text);
    const first = units.length;
    let from = start + prefix.length;
    let opens = true;
    SENTENCE_END.lastIndex = prefix.length;
    for (const match of text.slice(0, 10_000).matchAll(SENTENCE_END)) {
      if (match.index < prefix.length) continue;
      const to = start + match.index + 1;
      units.push(unit('sentence', from, to, line, line, opens ? prefix : ''));
      opens = false;
      from = to;
      while (from < end && /\s/.test(content[from]!)) from++;
    }
    if (from < end)
      units.push(unit('sentence', from, end, line, line, opens ? prefix : ''));
    if (signal)
      for (let i = first; i < units.length; i++) units[i]!.signal = true;
  }
  return units;
}
