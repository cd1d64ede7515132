import {
  type RetrievalToolArguments,
  type RetrievalToolDefinitionOptions,
  retrievalToolDefinition,
} from '@sharedcontext/core';
import { type DynamicStructuredTool, tool } from 'langchain';

/** Options of {@link createRetrievalTool}. */
export type RetrievalToolOptions = RetrievalToolDefinitionOptions;

/**
 * The `sharedcontext_retrieve` tool as a LangChain tool: core's one
 * definition (name, description, argument schema) wrapped in `tool()`.
 * With `marker` it returns exactly that dropped span, with `key` and
 * `query` the matching original lines (JSON: items), with `key` alone the
 * whole original. A gone entry or a malformed call comes back to the
 * model as a sentence it can act on; a store failure throws.
 * `sharedContextMiddleware` adds it to the agent itself.
 *
 * @example
 * import { createRetrievalTool, SharedContext } from '@sharedcontext/langchain';
 *
 * const ctx = new SharedContext();
 * await ctx.put('logs', 'line one\nline two');
 * const retrieve = createRetrievalTool({ ctx });
 * const text = await retrieve.invoke({ key: 'logs', query: 'two' }); // 'line two'
 */
export function createRetrievalTool(
  options: RetrievalToolOptions,
): DynamicStructuredTool {
  const definition = retrievalToolDefinition(options);
  return tool((args: RetrievalToolArguments) => definition.execute(args), {
    name: definition.name,
    description: definition.description,
    schema: definition.parameters,
  }) as unknown as DynamicStructuredTool;
}
