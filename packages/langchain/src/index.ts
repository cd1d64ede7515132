export * from '@sharedcontext/core';
export {
  type ContextSize,
  type KeepSize,
} from './context-size.ts';
export {
  SHAREDCONTEXT_KWARG,
  type SharedContextMessageInfo,
  sharedContextInfo,
  type ToolMessageCompressionOptions,
  compressToolMessage,
} from './compress-tool-message.ts';
export {
  type CompressToolResultsOptions,
  compressToolResults,
  type TokenCounter,
} from './compress-tool-results.ts';
export {
  createRetrievalTool,
  type RetrievalToolOptions,
} from './retrieval-tool.ts';
export {
  type SharedContextMiddlewareOptions,
  sharedContextMiddleware,
} from './shared-context-middleware.ts';
