import {
  brand,
  hasMarker,
  SharedContextError,
} from './shared-context-error.ts';

const MARKER = 'sharedcontext.error.unknown-model';

/** Raised only when the caller demands an exact tokenizer for a model id we cannot map. */
export class UnknownModelError extends SharedContextError {
  readonly modelId: string;

  constructor({ modelId }: { modelId: string }) {
    super({
      message: `No exact tokenizer is known for model ${JSON.stringify(modelId)}. Pass an OpenAI model id, or allow estimation.`,
      code: 'UNKNOWN_MODEL',
    });
    brand(this, MARKER);
    this.name = 'UnknownModelError';
    this.modelId = modelId;
  }

  static override isInstance(error: unknown): error is UnknownModelError {
    return hasMarker(error, MARKER);
  }
}
