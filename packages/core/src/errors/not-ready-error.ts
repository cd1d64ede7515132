import {
  brand,
  hasMarker,
  SharedContextError,
} from './shared-context-error.ts';

const MARKER = 'sharedcontext.error.not-ready';

/** A synchronous API was called before `await ready()` loaded what it needs. */
export class NotReadyError extends SharedContextError {
  readonly what: string;

  constructor({ what }: { what: string }) {
    super({
      message: `${what} is not loaded yet. Call \`await ctx.ready()\` (or \`await prepare()\`) once before using the synchronous API.`,
      code: 'NOT_READY',
    });
    brand(this, MARKER);
    this.name = 'NotReadyError';
    this.what = what;
  }

  static override isInstance(error: unknown): error is NotReadyError {
    return hasMarker(error, MARKER);
  }
}
