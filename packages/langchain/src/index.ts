export * from '@sharedcontext/core';
export {
  compressToolMessage,
  SHAREDCONTEXT_KWARG,
  type SharedContextMessageInfo,
  sharedContextInfo,
  type ToolMessageCompressionOptions,
} from './compress-tool-message.ts';
export {
  type CompressToolResultsOptions,
  compressToolResults,
  type TokenCounter,
} from './compress-tool-results.ts';
export type {
  ContextSize,
  KeepSize,
} from './context-size.ts';
export {
  createRetrievalTool,
  type RetrievalToolOptions,
} from './retrieval-tool.ts';
export {
  type SharedContextMiddlewareOptions,
  sharedContextMiddleware,
} from './shared-context-middleware.ts';
