import { NotReadyError } from '../errors/index.ts';
import { findLongRuns } from './long-runs.ts';
import { narrowStandIn, readsAlike } from './narrow-stand-in.ts';
import { buildPieceSet } from './piece-set.ts';
import { COUNT_PIECES, type PieceCounts } from './token-pieces.ts';
import type { Tokenizer } from './tokenizer.ts';

/** The OpenAI encodings we ship exact counts for. */
export type TiktokenEncoding = 'o200k_base' | 'cl100k_base';

type CountFn = (
  text: string,
  options: { disallowedSpecial: Set<string> },
) => number;

// Loaded once per process and shared by every SharedContext: the rank tables
// are megabytes and take ~100 ms to parse.
interface Encoding {
  count: CountFn;
  /** Counts with piece offsets; undefined when gpt-tokenizer's internals differ. */
  pieces: ((text: string) => PieceCounts) | undefined;
}

const loadedEncodings = new Map<TiktokenEncoding, Encoding>();
const pendingEncodings = new Map<TiktokenEncoding, Promise<Encoding>>();

// Special-token text such as `<|endoftext|>` inside agent output is ordinary
// text to us; gpt-tokenizer would otherwise throw on it.
const NO_SPECIAL = { disallowedSpecial: new Set<string>() };

// BPE cost grows quadratically with the length of one pre-token, so a 1 MB
// line without spaces (minified bundles, base64), or 50 KB of one
// whitespace run (a pre-token too), would take seconds to minutes. Runs of
// either kind longer than this are counted in slices; the count moves by
// < 0.5 %.
const MAX_RUN = 256;
// Whitespace runs are cut shorter: indentation and padding are common, and
// one token never covers more than a few dozen spaces anyway.
const MAX_SPACE_RUN = 64;
const CHUNK = 64 * 1024;
/** Counts of pieces of several tokens kept, at most (then forgotten at once). */
const MULTI_PIECES = 16_384;

/** The parts of gpt-tokenizer's encoder that `countNative` itself uses. */
interface EncoderCore {
  tokenSplitRegex: RegExp;
  getBpeRankFromString(piece: string): number | undefined;
  bytePairEncode(piece: string): readonly number[];
}

// Prose, code, digits, CJK, an emoji, tabs, blank lines and `\r\n`: the
// piece counter must agree with the package's own count on it.
const PROBES = [
  "It's 12:30 — naïve café, 東京 🚀!\n\n  const x = a?.b ?? [1, 2];\r\n\t/path/to\n  \n// ok",
  // No astral character: read through the one-byte stand-in.
  'Ёлка’s “Δέλτα” — 東京… ①²\u3000x\u00a0\u2003y [… 3 omitted · k#1 …]\n',
];

/**
 * A count that also records where each piece starts, in the same single
 * pass (`token-pieces.ts`). It reads gpt-tokenizer's private pattern,
 * rank table and merge function (the package is pinned to one version):
 * the counts are checked against the package's own on probes at load, and
 * any difference turns it off.
 */
function pieceCounter(
  module: { default?: unknown },
  count: CountFn,
): ((text: string) => PieceCounts) | undefined {
  const core = (
    module.default as
      | { bytePairEncodingCoreProcessor?: Partial<EncoderCore> }
      | undefined
  )?.bytePairEncodingCoreProcessor;
  if (
    !core ||
    !(core.tokenSplitRegex instanceof RegExp) ||
    typeof core.getBpeRankFromString !== 'function' ||
    typeof core.bytePairEncode !== 'function'
  )
    return undefined;
  const { flags, source } = core.tokenSplitRegex;
  const bare = flags.replace(/[gy]/g, '');
  const global = new RegExp(source, `${bare}g`);
  // Sticky: each piece starts where the last ended, read with `test`
  // (no match array per piece). The pieces tile the text; where one does
  // not start at the last one's end, the global pattern reads the text.
  const sticky = new RegExp(source, `${bare}y`);
  const standIns = readsAlike(core.tokenSplitRegex);
  const encoder = core as EncoderCore;
  // The single-token pieces, looked up in place (piece-set.ts); without
  // the rank table, through the encoder's own lookup.
  const ranks = (core as { bytePairStringRankEncoder?: unknown })
    .bytePairStringRankEncoder;
  const single = ranks instanceof Map ? buildPieceSet(ranks.keys()) : undefined;
  // Pieces of several tokens, by their count: the encoder keeps their
  // merges in an LRU cache (four map operations a hit); one lookup here.
  const multi = new Map<string, number>();
  const mergedCount = (piece: string): number => {
    let tokens = multi.get(piece);
    if (tokens === undefined) {
      tokens = encoder.bytePairEncode(piece).length;
      if (multi.size >= MULTI_PIECES) multi.clear();
      multi.set(piece, tokens);
    }
    return tokens;
  };
  const tokensOf = (text: string, start: number, end: number): number => {
    if (single) {
      return single.has(text, start, end)
        ? 1
        : mergedCount(text.slice(start, end));
    }
    const piece = text.slice(start, end);
    return encoder.getBpeRankFromString(piece) === undefined
      ? encoder.bytePairEncode(piece).length
      : 1;
  };
  const counter = (text: string): PieceCounts => {
    let starts = new Int32Array(Math.ceil(text.length / 3) + 16);
    let before = new Int32Array(starts.length);
    let length = 0;
    let total = 0;
    const add = (start: number, end: number): void => {
      if (length === starts.length) {
        const grownStarts = new Int32Array(length * 2);
        grownStarts.set(starts);
        starts = grownStarts;
        const grownBefore = new Int32Array(length * 2);
        grownBefore.set(before);
        before = grownBefore;
      }
      starts[length] = start;
      before[length] = total;
      length++;
      total += tokensOf(text, start, end);
    };
    // The pattern reads a one-byte stand-in where it can (same pieces,
    // several times faster); the pieces are looked up in the text.
    const subject = standIns ? (narrowStandIn(text) ?? text) : text;
    let start = 0;
    sticky.lastIndex = 0;
    while (start < text.length && sticky.test(subject)) {
      const end = sticky.lastIndex;
      if (end <= start) break;
      add(start, end);
      start = end;
    }
    if (start < text.length) {
      length = 0;
      total = 0;
      global.lastIndex = 0;
      for (let match = global.exec(text); match; match = global.exec(text))
        add(match.index, match.index + match[0].length);
    }
    return { text, total, starts, before, length };
  };
  try {
    return PROBES.every(
      (probe) => counter(probe).total === count(probe, NO_SPECIAL),
    )
      ? counter
      : undefined;
  } catch {
    return undefined;
  }
}

async function loadEncoding(encoding: TiktokenEncoding): Promise<Encoding> {
  const module =
    encoding === 'o200k_base'
      ? await import('gpt-tokenizer/encoding/o200k_base')
      : await import('gpt-tokenizer/encoding/cl100k_base');
  const count = module.countTokens as CountFn;
  return { count, pieces: pieceCounter(module, count) };
}

function countBounded(countFn: CountFn, text: string): number {
  if (text.length <= MAX_RUN) return countFn(text, NO_SPECIAL);
  let total = 0;
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + CHUNK, text.length);
    if (end < text.length) {
      // Cut at whitespace so words are not split across chunks.
      const space = text.lastIndexOf(' ', end);
      const newline = text.lastIndexOf('\n', end);
      const cut = Math.max(space, newline);
      if (cut > start) end = cut;
    }
    total += countChunk(countFn, text.slice(start, end));
    start = end;
  }
  return total;
}

function countChunk(countFn: CountFn, chunk: string): number {
  const runs = findLongRuns(chunk, MAX_RUN, MAX_SPACE_RUN);
  if (runs.length === 0) return countFn(chunk, NO_SPECIAL);
  let total = 0;
  let last = 0;
  for (const run of runs) {
    total += countFn(chunk.slice(last, run.start), NO_SPECIAL);
    const slice = run.space ? MAX_SPACE_RUN : MAX_RUN;
    for (let i = run.start; i < run.end; i += slice) {
      total += countFn(
        chunk.slice(i, Math.min(i + slice, run.end)),
        NO_SPECIAL,
      );
    }
    last = run.end;
  }
  return total + countFn(chunk.slice(last), NO_SPECIAL);
}

/** Exact OpenAI token counts through gpt-tokenizer (same ids as tiktoken). */
export function tiktokenTokenizer(encoding: TiktokenEncoding): Tokenizer {
  return {
    name: encoding,
    exact: true,
    get loaded() {
      return loadedEncodings.has(encoding);
    },
    async load() {
      if (loadedEncodings.has(encoding)) return;
      let pending = pendingEncodings.get(encoding);
      if (!pending) {
        pending = loadEncoding(encoding);
        pendingEncodings.set(encoding, pending);
      }
      loadedEncodings.set(encoding, await pending);
    },
    count(text) {
      const loaded = loadedEncodings.get(encoding);
      if (!loaded)
        throw new NotReadyError({ what: `The ${encoding} tokenizer` });
      return text.length === 0 ? 0 : countBounded(loaded.count, text);
    },
    // Internal (token-pieces.ts): the same count with its piece offsets,
    // for texts counted in one piece-run (no long run, one chunk).
    [COUNT_PIECES](text: string): PieceCounts | undefined {
      const loaded = loadedEncodings.get(encoding);
      if (!loaded?.pieces || text.length === 0 || text.length > CHUNK)
        return undefined;
      if (findLongRuns(text, MAX_RUN, MAX_SPACE_RUN).length > 0)
        return undefined;
      return loaded.pieces(text);
    },
  } as Tokenizer;
}
