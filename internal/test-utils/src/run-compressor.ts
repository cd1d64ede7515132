import {
  type Compressor,
  type CompressorResult,
  type ContentType,
  createMarkerSink,
  type Detection,
  type DroppedSpan,
  type Tokenizer,
} from '@sharedcontext/core';

/** Options of {@link runCompressor}. */
export interface RunCompressorOptions {
  tokenizer: Tokenizer;
  /** @default the compressor's first content type */
  contentType?: ContentType;
  /** @default `{ contentType, confidence: 1 }` */
  detection?: Detection;
  query?: string;
  targetRatio?: number;
  /** Names the entry in markers. @default 'k' */
  key?: string;
}

/**
 * Runs one compressor directly and synchronously, as the pipeline would,
 * and returns its result with the spans its markers recorded. Parts of
 * mixed content pass through unchanged.
 */
export function runCompressor(
  compressor: Compressor,
  content: string,
  {
    tokenizer,
    contentType = compressor.contentTypes[0]!,
    detection,
    query,
    targetRatio,
    key = 'k',
  }: RunCompressorOptions,
): CompressorResult & { spans: readonly DroppedSpan[] } {
  const markers = createMarkerSink(key);
  const result = compressor.compress({
    content,
    contentType,
    detection: detection ?? { contentType, confidence: 1 },
    tokenizer,
    markers,
    ...(query ? { query } : {}),
    ...(targetRatio ? { targetRatio } : {}),
    compressPart: (part) => part,
  });
  if (result instanceof Promise) {
    throw new Error(
      `${compressor.name} returned a promise; runCompressor runs the synchronous path`,
    );
  }
  return { ...result, spans: markers.spans };
}
