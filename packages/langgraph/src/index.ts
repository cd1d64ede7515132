export * from '@sharedcontext/core';
export {
  type CompressHandoffOptions,
  type CompressMessagesOptions,
  compressHandoff,
  compressMessages,
} from './compress-handoff.ts';
export {
  type CompressibleMessageKind,
  type MessageCompressionOptions,
  messageKey,
  SHAREDCONTEXT_KWARG,
  type SharedContextMessageInfo,
  sharedContextInfo,
} from './compress-message.ts';
export {
  type CompressingMessagesReducerOptions,
  type CompressingReducerOptions,
  compressingMessagesReducer,
  compressingReducer,
  withFlush,
} from './handoff-reducer.ts';
export {
  type HandoffRecord,
  type HandoffRecordKind,
  type HandoffStats,
  type HandoffTotals,
  handoffStats,
  resetHandoffStats,
} from './handoff-stats.ts';
export {
  type CompressingHandoffToolOptions,
  compressingHandoffTool,
} from './handoff-tool.ts';
export {
  createRetrievalTool,
  type RetrievalTool,
  type RetrievalToolInput,
  type RetrievalToolOptions,
  retrievalTool,
} from './retrieval-tool.ts';
export {
  type CompressedItemValue,
  SharedContextStore,
  type SharedContextStoreOptions,
} from './shared-context-store.ts';
