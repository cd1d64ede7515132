import {
  brand,
  hasMarker,
  SharedContextError,
} from './shared-context-error.ts';

const MARKER = 'sharedcontext.error.invalid-argument';

/** A public function got an argument it cannot use; `parameter` names it. */
export class InvalidArgumentError extends SharedContextError {
  readonly parameter: string;
  readonly value: unknown;

  constructor({
    parameter,
    value,
    message,
  }: { parameter: string; value: unknown; message: string }) {
    super({
      message: `Invalid argument for ${parameter}: ${message}`,
      code: 'INVALID_ARGUMENT',
    });
    brand(this, MARKER);
    this.name = 'InvalidArgumentError';
    this.parameter = parameter;
    this.value = value;
  }

  static override isInstance(error: unknown): error is InvalidArgumentError {
    return hasMarker(error, MARKER);
  }
}
