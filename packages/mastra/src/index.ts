export * from '@sharedcontext/core';
export {
  type CompressedStepOptions,
  compressedStep,
  type StepOutputRef,
} from './compressed-step.ts';
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
