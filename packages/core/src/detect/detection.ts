import type { ContentType } from '../types.ts';

/** What a detector concluded about a piece of content. */
export interface Detection {
  contentType: ContentType;
  /** 0..1; the first detector in order that answers wins. */
  confidence: number;
  /** Source language for `code` (`python`, `typescript`, ...), when known. */
  language?: string;
  /** The parsed value for `json`, so compressors need not parse again. */
  data?: unknown;
}

/** One detector per file; `detectContentType` runs them in a fixed order. */
export interface ContentDetector {
  readonly name: string;
  /** A detection, or undefined to let the next detector look. */
  detect(content: string): Detection | undefined;
}
