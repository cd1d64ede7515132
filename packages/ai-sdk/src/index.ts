export * from '@sharedcontext/core';
export {
  type CompressToolResultsOptions,
  compressToolResults,
  sharedContextPrepareStep,
} from './compress-tool-results.ts';
export {
  type CompressedToolOptions,
  compressedTool,
  compressedTools,
} from './compressed-tool.ts';
export type { HistorySize, KeepSize } from './context-size.ts';
export {
  createRetrievalTool,
  type RetrievalToolOptions,
} from './retrieval-tool.ts';
export {
  compressToolOutput,
  SHAREDCONTEXT_KEY,
  type SharedContextOutputInfo,
  sharedContextInfo,
  type ToolOutput,
  type ToolOutputCall,
  type ToolOutputCompressionOptions,
} from './tool-output.ts';
