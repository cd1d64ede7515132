// One install gives one import source: core's whole public API, plus the
// OpenAI Agents glue.
export * from '@sharedcontext/core';
export {
  type CompressModelInputFilter,
  type CompressModelInputOptions,
  compressModelInput,
  type ModelInputStats,
} from './call-model-input-filter.ts';
export {
  type CompressHandoffFilter,
  type CompressHandoffOptions,
  compressHandoff,
  type HandoffStats,
} from './handoff-input-filter.ts';
export {
  type RetrieveToolOptions,
  type RetrieveToolParameters,
  retrieveTool,
} from './retrieval-tool.ts';
