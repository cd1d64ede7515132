import type { ContentDetector } from './detection.ts';
import { headLines } from './sample.ts';

const HEADER =
  /^(diff --git |diff --combined |diff --cc |--- (a\/|\/dev\/null)|\+\+\+ (b\/|\/dev\/null)|@@ -\d+(,\d+)? \+\d+(,\d+)? @@|@@@ -\d+(,\d+)? -\d+(,\d+)? \+\d+(,\d+)? @@@)/;
const CHANGE = /^[+-](?![+-])/;
/** Substrings of every {@link HEADER} form (`@@@ -` holds `@@ -`). */
const HEADER_PARTS = ['diff --', '--- ', '+++ ', '@@ -'];

/**
 * Unified and combined diffs (`git diff`, `git show`, `diff -u`), from the
 * first 500 lines: header lines count 0.2 each, change lines 0.05 each, from
 * a base of 0.5; accepted at 0.7, so at least one header is needed.
 * Headroom's rule, with `--- /dev/null` headers counted too.
 */
export function diffDetector(): ContentDetector {
  return {
    name: 'diff',
    detect(content) {
      // Every header holds one of these: content without any (prose, code,
      // most fenced examples) has none, found by substring scans instead of
      // a split into lines and two expressions per line.
      if (!HEADER_PARTS.some((part) => content.includes(part)))
        return undefined;
      let headers = 0;
      let changes = 0;
      for (const line of headLines(content, 500)) {
        if (HEADER.test(line)) headers++;
        else if (CHANGE.test(line)) changes++;
      }
      if (headers === 0) return undefined;
      const confidence = Math.min(1, 0.5 + 0.2 * headers + 0.05 * changes);
      return confidence >= 0.7
        ? { contentType: 'diff', confidence }
        : undefined;
    },
  };
}
