import { assertOptions } from '../util/validate.ts';
import { codeDetector } from './code-detector.ts';
import {
  ACCEPT_SCORE,
  type ContentDetector,
  type Detection,
} from './detection.ts';
import { diffDetector } from './diff-detector.ts';
import { htmlDetector } from './html-detector.ts';
import { jsonDetector } from './json-detector.ts';
import { logDetector } from './log-detector.ts';
import { splitMixedSections } from './mixed-sections.ts';
import { SAMPLE_CHARS } from './sample.ts';
import { searchDetector } from './search-detector.ts';

/** Options of {@link mixedDetector}. */
export interface MixedDetectorOptions {
  /**
   * Share of the characters that fenced blocks must reach for prose with
   * code examples to count as mixed. @default 0.5
   */
  minBlockShare?: number;
}

// Only an accepted answer counts here: the log detector's hints are off.
const ACCEPTING_LOG = logDetector({ hints: false });
const DATA_DETECTORS = [
  jsonDetector(),
  diffDetector(),
  htmlDetector(),
  searchDetector(),
  ACCEPTING_LOG,
];
const LINE_DETECTORS = [ACCEPTING_LOG, codeDetector()];
const PROSE_LINE = /\p{L}{2,}\s+\p{L}{2,}\s+\p{L}{2,}/u;

/** A detector's answer counts here only when it would be taken on its own. */
function accepts(detector: ContentDetector, text: string): boolean {
  const detection: Detection | undefined = detector.detect(text);
  return (detection?.confidence ?? 0) >= ACCEPT_SCORE;
}

/**
 * Prose with embedded blocks, each to be routed on its own: a bare JSON
 * block, or a fenced block holding data (JSON, a diff, HTML, search results,
 * a log), or fenced blocks of any kind making up at least `minBlockShare` of
 * the text. Documentation with a few code examples stays `text`. The prose
 * around the blocks must read as prose (not code or a log).
 */
export function mixedDetector(
  options: MixedDetectorOptions = {},
): ContentDetector {
  assertOptions(options);
  const { minBlockShare = 0.5 } = options;
  return {
    name: 'mixed',
    detect(content) {
      const head =
        content.length > SAMPLE_CHARS
          ? content.slice(0, SAMPLE_CHARS)
          : content;
      if (
        !head.includes('```') &&
        !head.includes('~~~') &&
        !/^\s*[[{]/m.test(head)
      )
        return undefined;
      const sections = splitMixedSections(head);
      const blocks = sections.filter((section) => section.kind !== 'text');
      if (blocks.length === 0) return undefined;
      const prose = sections
        .filter((section) => section.kind === 'text')
        .map((section) => head.slice(section.start, section.end))
        .join('\n');
      if (!PROSE_LINE.test(prose)) return undefined;
      const blockChars = blocks.reduce(
        (sum, block) => sum + block.end - block.start,
        0,
      );
      const share = blockChars / head.length;
      // Blocks making up the share are enough: their kinds are read (every
      // data detector over every block) only when they are not. Documents
      // with a few code examples end here, before the prose is read as a
      // log or code (every check must pass, so their order is free).
      if (
        share < minBlockShare &&
        !blocks.some(
          (block) =>
            block.kind === 'json' ||
            DATA_DETECTORS.some((detector) =>
              accepts(detector, head.slice(block.bodyStart, block.bodyEnd)),
            ),
        )
      )
        return undefined;
      if (LINE_DETECTORS.some((detector) => accepts(detector, prose)))
        return undefined;
      return {
        contentType: 'mixed',
        confidence: Math.min(1, 0.6 + 0.4 * share),
      };
    },
  };
}
