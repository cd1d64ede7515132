import { type FunctionTool, tool } from '@openai/agents';
import {
  InvalidArgumentError,
  RETRIEVAL_TOOL_ARGUMENT_DESCRIPTIONS,
  type RetrievalToolDefinitionOptions,
  retrievalToolDefinition,
  type SharedContext,
} from '@sharedcontext/core';
import { z } from 'zod';

/** Options of {@link createRetrievalTool}: core's definition options. */
export type RetrievalToolOptions = RetrievalToolDefinitionOptions;

/** The zod schema of the retrieval tool's arguments. */
export type RetrievalToolParameters = z.ZodObject<{
  marker: z.ZodNullable<z.ZodString>;
  key: z.ZodNullable<z.ZodString>;
  query: z.ZodNullable<z.ZodString>;
}>;

// Strict function schemas need every field present, so "absent" is null;
// the field names and texts are core's, shared by every adapter.
const parameters: RetrievalToolParameters = z.object({
  marker: z
    .string()
    .nullable()
    .describe(RETRIEVAL_TOOL_ARGUMENT_DESCRIPTIONS.marker),
  key: z.string().nullable().describe(RETRIEVAL_TOOL_ARGUMENT_DESCRIPTIONS.key),
  query: z
    .string()
    .nullable()
    .describe(RETRIEVAL_TOOL_ARGUMENT_DESCRIPTIONS.query),
});

/**
 * The `sharedcontext_retrieve` function tool: gives the agent back what
 * compression dropped, byte for byte. With `marker`, exactly that span; with
 * `key`, the whole original; with `key` and `query`, the original lines
 * (JSON: items) that match. The model's own mistakes and gone entries come
 * back as text; a store failure fails the call. Give it the SharedContext
 * your filters store originals in.
 *
 * @example
 * const ctx = new SharedContext({ model: 'gpt-4o' });
 * const specialist = new Agent({
 *   name: 'Specialist',
 *   instructions: 'Markers like [… · sc:key#3 …] stand for dropped text; call sharedcontext_retrieve to read it.',
 *   tools: [createRetrievalTool({ ctx })],
 * });
 */
export function createRetrievalTool(
  options: RetrievalToolOptions,
): FunctionTool<unknown, RetrievalToolParameters, string> {
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError({
      parameter: 'options',
      value: options,
      message: 'expected an options object',
    });
  const definition = retrievalToolDefinition(options);
  return tool({
    name: definition.name,
    description: definition.description,
    parameters,
    execute: (args): Promise<string> => definition.execute(args),
  });
}

/** Options of the deprecated {@link retrieveTool}. */
export interface RetrieveToolOptions {
  /** @default 'retrieve_context' */
  name?: string;
  description?: string;
}

/**
 * @deprecated Use `createRetrievalTool({ ctx })`, named
 * `sharedcontext_retrieve`. This alias keeps the old positional context and
 * the old default name `retrieve_context` for one minor version.
 */
export function retrieveTool(
  context: SharedContext,
  options: RetrieveToolOptions = {},
): FunctionTool<unknown, RetrievalToolParameters, string> {
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError({
      parameter: 'options',
      value: options,
      message: 'expected an options object',
    });
  return createRetrievalTool({
    ctx: context,
    name: options.name ?? 'retrieve_context',
    ...(options.description === undefined
      ? {}
      : { description: options.description }),
  });
}

/** @deprecated Renamed {@link RetrievalToolParameters}. */
export type RetrieveToolParameters = RetrievalToolParameters;
