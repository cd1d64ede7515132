import {
  InvalidArgumentError,
  type RetrievalToolDefinition,
  type RetrievalToolDefinitionOptions,
  retrievalToolDefinition,
} from '@sharedcontext/core';

/** Options of {@link createRetrievalTool}: core's definition options. */
export type RetrievalToolOptions = RetrievalToolDefinitionOptions;

/**
 * The `sharedcontext_retrieve` tool for crew-style loops: core's
 * framework-free definition (name, description, JSON Schema of
 * `{ marker?, key?, query? }`, and `execute`). A hand-written loop calls
 * `execute` when its model asks for a marker; for KaibanJS, wrap it in the
 * LangChain `tool()` its agents take (docs/adapters/crew.md shows how), so
 * this package stays free of a LangChain dependency.
 *
 * @example
 * const retrieve = createRetrievalTool({ ctx });
 * const original = await retrieve.execute({ marker: 'sc:research->writer#2' });
 */
export function createRetrievalTool(
  options: RetrievalToolOptions,
): RetrievalToolDefinition {
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError({
      parameter: 'options',
      value: options,
      message: 'expected an options object',
    });
  return retrievalToolDefinition(options);
}
