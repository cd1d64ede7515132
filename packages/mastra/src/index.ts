export * from '@sharedcontext/core';
export {
  type CompressedStepOptions,
  compressedStep,
  type StepOutputRef,
} from './compressed-step.ts';
export {
  type CompressDelegationHooks,
  type CompressDelegationOptions,
  compressDelegation,
} from './delegation-hooks.ts';
export {
  createRetrievalTool,
  type RetrievalTool,
  type RetrievalToolInput,
  type RetrievalToolOptions,
  type RetrievalToolOutput,
} from './retrieval-tool.ts';
export {
  type CompressedPart,
  type SharedContextProcessorOptions,
  sharedContextProcessor,
} from './shared-context-processor.ts';
export {
  type CompressToolResultsOptions,
  compressToolResults,
} from './tool-result-processor.ts';
