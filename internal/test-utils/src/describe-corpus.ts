import { describe, it } from 'vitest';
import { corpusDir, hasCorpus } from './corpus.ts';

/**
 * `describe` for tests that read the corpus. Without it the suite is
 * skipped (the global setup prints one notice for the whole run) and its
 * body is never run, since bodies read corpus files while collecting;
 * under CI (`CI` set), where the corpus must exist, the suite fails.
 */
export function describeCorpus(name: string, body: () => void): void {
  if (hasCorpus()) {
    describe(name, body);
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      throw new Error(
        `The shared corpus is missing at ${corpusDir()}; CI must have ../shared/corpus beside the checkout.`,
      );
    });
    return;
  }
  describe.skip(name, () => {
    it(`needs the shared corpus at ${corpusDir()}`, () => {});
  });
}
