export {
  COMPRESSION_END,
  CompressionEndEvent,
  type CompressionEndListener,
  type CompressionEvent,
} from './compression-event.ts';
