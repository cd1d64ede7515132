import {
  COUNT_PIECES,
  countPieces,
  type PieceCounts,
  REMEMBER,
} from './token-pieces.ts';
import type { Tokenizer } from './tokenizer.ts';

/** Texts shorter than this are counted again: cheaper than remembering them. */
const MIN_REMEMBERED_CHARS = 256;
/** Recent counts kept besides the input's. */
const RECENT = 4;

interface Remembered {
  text: string;
  count: number;
  pieces?: PieceCounts | undefined;
}

/**
 * The same tokenizer, answering the counts of one pipeline run's input
 * (counted once) and of the last few large texts it counted from memory.
 * A compressor that needs the input's total (the text compressor's
 * budget) asks again and gets it free instead of a second full pass,
 * whatever other candidates counted in between; an output a compressor
 * measured itself (the JSON views, the search compressor's full-path
 * rendering, the text compressor's output counted from its spans) is not
 * counted again by the router.
 * Where the tokenizer records piece offsets while it counts
 * (`token-pieces.ts`), they are kept with the count: the input's are
 * `pieces`, and a text asked for its pieces later keeps its own.
 * It lives for one run only: nothing is remembered across calls. Private
 * to the package.
 */
export function rememberCount(
  tokenizer: Tokenizer,
  text: string,
  count: number,
  pieces?: PieceCounts,
): Tokenizer {
  const recent: Remembered[] = [];
  const find = (other: string): Remembered | undefined => {
    for (const seen of recent)
      if (seen.text.length === other.length && seen.text === other) return seen;
    return undefined;
  };
  const remember = (entry: Remembered): void => {
    if (recent.length === RECENT) recent.shift();
    recent.push(entry);
  };
  // The piece counter where the tokenizer has one: the same count, in
  // less time than the package's own pass (piece-set.ts).
  const countOnce = (other: string): number =>
    other.length === 0
      ? 0
      : (countPieces(tokenizer, other)?.total ?? tokenizer.count(other));
  const wrapper = {
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
      if (other.length < MIN_REMEMBERED_CHARS) return countOnce(other);
      const seen = find(other);
      if (seen) return seen.count;
      const counted = countOnce(other);
      remember({ text: other, count: counted });
      return counted;
    },
    [COUNT_PIECES](other: string): PieceCounts | undefined {
      if (other.length === text.length && other === text) return pieces;
      const seen = find(other);
      if (seen?.pieces) return seen.pieces;
      const otherPieces = countPieces(tokenizer, other);
      if (otherPieces)
        remember({
          text: other,
          count: otherPieces.total,
          pieces: otherPieces,
        });
      return otherPieces;
    },
    [REMEMBER](other: string, counted: number): void {
      if (other.length >= MIN_REMEMBERED_CHARS && !find(other))
        remember({ text: other, count: counted });
    },
  };
  return wrapper as Tokenizer;
}
