/** One model call: the words it scores, and the words before them it reads for context only. */
export interface Chunk {
  /** First word read for context (scores ignored); equals `first` when there is none. */
  contextStart: number;
  /** `[first, end)`: the words this chunk scores. Every word is scored by exactly one chunk. */
  first: number;
  end: number;
}

/** Options of {@link planChunks}. */
export interface PlanChunksOptions {
  /** Model tokens per word (already capped). */
  tokenCounts: readonly number[];
  /** `[first, end)` word ranges, in order, covering every word. */
  sentences: ReadonlyArray<readonly [number, number]>;
  /** Tokens a chunk may hold, special tokens excluded. */
  budget: number;
  /** Tokens of preceding text read for context. */
  overlapTokens: number;
}

/**
 * Packs whole sentences into chunks of at most `budget` tokens; a sentence
 * longer than that is cut between words. Each chunk then reads up to
 * `overlapTokens` of the text before it (within the budget), so a word at a
 * chunk's start is scored with its left context. Unlike a single truncated
 * window, no word past the model's limit goes unscored.
 */
export function planChunks({
  tokenCounts,
  sentences,
  budget,
  overlapTokens,
}: PlanChunksOptions): Chunk[] {
  const owned: Array<[number, number, number]> = []; // first, end, tokens
  let first = -1;
  let end = -1;
  let tokens = 0;
  const flush = (): void => {
    if (first >= 0 && end > first) owned.push([first, end, tokens]);
    first = -1;
    tokens = 0;
  };
  for (const [sentenceFirst, sentenceEnd] of sentences) {
    let sentenceTokens = 0;
    for (let word = sentenceFirst; word < sentenceEnd; word++)
      sentenceTokens += tokenCounts[word]!;
    if (first >= 0 && tokens + sentenceTokens > budget) flush();
    if (sentenceTokens <= budget) {
      if (first < 0) first = sentenceFirst;
      end = sentenceEnd;
      tokens += sentenceTokens;
      continue;
    }
    // A sentence longer than the window: cut it between words.
    for (let word = sentenceFirst; word < sentenceEnd; word++) {
      const count = tokenCounts[word]!;
      if (first >= 0 && tokens + count > budget) flush();
      if (first < 0) first = word;
      end = word + 1;
      tokens += count;
    }
  }
  flush();

  return owned.map(([chunkFirst, chunkEnd, chunkTokens]) => {
    let context = chunkFirst;
    let contextTokens = 0;
    const room = Math.min(overlapTokens, budget - chunkTokens);
    while (context > 0 && contextTokens + tokenCounts[context - 1]! <= room) {
      context--;
      contextTokens += tokenCounts[context]!;
    }
    return { contextStart: context, first: chunkFirst, end: chunkEnd };
  });
}
