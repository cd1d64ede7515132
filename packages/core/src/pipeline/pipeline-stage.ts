import type { Router } from '../compressors/index.ts';
import type { ContentDetector, Detection } from '../detect/index.ts';
import type { DroppedSpan } from '../retrieval/index.ts';
import type { Tokenizer } from '../tokenizer/index.ts';
import type { ContentType } from '../types.ts';

/** Everything the pipeline needs for one piece of content, resolved once. */
export interface PipelineOptions {
  /** Names the entry in markers (`sc:<key>#<span>`). */
  key: string;
  /** The SharedContext's namespace, named in markers (`sc:<key>@<namespace>#<span>`). */
  namespace?: string;
  query?: string;
  tokenizer: Tokenizer;
  router: Router;
  detectors?: readonly ContentDetector[];
  minTokens: number;
  /** Skip detection and route as this type. */
  contentType?: ContentType;
  targetRatio?: number;
  /** Nothing may be dropped: only lossless compressor results are taken. */
  lossless?: boolean;
}

/** What the pipeline produced. */
export interface PipelineResult {
  compressed: string;
  originalTokens: number;
  compressedTokens: number;
  transforms: string[];
  contentType: ContentType;
  detection: Detection;
  spans: DroppedSpan[];
  tokenizer: string;
  /** The compressor whose output was taken; undefined when the content passed through. */
  compressor?: string;
}
