import type { TextWord } from './segment-text.ts';

/** Keep by probability, or keep a fraction of the words. */
export type Selection = { threshold: number } | { rate: number };

/**
 * Which words to keep (1) or drop (0). Must-keep words are always kept.
 * With `threshold`, a word is kept when its score is above it. With `rate`,
 * `round(rate × words)` words are kept: the must-keep ones, then the best
 * scores (earlier words first on ties), so the result is deterministic.
 */
export function selectWords(
  words: readonly TextWord[],
  scores: ArrayLike<number>,
  selection: Selection,
): Uint8Array {
  const keep = new Uint8Array(words.length);
  let mustKeep = 0;
  words.forEach((word, index) => {
    if (word.mustKeep) {
      keep[index] = 1;
      mustKeep++;
    }
  });
  if ('threshold' in selection) {
    words.forEach((word, index) => {
      if (!word.mustKeep && scores[index]! > selection.threshold)
        keep[index] = 1;
    });
    return keep;
  }
  const wanted = Math.max(
    0,
    Math.round(selection.rate * words.length) - mustKeep,
  );
  const ranked = words
    .map((word, index) => ({ word, index }))
    .filter(({ word }) => !word.mustKeep)
    .sort(
      (left, right) =>
        scores[right.index]! - scores[left.index]! || left.index - right.index,
    );
  for (const { index } of ranked.slice(0, wanted)) keep[index] = 1;
  return keep;
}
