export {
  type CompressOptions,
  type CompressResult,
  compress,
  compressSync,
  prepare,
} from './compress.ts';
export {
  type Compressor,
  type CompressorInput,
  type CompressorResult,
  createRouter,
  defaultCompressors,
  type JsonCompressorOptions,
  jsonCompressor,
  type RouteOutcome,
  type Router,
  type RouterOptions,
} from './compressors/index.ts';
export {
  type AgentStats,
  type ContextEntry,
  type SharedContextStats,
  savingsPercent,
} from './context-entry.ts';
export { DEFAULTS } from './defaults.ts';
export {
  type ContentDetector,
  type DetectContentTypeOptions,
  type Detection,
  defaultDetectors,
  detectContentType,
  jsonDetector,
} from './detect/index.ts';
export {
  CompressionError,
  EntryNotFoundError,
  InvalidArgumentError,
  MissingDependencyError,
  NotReadyError,
  SharedContextError,
  type SharedContextErrorCode,
  type SharedContextErrorOptions,
  StoreDriverError,
  type StoreOperation,
  UnknownModelError,
} from './errors/index.ts';
export type { PipelineOptions, PipelineResult } from './pipeline/index.ts';
export {
  createMarkerSink,
  type DropOptions,
  type DroppedSpan,
  formatMarker,
  MARKER_PATTERN,
  type MarkerRef,
  type MarkerSink,
  parseMarker,
  parseMarkers,
  type SearchOriginalOptions,
  searchOriginal,
  spanText,
} from './retrieval/index.ts';
export {
  type GetOptions,
  type PutOptions,
  type RetrieveOptions,
  SharedContext,
  type SharedContextOptions,
} from './shared-context.ts';
export {
  decodeEntry,
  decodeMeta,
  ENTRY_FORMAT_VERSION,
  type EntryMeta,
  encodeEntry,
  keysToEvict,
  memoryDriver,
  type StoreDriver,
  type StoreDriverFactory,
  type StoreDriverFlags,
  type StoredMeta,
  type StoredRecord,
  type StoreSetOptions,
  type StoreSetResult,
} from './store/index.ts';
export {
  type EstimateTokenizerOptions,
  estimateTokenizer,
  type TiktokenEncoding,
  type Tokenizer,
  type TokenizerForModelOptions,
  tiktokenTokenizer,
  tokenizerForModel,
} from './tokenizer/index.ts';
export { CONTENT_TYPES, type ContentType, type MaybePromise } from './types.ts';
