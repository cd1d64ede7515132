/**
 * Counts of a text's spans from one tokenizer pass, and of texts built
 * from those spans without a second pass. Private to the package.
 *
 * OpenAI's encodings split text into pieces with a regular expression and
 * encode each piece on its own, so a count adds up over a cut that no
 * piece crosses and that reads the same from either side. Two kinds of cut
 * are such cuts for the o200k and cl100k patterns, whatever surrounds them
 * (`token-pieces.test.ts` checks it on fuzzed text against the real
 * tokenizer):
 * - before a space that a non-space follows: no piece holds a space
 *   followed by a non-space except at its start, and the piece before
 *   ends the same way at the end of the text;
 * - after a line break, before a line that holds a non-space (not `/`,
 *   which o200k's punctuation piece takes after a line break): a
 *   line-break piece ends at its last line break.
 * A cut before a space followed by more space, or after a line break
 * before a blank line, is not one (`"a  1"` is `a`, ` `, ` `, `1`, but
 * `"a  "` alone is `a`, `  `).
 */
import { isRegExpSpace } from './long-runs.ts';
import type { Tokenizer } from './tokenizer.ts';

/** Token counts at the starts of a text's pieces, from one pass. */
export interface PieceCounts {
  readonly text: string;
  readonly total: number;
  /** Piece start offsets, ascending. */
  readonly starts: Int32Array;
  /** Tokens before each piece. */
  readonly before: Int32Array;
  /** Pieces recorded (the arrays may be longer). */
  readonly length: number;
}

/** A tokenizer that can count a text with its pieces (tiktoken's, ours). */
export const COUNT_PIECES: unique symbol = Symbol('sharedcontext.countPieces');
/** A counting wrapper that takes a count measured elsewhere. */
export const REMEMBER: unique symbol = Symbol('sharedcontext.remember');

interface PieceTokenizer extends Tokenizer {
  [COUNT_PIECES]?: (text: string) => PieceCounts | undefined;
  [REMEMBER]?: (text: string, count: number) => void;
}

/** `text`'s piece counts, when the tokenizer can give them. */
export function countPieces(
  tokenizer: Tokenizer,
  text: string,
): PieceCounts | undefined {
  return (tokenizer as PieceTokenizer)[COUNT_PIECES]?.(text);
}

/** Tells a counting wrapper `text`'s count, so it is not counted again. */
export function rememberTokens(
  tokenizer: Tokenizer,
  text: string,
  count: number,
): void {
  (tokenizer as PieceTokenizer)[REMEMBER]?.(text, count);
}

/** Index of the last piece starting at or before `offset`. */
function pieceAt(pieces: PieceCounts, offset: number): number {
  let low = 0;
  let high = pieces.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (pieces.starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Tokens before the piece that holds `offset` (the total at the end): a
 * unit's cost as the difference at its two ends, summing to the total
 * over any tiling.
 */
export function tokensBefore(pieces: PieceCounts, offset: number): number {
  if (offset >= pieces.text.length || pieces.length === 0) return pieces.total;
  return pieces.before[pieceAt(pieces, offset)]!;
}

/**
 * True when the two kinds of cut described above hold at `offset`, judged
 * from the characters before `end` (the text is read as ending there).
 */
export function isSafeCut(
  text: string,
  offset: number,
  end: number = text.length,
): boolean {
  if (offset <= 0 || offset >= end) return true;
  if (
    text.charCodeAt(offset) === 32 &&
    offset + 1 < end &&
    !isRegExpSpace(text.charCodeAt(offset + 1))
  )
    return true;
  if (text.charCodeAt(offset - 1) !== 10) return false;
  for (let i = offset; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return false;
    if (!isRegExpSpace(c)) return !(i === offset && c === 47);
  }
  return false;
}

/**
 * The last cut of `text` inside `(from, to)` judged from
 * `text.slice(from, to)` alone: a space before a word on the last line, or
 * else a line start. What follows it is all that is left to count.
 */
function lastCut(text: string, from: number, to: number): number | undefined {
  // The last line that holds a non-space: the blank lines after it ride along.
  let end = to;
  while (end > from && isRegExpSpace(text.charCodeAt(end - 1))) end--;
  const lastLine = text.lastIndexOf('\n', end - 1) + 1;
  for (let space = text.lastIndexOf(' ', end - 1); space > from; ) {
    if (space < lastLine) break;
    if (isSafeCut(text, space, to)) return space;
    space = text.lastIndexOf(' ', space - 1);
  }
  for (let start = lastLine; start > from; ) {
    if (isSafeCut(text, start, to)) return start;
    // lastIndexOf reads a negative start as 0: stop before it.
    start = start < 2 ? 0 : text.lastIndexOf('\n', start - 2) + 1;
  }
  return undefined;
}

/**
 * The first cut of `text` inside `(from, to)` judged from
 * `text.slice(from, to)` alone: a line start, or a space before a word on
 * the first line. What comes before it is all that is left to count.
 */
function firstCut(text: string, from: number, to: number): number | undefined {
  const newline = text.indexOf('\n', from);
  const lineEnd = newline < 0 || newline >= to ? to : newline;
  for (
    let space = text.indexOf(' ', from + 1);
    space >= 0 && space < lineEnd;
  ) {
    if (isSafeCut(text, space, to)) return space;
    space = text.indexOf(' ', space + 1);
  }
  for (let start = lineEnd + 1; start < to; ) {
    if (isSafeCut(text, start, to)) return start;
    const next = text.indexOf('\n', start);
    if (next < 0) break;
    start = next + 1;
  }
  return undefined;
}

/** Exact tokens of `pieces.text.slice(from, to)`, when both ends are safe cuts. */
export function spanTokens(
  pieces: PieceCounts,
  from: number,
  to: number,
): number | undefined {
  const { text } = pieces;
  if (from >= to) return 0;
  if (!isSafeCut(text, from) || !isSafeCut(text, to)) return undefined;
  const start = from === 0 ? 0 : pieceAt(pieces, from);
  const end = to >= text.length ? -1 : pieceAt(pieces, to);
  if (
    (from > 0 && pieces.starts[start] !== from) ||
    (end >= 0 && pieces.starts[end] !== to)
  )
    return undefined; // not a piece start after all: count it instead
  const before = from === 0 ? 0 : pieces.before[start]!;
  return (end < 0 ? pieces.total : pieces.before[end]!) - before;
}

/** A part of a built text: a span of the counted text, or new text. */
export type TextPart = string | { from: number; to: number };

/**
 * The exact count of `parts` joined, from the spans' counts where the
 * joins are safe cuts of the joined text; parts joined at other places,
 * and new text, are counted. The joined text itself is never built unless
 * asked for.
 */
export function countJoined(
  parts: readonly TextPart[],
  pieces: PieceCounts,
  count: (text: string) => number,
): number {
  const { text } = pieces;
  const merged: TextPart[] = [];
  for (const part of parts) {
    if (typeof part === 'string') {
      if (part.length > 0) merged.push(part);
      continue;
    }
    if (part.from >= part.to) continue;
    const last = merged[merged.length - 1];
    if (last !== undefined && typeof last !== 'string' && last.to === part.from)
      merged[merged.length - 1] = { from: last.from, to: part.to };
    else merged.push(part);
  }
  let total = 0;
  let group: TextPart[] = [];
  // New text, counted at the end in one call.
  const fresh: string[] = [];
  const flush = (): void => {
    if (group.length === 0) return;
    // Parts joined where a count does not add up are counted together,
    // except the inside of each span, from its first cut to its last: the
    // cuts hold whatever is around the span, so only its edges, the joins
    // and the new text are counted anew.
    let edge = '';
    group.forEach((part, i) => {
      if (typeof part === 'string') {
        edge += part;
        return;
      }
      const { from, to } = part;
      const start =
        i === 0 && isSafeCut(text, from) ? from : firstCut(text, from, to);
      const end =
        i === group.length - 1 && isSafeCut(text, to)
          ? to
          : lastCut(text, from, to);
      const inside =
        start === undefined || end === undefined || start >= end
          ? undefined
          : spanTokens(pieces, start, end);
      if (inside === undefined) {
        edge += text.slice(from, to);
        return;
      }
      edge += text.slice(from, start);
      if (edge !== '') fresh.push(edge);
      total += inside;
      edge = text.slice(end, to);
    });
    if (edge !== '') fresh.push(edge);
    group = [];
  };
  // A join is safe when the cut holds in the few characters around it.
  let previous = '';
  for (const part of merged) {
    const head =
      typeof part === 'string'
        ? part.slice(0, 64)
        : text.slice(part.from, Math.min(part.to, part.from + 64));
    if (group.length > 0 && !isSafeCut(previous + head, previous.length))
      group.push(part);
    else {
      flush();
      group.push(part);
    }
    previous = typeof part === 'string' ? part.slice(-1) : text[part.to - 1]!;
  }
  flush();
  return total + countTogether(fresh, count);
}

/**
 * A cut before it (a space, then a non-space) and after it (a line break,
 * then whatever line comes next, if it is a cut): texts joined with it
 * count as they do apart, plus its own count.
 */
const SEPARATOR = ' .\n';

/** The summed counts of `texts`, mostly in one call (one call costs more than its text, for short texts). */
function countTogether(
  texts: readonly string[],
  count: (text: string) => number,
): number {
  if (texts.length <= 1) return texts.length === 1 ? count(texts[0]!) : 0;
  let total = 0;
  let joined = '';
  let joins = 0;
  for (const text of texts) {
    if (joined === '') joined = text;
    else if (isSafeCut(SEPARATOR + text.slice(0, 64), SEPARATOR.length)) {
      joined += SEPARATOR + text;
      joins++;
    } else total += count(text);
  }
  return total + count(joined) - joins * count(SEPARATOR);
}
