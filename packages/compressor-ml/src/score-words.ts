import type { Tensor } from '@huggingface/transformers';
import type { Classifier } from './load-classifier.ts';
import { planChunks } from './plan-chunks.ts';

/** How a word's score is made from its sub-word token scores. */
export type WordScore = 'max' | 'mean' | 'first';

/** Options of {@link scoreWords}. */
export interface ScoreWordsOptions {
  words: readonly string[];
  sentences: ReadonlyArray<readonly [number, number]>;
  overlapTokens: number;
  /** Tokens per call, special tokens included; the model's window caps it. */
  maxTokens?: number;
  wordScore: WordScore;
  /** Called between model calls; throws to stop (deadline, abort). */
  checkpoint(): void;
}

/** Tokens of one word fed to the model at most; the rest of a long word is not read. */
const MAX_WORD_TOKENS = 16;

/** The keep probability of every word, in order, and how many model calls it took. */
export interface WordScores {
  scores: Float64Array;
  chunks: number;
}

/**
 * Runs the classifier over the words in sentence-aligned chunks (see
 * {@link planChunks}) and returns each word's keep probability. Each word is
 * tokenized on its own, with a leading space so byte-level BPE sees `Ġword`
 * as in running text; WordPiece ignores the space.
 */
export async function scoreWords(
  classifier: Classifier,
  options: ScoreWordsOptions,
): Promise<WordScores> {
  const { words, sentences, overlapTokens, wordScore, checkpoint } = options;
  const { tokenizer, prefixIds, suffixIds } = classifier;
  // Prose repeats its words: tokenize each distinct word once.
  const seen = new Map<string, number[]>();
  const tokenIds = words.map((word) => {
    let ids = seen.get(word);
    if (!ids) {
      ids = tokenizer
        .encode(` ${word}`, { add_special_tokens: false })
        .slice(0, MAX_WORD_TOKENS);
      seen.set(word, ids);
    }
    return ids;
  });
  const window = Math.min(
    classifier.window,
    options.maxTokens ?? Number.POSITIVE_INFINITY,
  );
  const budget = window - prefixIds.length - suffixIds.length;
  if (budget < MAX_WORD_TOKENS) {
    throw new Error(
      `model window of ${window} tokens is too small (at least ${MAX_WORD_TOKENS + 3} needed)`,
    );
  }
  const chunks = planChunks({
    tokenCounts: tokenIds.map((ids) => Math.max(1, ids.length)),
    sentences,
    budget,
    overlapTokens,
  });
  const scores = new Float64Array(words.length);
  for (const chunk of chunks) {
    checkpoint();
    const ids = [...prefixIds];
    const owners: number[] = prefixIds.map(() => -1);
    for (let word = chunk.contextStart; word < chunk.end; word++) {
      for (const id of tokenIds[word]!) {
        ids.push(id);
        owners.push(word < chunk.first ? -1 : word);
      }
    }
    ids.push(...suffixIds);
    owners.push(...suffixIds.map(() => -1));
    const probabilities = await keepProbabilities(classifier, ids);
    aggregate(scores, owners, probabilities, chunk.first, chunk.end, wordScore);
  }
  return { scores, chunks: chunks.length };
}

async function keepProbabilities(
  classifier: Classifier,
  ids: number[],
): Promise<Float32Array | Float64Array> {
  const TensorClass = classifier.Tensor;
  const shape = [1, ids.length];
  const inputIds = new TensorClass(
    'int64',
    BigInt64Array.from(ids, (id) => BigInt(id)),
    shape,
  );
  const attentionMask = new TensorClass(
    'int64',
    new BigInt64Array(ids.length).fill(1n),
    shape,
  );
  const outputs = (await classifier.model.forward({
    input_ids: inputIds,
    attention_mask: attentionMask,
  })) as Record<string, Tensor>;
  const output = outputs.logits ?? Object.values(outputs)[0];
  if (!output) throw new Error('the model returned no output');
  return toProbabilities(output, classifier.keepIndex, ids.length);
}

/**
 * `logits [1, seq, labels]` → softmax, then the keep label's probability.
 * A score output (`[1, seq]` or `[1, seq, 1]`, such as Kompress's
 * `final_scores`) is taken as the keep probability itself, through a
 * sigmoid when it is not already in [0, 1].
 */
export function toProbabilities(
  output: Tensor,
  keepIndex: number,
  length: number,
): Float32Array | Float64Array {
  const data = output.data as Float32Array;
  const labels = output.dims.length >= 3 ? output.dims[2]! : 1;
  const result = new Float64Array(length);
  if (labels === 1) {
    const bounded = data.every((value) => value >= 0 && value <= 1);
    for (let index = 0; index < length; index++) {
      const value = data[index]!;
      result[index] = bounded ? value : 1 / (1 + Math.exp(-value));
    }
    return result;
  }
  for (let index = 0; index < length; index++) {
    const row = data.subarray(index * labels, (index + 1) * labels);
    const max = Math.max(...row);
    let sum = 0;
    for (const value of row) sum += Math.exp(value - max);
    result[index] = Math.exp(row[keepIndex]! - max) / sum;
  }
  return result;
}

function aggregate(
  scores: Float64Array,
  owners: readonly number[],
  probabilities: ArrayLike<number>,
  first: number,
  end: number,
  wordScore: WordScore,
): void {
  const sums = new Float64Array(end - first);
  const counts = new Uint32Array(end - first);
  const maxima = new Float64Array(end - first).fill(Number.NEGATIVE_INFINITY);
  const firsts = new Float64Array(end - first).fill(Number.NaN);
  owners.forEach((owner, position) => {
    if (owner < 0) return;
    const slot = owner - first;
    const probability = probabilities[position]!;
    sums[slot] = sums[slot]! + probability;
    counts[slot] = counts[slot]! + 1;
    maxima[slot] = Math.max(maxima[slot]!, probability);
    if (Number.isNaN(firsts[slot]!)) firsts[slot] = probability;
  });
  for (let slot = 0; slot < end - first; slot++) {
    // A word the tokenizer turned into no tokens (rare) has nothing to judge by: keep it.
    if (counts[slot] === 0) {
      scores[first + slot] = 1;
      continue;
    }
    scores[first + slot] =
      wordScore === 'max'
        ? maxima[slot]!
        : wordScore === 'first'
          ? firsts[slot]!
          : sums[slot]! / counts[slot]!;
  }
}
