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
  type SearchOriginalOptions,
  searchOriginal,
  spanText,
} from './retrieve.ts';
