import { InvalidArgumentError, SharedContext } from '@sharedcontext/core';

/** The SharedContext options every filter of this adapter takes. */
export interface ContextOptions {
  /**
   * Where originals are stored; pass the one your `createRetrievalTool`
   * reads. @default new SharedContext({ model: 'gpt-4o' })
   */
  ctx?: SharedContext;
  /** @deprecated Use `ctx`; kept for one minor version. */
  context?: SharedContext;
  /** Passed to every `put`: re-encode only, drop nothing, no markers. @default the context's own */
  lossless?: boolean;
  /** The namespace of the context built when `ctx` is not given (with `ctx`, its own). */
  namespace?: string;
}

/** `ctx` (or the deprecated `context`), checked, or a fresh in-memory context. */
export function resolveContext(options: ContextOptions): SharedContext {
  const given = options.ctx ?? options.context;
  if (given === undefined)
    return new SharedContext({
      model: 'gpt-4o',
      ...(options.namespace === undefined
        ? {}
        : { namespace: options.namespace }),
    });
  if (typeof given !== 'object' || typeof given?.putSync !== 'function')
    throw new InvalidArgumentError({
      parameter: options.ctx === undefined ? 'context' : 'ctx',
      value: given,
      message: 'expected a SharedContext',
    });
  return given;
}
