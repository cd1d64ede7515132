import type { ContentType } from '../types.ts';

/** What a detector concluded about a piece of content. */
export interface Detection {
  contentType: ContentType;
  /**
   * The score, 0..1. `detectContentType` ranks every detector's answer by
   * it; an answer under {@link ACCEPT_SCORE} is only a hint, tried after
   * text when nothing scores higher.
   */
  confidence: number;
  /** Source language for `code` (`python`, `typescript`, ...), when known. */
  language?: string;
  /** The parsed value for `json`, so compressors need not parse again. */
  data?: unknown;
  /**
   * The runners-up, best first: other content types the detectors scored.
   * The router tries them after this one (a few at most) and keeps the
   * smallest valid output, so one wrong detection is not the last word.
   */
  alternatives?: readonly Detection[];
}

/**
 * The score plain text gets: a detection must reach it to be taken as the
 * content type. Lower answers stay hints (e.g. lines that repeat a template
 * without reading as a log), tried alongside text.
 */
export const ACCEPT_SCORE = 0.5;

/** One detector per file; `detectContentType` runs them all and ranks the answers. */
export interface ContentDetector {
  readonly name: string;
  /** A scored detection, or undefined when the content is not of this type at all. */
  detect(content: string): Detection | undefined;
}
