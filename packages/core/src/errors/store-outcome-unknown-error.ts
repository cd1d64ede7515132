import { brand, hasMarker } from './shared-context-error.ts';
import { StoreDriverError, type StoreOperation } from './store-driver-error.ts';

const MARKER = 'sharedcontext.error.store-outcome-unknown';

/**
 * A write (`set`, `delete`, `clear`) reached the store, or may have, but
 * no answer came back: the command timed out or the connection dropped
 * while it was in flight. The store may or may not have applied it, so it
 * is reported as neither success nor a plain failure. Code
 * `STORE_OUTCOME_UNKNOWN`; also a `StoreDriverError`, so code that
 * handles store failures in general keeps working.
 */
export class StoreOutcomeUnknownError extends StoreDriverError {
  constructor({
    driver,
    operation,
    key,
    message,
    cause,
  }: {
    driver: string;
    operation: StoreOperation;
    key?: string;
    message?: string;
    cause?: unknown;
  }) {
    super({
      driver,
      operation,
      ...(key === undefined ? {} : { key }),
      message: `${message ?? (cause instanceof Error ? cause.message : String(cause))}; it may or may not have been applied`,
      cause,
      code: 'STORE_OUTCOME_UNKNOWN',
      advice:
        'Read the entry back to learn the outcome, or repeat the call: set, delete and clear give the same result when applied twice.',
    });
    brand(this, MARKER);
    this.name = 'StoreOutcomeUnknownError';
  }

  static override isInstance(
    error: unknown,
  ): error is StoreOutcomeUnknownError {
    return hasMarker(error, MARKER);
  }
}
