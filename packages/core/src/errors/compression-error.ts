import {
  brand,
  hasMarker,
  SharedContextError,
} from './shared-context-error.ts';

const MARKER = 'sharedcontext.error.compression';

/**
 * A compressor failed. The pipeline catches it, keeps the original and names
 * the failure in the transform labels; it reaches callers only from APIs that
 * run one compressor directly.
 */
export class CompressionError extends SharedContextError {
  readonly compressor: string;
  readonly contentType: string;

  constructor({
    compressor,
    contentType,
    message,
    cause,
  }: {
    compressor: string;
    contentType: string;
    message?: string;
    cause?: unknown;
  }) {
    const why =
      message ?? (cause instanceof Error ? cause.message : String(cause));
    super({
      message: `Compressor ${compressor} failed on ${contentType} content: ${why}`,
      code: 'COMPRESSION_FAILED',
      cause,
    });
    brand(this, MARKER);
    this.name = 'CompressionError';
    this.compressor = compressor;
    this.contentType = contentType;
  }

  static override isInstance(error: unknown): error is CompressionError {
    return hasMarker(error, MARKER);
  }
}
