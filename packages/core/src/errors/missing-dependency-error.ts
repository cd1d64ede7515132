import {
  brand,
  hasMarker,
  SharedContextError,
} from './shared-context-error.ts';

const MARKER = 'sharedcontext.error.missing-dependency';

/** An optional package or resource the caller asked for is not installed. */
export class MissingDependencyError extends SharedContextError {
  readonly packageName: string;

  constructor({
    packageName,
    message,
    cause,
  }: { packageName: string; message?: string; cause?: unknown }) {
    super({
      message:
        message ??
        `${packageName} is not installed. Install it with \`npm install ${packageName}\`.`,
      code: 'MISSING_DEPENDENCY',
      cause,
    });
    brand(this, MARKER);
    this.name = 'MissingDependencyError';
    this.packageName = packageName;
  }

  static override isInstance(error: unknown): error is MissingDependencyError {
    return hasMarker(error, MARKER);
  }
}
