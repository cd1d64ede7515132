import {
  brand,
  hasMarker,
  SharedContextError,
} from './shared-context-error.ts';

const MARKER = 'sharedcontext.error.entry-not-found';

/** A key (or a marker's span) is missing or expired where one was required. */
export class EntryNotFoundError extends SharedContextError {
  readonly key: string;

  constructor({ key, message }: { key: string; message?: string }) {
    super({
      message:
        message ??
        `No entry for key ${JSON.stringify(key)}: it was never put, was deleted, evicted or has expired. Put it again or re-run the step that produced it.`,
      code: 'ENTRY_NOT_FOUND',
    });
    brand(this, MARKER);
    this.name = 'EntryNotFoundError';
    this.key = key;
  }

  static override isInstance(error: unknown): error is EntryNotFoundError {
    return hasMarker(error, MARKER);
  }
}
