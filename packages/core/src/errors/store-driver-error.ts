import {
  brand,
  hasMarker,
  SharedContextError,
} from './shared-context-error.ts';

const MARKER = 'sharedcontext.error.store-driver';

/** Which store operation failed; shown in the message and on the error. */
export type StoreOperation =
  | 'get'
  | 'set'
  | 'delete'
  | 'list'
  | 'clear'
  | 'connect'
  | 'decode'
  | 'dispose';

/**
 * A store driver failed. `code` is `STORE_UNAVAILABLE` when the backend could
 * not be reached, `STORE_CORRUPT` when a stored value under our namespace
 * cannot be decoded (then `key` names it), `STORE_OUTCOME_UNKNOWN` when a
 * write was sent but its answer never came (see `StoreOutcomeUnknownError`).
 */
export class StoreDriverError extends SharedContextError {
  readonly driver: string;
  readonly operation: StoreOperation;
  readonly key: string | undefined;

  constructor({
    driver,
    operation,
    key,
    message,
    cause,
    code = 'STORE_UNAVAILABLE',
    advice = 'Check that the store is reachable; nothing was silently dropped.',
  }: {
    driver: string;
    operation: StoreOperation;
    key?: string;
    message?: string;
    cause?: unknown;
    code?: 'STORE_UNAVAILABLE' | 'STORE_CORRUPT' | 'STORE_OUTCOME_UNKNOWN';
    /** The last sentence of the message: what to do. */
    advice?: string;
  }) {
    const why =
      message ?? (cause instanceof Error ? cause.message : String(cause));
    const where = key === undefined ? '' : ` for key ${JSON.stringify(key)}`;
    super({
      message: `[${driver}] ${operation} failed${where}: ${why}. ${advice}`,
      code,
      cause,
    });
    brand(this, MARKER);
    this.name = 'StoreDriverError';
    this.driver = driver;
    this.operation = operation;
    this.key = key;
  }

  static override isInstance(error: unknown): error is StoreDriverError {
    return hasMarker(error, MARKER);
  }
}
