import type { DroppedSpan } from './retrieval/dropped-span.ts';
import type { ContentType } from './types.ts';

/** One shared piece of context: the original, what agents read, and the numbers. */
export interface ContextEntry {
  key: string;
  /** The agent that wrote it, or null. */
  agent: string | null;
  /** The original content, byte for byte (non-strings as their JSON). */
  original: string;
  /** What a receiving agent reads. */
  compressed: string;
  originalTokens: number;
  compressedTokens: number;
  /** `(1 - compressed/original) * 100`, rounded to 0.1; 0 when the original is empty. */
  savingsPercent: number;
  /** Epoch seconds of the last write. */
  timestamp: number;
  /** Epoch seconds after which the entry is gone. */
  expiresAt: number;
  /** e.g. `['router:json:0.20', 'json:table']`: the router's label, then one per stage. */
  transforms: string[];
  /** Which tokenizer counted: `o200k_base`, `cl100k_base`, `estimate:claude`, ... */
  tokenizer: string;
  contentType: ContentType;
  /** The spans dropped from `compressed`, each named by a marker in it. */
  spans: DroppedSpan[];
  /** The compressor whose output was taken (`code`, `json`, ...); absent when the content is stored as is. */
  compressor?: string;
}

/** Totals over the live entries of a SharedContext. */
export interface SharedContextStats {
  entries: number;
  totalOriginalTokens: number;
  totalCompressedTokens: number;
  totalTokensSaved: number;
  /** Rounded to 0.1; 0 when empty. */
  savingsPercent: number;
  /** The same totals per writing agent (`(none)` for entries without one). */
  agents: Record<string, AgentStats>;
  /**
   * Live entries per compressor whose output was taken (`code`, `json`,
   * `text`, ...); `(none)` counts entries stored as they were.
   */
  compressors: Record<string, number>;
}

/** Totals for one agent's entries. */
export interface AgentStats {
  entries: number;
  originalTokens: number;
  compressedTokens: number;
  tokensSaved: number;
  savingsPercent: number;
}

/** `(1 - compressed/original) * 100` rounded to one decimal; 0 for an empty original. */
export function savingsPercent(
  originalTokens: number,
  compressedTokens: number,
): number {
  if (originalTokens <= 0) return 0;
  return Math.round((1 - compressedTokens / originalTokens) * 1000) / 10;
}
