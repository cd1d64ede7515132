import { describe } from 'vitest';
import { corpusDir, hasCorpus } from './corpus.ts';

/**
 * `describe` for tests that read the corpus: without it they are skipped
 * with a visible message locally, and fail under CI (where it must exist).
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
  console.warn(`[test-utils] skipping "${name}": no corpus at ${corpusDir()}`);
  describe.skip(name, body);
}
