import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CompressorInput,
  createMarkerSink,
  estimateTokenizer,
  type MarkerSink,
} from '@sharedcontext/core';
// The generator lives with the benchmark, which runs it from its build; the
// tests reach it by path (it is private test tooling, never published).
import {
  type MakeTinyClassifierOptions,
  makeTinyClassifier,
  TINY_DROP_WORDS,
  type TinyClassifier,
} from '../../../../internal/bench/src/make-tiny-classifier.ts';

export { makeTinyClassifier, TINY_DROP_WORDS, type TinyClassifier };

/** A temp folder that plays `localModelPath`, and its cleanup. */
export async function modelFolder(): Promise<{ dir: string; dispose(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'sc-ml-'));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

/** Generates a tiny model into `dir`. */
export function tinyModel(dir: string, options: Omit<MakeTinyClassifierOptions, 'dir'>): Promise<TinyClassifier> {
  return makeTinyClassifier({ dir, ...options });
}

/** A compressor input as the pipeline builds it. */
export function textInput(
  content: string,
  extra: Partial<Omit<CompressorInput, 'content'>> = {},
): CompressorInput & { markers: MarkerSink } {
  const markers = createMarkerSink('doc');
  return {
    content,
    contentType: 'text',
    detection: { contentType: 'text', confidence: 1 },
    tokenizer: estimateTokenizer({ name: 'estimate:test' }),
    markers,
    compressPart: (part) => part,
    ...extra,
  } as CompressorInput & { markers: MarkerSink };
}

/** Whitespace-separated words of `text`. */
export function wordsOf(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** True when the word is one the tiny model drops (case-insensitive, edge punctuation ignored). */
export function isTinyDropWord(word: string): boolean {
  return TINY_DROP_WORDS.includes(word.toLowerCase());
}
