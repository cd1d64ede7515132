const MARKER = 'sharedcontext.error';

/** Every error code SharedContext raises; `docs/errors.md` lists the fix for each. */
export type SharedContextErrorCode =
  | 'INVALID_ARGUMENT'
  | 'ENTRY_NOT_FOUND'
  | 'STORE_UNAVAILABLE'
  | 'STORE_CORRUPT'
  | 'STORE_OUTCOME_UNKNOWN'
  | 'MISSING_DEPENDENCY'
  | 'COMPRESSION_FAILED'
  | 'UNKNOWN_MODEL'
  | 'NOT_READY'
  | 'JSON_DECODE_FAILED';

export interface SharedContextErrorOptions {
  message: string;
  code?: SharedContextErrorCode;
  cause?: unknown;
}

/**
 * Base class of every error SharedContext throws. Check with
 * `SharedContextError.isInstance(error)` or `error.code`, never `instanceof`
 * across packages: two copies of core may be loaded side by side.
 */
export class SharedContextError extends Error {
  readonly code: SharedContextErrorCode;

  constructor({
    message,
    code = 'INVALID_ARGUMENT',
    cause,
  }: SharedContextErrorOptions) {
    super(
      message.startsWith('[sharedcontext]')
        ? message
        : `[sharedcontext] ${message}`,
      { cause },
    );
    brand(this, MARKER);
    this.name = 'SharedContextError';
    this.code = code;
  }

  static isInstance(error: unknown): error is SharedContextError {
    return hasMarker(error, MARKER);
  }
}

/** True when `error` carries the registry symbol `Symbol.for(marker)`. */
export function hasMarker(error: unknown, marker: string): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as Record<symbol, unknown>)[Symbol.for(marker)] === true
  );
}

/** Tags an error with `Symbol.for(marker)`, checked by `isInstance` across copies of core. */
export function brand(error: Error, marker: string): void {
  Object.defineProperty(error, Symbol.for(marker), {
    value: true,
    enumerable: false,
  });
}
