// One install gives one import source: core's whole public API, plus the
// OpenAI Agents glue.
export * from '@sharedcontext/core';
export {
  type CompressModelInputFilter,
  type CompressModelInputOptions,
  compressModelInput,
  type ModelInputStats,
} from './call-model-input-filter.ts';
export type { ContextOptions } from './context-option.ts';
export {
  type CompressHandoffFilter,
  type CompressHandoffInputFilter,
  type CompressHandoffInputOptions,
  type CompressHandoffOptions,
  compressHandoff,
  compressHandoffInput,
  type HandoffStats,
} from './handoff-input-filter.ts';
export {
  type NestHandoffHistoryFilter,
  type NestHandoffHistoryOptions,
  nestHandoffHistory,
} from './nest-handoff-history.ts';
export {
  createRetrievalTool,
  type RetrievalToolOptions,
  type RetrievalToolParameters,
  type RetrieveToolOptions,
  type RetrieveToolParameters,
  retrieveTool,
} from './retrieval-tool.ts';
export {
  type TrimToolOutputsFilter,
  type TrimToolOutputsOptions,
  trimToolOutputs,
} from './trim-tool-outputs.ts';
