import type { ContentDetector } from './detection.ts';
import { headLines, SAMPLE_CHARS } from './sample.ts';
import { readSearchLines } from './search-lines.ts';

/** Lines sampled; a longer line is read up to this many characters. */
const SAMPLE_LINES = 200;
const MAX_LINE_CHARS = 1000;
/**
 * What every matching line holds somewhere (`:12:`, `(12,3):`, a line
 * starting `12:`): a sample without it has no match, and the detector's
 * answer is none, known without reading its lines.
 */
const MATCH_SHAPE =
  /:[1-9]\d{0,8}:|\([1-9]\d{0,8}(?:, ?[1-9]\d{0,8})?\) ?:|(?:^|\n)[1-9]\d{0,8}:/;

interface Position {
  line: number;
  column: number;
}

/**
 * Search results in any of the layouts `search-lines.ts` reads (grep -n,
 * grep -rn with or without context lines, git grep with a revision,
 * ripgrep `--heading` and `--vimgrep`, `path(N,C): text`), from the first
 * 200 lines. The share r of hit and heading lines among non-blank lines
 * must reach 0.3 and at least one line must be a match.
 *
 * Search tools print each file's lines in file order, so the score is
 * weighed by the share o of hits whose position moves forward from the
 * previous hit of the same file (a repeated position counts half): a log
 * whose lines start with a file name and a number reads as locations, but
 * its "line numbers" (hours, process ids) repeat and jump back.
 * confidence = min(1, 0.4 + 0.6 r) × o, accepted at 0.6.
 */
export function searchDetector(): ContentDetector {
  return {
    name: 'search',
    detect(content) {
      if (
        !MATCH_SHAPE.test(
          content.length > SAMPLE_CHARS
            ? content.slice(0, SAMPLE_CHARS)
            : content,
        )
      )
        return undefined;
      const lines = headLines(content, SAMPLE_LINES).map((line) =>
        line.length > MAX_LINE_CHARS ? line.slice(0, MAX_LINE_CHARS) : line,
      );
      const kinds = readSearchLines(lines);
      let total = 0;
      let hits = 0;
      let headings = 0;
      let matches = 0;
      let compared = 0;
      let forward = 0;
      const last = new Map<string | undefined, Position>();
      for (const kind of kinds) {
        if (kind === 'separator') continue;
        total++;
        if (kind === 'heading') headings++;
        if (typeof kind === 'string') continue;
        hits++;
        if (kind.match) matches++;
        const position = { line: kind.lineNumber, column: kind.column ?? 0 };
        const previous = last.get(kind.path);
        if (previous) {
          compared++;
          if (
            position.line > previous.line ||
            (position.line === previous.line &&
              position.column > previous.column)
          )
            forward++;
          // `grep -o` prints each match of one line on its own line.
          else if (
            position.line === previous.line &&
            position.column === previous.column
          )
            forward += 0.5;
        }
        last.set(kind.path, position);
      }
      if (matches === 0 || total === 0) return undefined;
      const ratio = (hits + headings) / total;
      if (ratio < 0.3) return undefined;
      const order = compared === 0 ? 1 : forward / compared;
      const confidence = Math.min(1, 0.4 + 0.6 * ratio) * order;
      return confidence >= 0.6
        ? { contentType: 'search', confidence }
        : undefined;
    },
  };
}
