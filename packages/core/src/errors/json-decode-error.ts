import {
  brand,
  hasMarker,
  SharedContextError,
} from './shared-context-error.ts';

const MARKER = 'sharedcontext.error.json-decode';

/**
 * `decodeJson` was given text that is neither JSON nor a view the JSON
 * compressor writes (or a view that was edited or cut). `line` is the
 * 1-based line where reading failed.
 */
export class JsonDecodeError extends SharedContextError {
  readonly line: number;

  constructor({ line, message }: { line: number; message: string }) {
    super({
      message: `Cannot decode JSON view at line ${line}: ${message}`,
      code: 'JSON_DECODE_FAILED',
    });
    brand(this, MARKER);
    this.name = 'JsonDecodeError';
    this.line = line;
  }

  static override isInstance(error: unknown): error is JsonDecodeError {
    return hasMarker(error, MARKER);
  }
}
