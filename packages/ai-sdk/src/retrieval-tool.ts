import {
  type RetrievalToolArguments,
  type RetrievalToolDefinitionOptions,
  retrievalToolDefinition,
} from '@sharedcontext/core';
import { jsonSchema, type Tool, tool } from 'ai';

/** Options of {@link createRetrievalTool}. */
export type RetrievalToolOptions = RetrievalToolDefinitionOptions;

/**
 * The `sharedcontext_retrieve` tool built with the SDK's `tool()`: core's
 * one definition (description, JSON Schema of the arguments, `execute`).
 * Register it under its name, `sharedcontext_retrieve`. With `marker` it
 * returns exactly that dropped span, with `key` and `query` the matching
 * original lines (JSON: items), with `key` alone the whole original. A gone
 * entry or a malformed call comes back to the model as a sentence it can
 * act on; a store failure throws.
 *
 * @example
 * import { createRetrievalTool, SharedContext } from '@sharedcontext/ai-sdk';
 *
 * const ctx = new SharedContext();
 * const tools = { sharedcontext_retrieve: createRetrievalTool({ ctx }) };
 */
export function createRetrievalTool(
  options: RetrievalToolOptions,
): Tool<RetrievalToolArguments, string> {
  const definition = retrievalToolDefinition(options);
  return tool({
    description: definition.description,
    inputSchema: jsonSchema<RetrievalToolArguments>(
      definition.parameters as unknown as Parameters<typeof jsonSchema>[0],
    ),
    execute: (args: RetrievalToolArguments) => definition.execute(args),
  });
}
