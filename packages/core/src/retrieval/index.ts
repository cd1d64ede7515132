export type { DroppedSpan } from './dropped-span.ts';
export {
  createMarkerSink,
  type DropOptions,
  formatMarker,
  MARKER_PATTERN,
  type MarkerRef,
  type MarkerSink,
  parseMarker,
  parseMarkers,
} from './retrieval-marker.ts';
export {
  RETRIEVAL_TOOL_ARGUMENT_DESCRIPTIONS,
  RETRIEVAL_TOOL_DESCRIPTION,
  RETRIEVAL_TOOL_NAME,
  RETRIEVAL_TOOL_PARAMETERS,
  type RetrievalToolArguments,
  type RetrievalToolDefinition,
  type RetrievalToolDefinitionOptions,
  type RetrievalToolJsonSchema,
  type RetrievalToolResult,
  retrievalToolDefinition,
  runRetrievalTool,
} from './retrieval-tool-definition.ts';
export {
  type SearchOriginalOptions,
  searchOriginal,
  spanText,
} from './retrieve.ts';
