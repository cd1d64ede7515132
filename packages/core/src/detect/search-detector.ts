import type { ContentDetector } from './detection.ts';
import { headLines } from './sample.ts';

// `path:12:text` (grep -n, ripgrep --no-heading, also `path:12:3:` with a
// column) and `path-12-text` context lines (grep -C). The path must hold a
// letter, `.` or `/`, so clock times (`10:00:00`) and dates do not count,
// and must not be an ISO timestamp (`2026-11-24T09:00:00Z INFO ...` is a log).
const MATCH_LINE =
  /^(?!\d{4}-\d\d-\d\dT\d)(?=[^\s:]*[A-Za-z./])[^\s:]{1,400}:\d+:/;
const CONTEXT_LINE = /^(?=[^\s]*[./])[^\s:]{1,400}?-\d+-/;

/**
 * grep/ripgrep output, from the first 100 lines: match lines `path:line:`
 * and context lines `path-line-`, with `--` group separators ignored. The
 * share r of such lines among non-empty lines must reach 0.3;
 * confidence = min(1, 0.4 + 0.6 r), accepted at 0.6. Needs a match line.
 */
export function searchDetector(): ContentDetector {
  return {
    name: 'search',
    detect(content) {
      let total = 0;
      let matches = 0;
      let context = 0;
      for (const line of headLines(content, 100)) {
        if (line.trim() === '' || line === '--') continue;
        total++;
        if (MATCH_LINE.test(line)) matches++;
        else if (CONTEXT_LINE.test(line)) context++;
      }
      if (matches === 0 || total === 0) return undefined;
      const ratio = (matches + context) / total;
      if (ratio < 0.3) return undefined;
      const confidence = Math.min(1, 0.4 + 0.6 * ratio);
      return confidence >= 0.6
        ? { contentType: 'search', confidence }
        : undefined;
    },
  };
}
