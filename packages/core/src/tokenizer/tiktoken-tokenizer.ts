import { NotReadyError } from '../errors/index.ts';
import { findLongRuns } from './long-runs.ts';
import type { Tokenizer } from './tokenizer.ts';

/** The OpenAI encodings we ship exact counts for. */
export type TiktokenEncoding = 'o200k_base' | 'cl100k_base';

type CountFn = (
  text: string,
  options: { disallowedSpecial: Set<string> },
) => number;

// Loaded once per process and shared by every SharedContext: the rank tables
// are megabytes and take ~100 ms to parse.
const loadedEncodings = new Map<TiktokenEncoding, CountFn>();
const pendingEncodings = new Map<TiktokenEncoding, Promise<CountFn>>();

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

async function loadEncoding(encoding: TiktokenEncoding): Promise<CountFn> {
  const module =
    encoding === 'o200k_base'
      ? await import('gpt-tokenizer/encoding/o200k_base')
      : await import('gpt-tokenizer/encoding/cl100k_base');
  return module.countTokens as CountFn;
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
      const countFn = loadedEncodings.get(encoding);
      if (!countFn)
        throw new NotReadyError({ what: `The ${encoding} tokenizer` });
      return text.length === 0 ? 0 : countBounded(countFn, text);
    },
  };
}
