import {
  createTool,
  type Tool,
  type ToolExecutionContext,
} from '@mastra/core/tools';
import {
  InvalidArgumentError,
  RETRIEVAL_TOOL_ARGUMENT_DESCRIPTIONS,
  type RetrievalToolDefinitionOptions,
  retrievalToolDefinition,
  runRetrievalTool,
  type SharedContext,
} from '@sharedcontext/core';
import { z } from 'zod';

/** Options of {@link createRetrievalTool}. */
export interface RetrievalToolOptions {
  /** The SharedContext whose markers the model will see. */
  ctx: SharedContext;
  /** The tool's id. @default 'sharedcontext_retrieve' */
  id?: string;
  /** What the model is told the tool does. @default RETRIEVAL_TOOL_DESCRIPTION */
  description?: string;
  /** With `query`: at most this many lines or items. @default 200 */
  limit?: number;
}

/** What the retrieval tool takes. */
export interface RetrievalToolInput {
  marker?: string | null | undefined;
  key?: string | null | undefined;
  query?: string | null | undefined;
}

/** What the retrieval tool returns. */
export interface RetrievalToolOutput {
  /** False when the entry has expired or was never stored. */
  found: boolean;
  text: string;
}

/** A Mastra tool built by {@link createRetrievalTool}. */
export type RetrievalTool = Tool<
  RetrievalToolInput,
  RetrievalToolOutput,
  unknown,
  unknown,
  ToolExecutionContext<unknown, unknown, unknown>,
  string
>;

/**
 * The `sharedcontext_retrieve` tool as a Mastra tool (`createTool`): a model
 * pulls back what compression dropped, by marker or by key and query, and
 * gets `{ found, text }`. Name, argument names and texts are core's, shared
 * by every adapter; the model's mistakes and gone entries come back as
 * `{ found: false, text }` it can act on, and a store failure fails the call.
 *
 * @example
 * const agent = new Agent({
 *   id: 'analyst',
 *   name: 'analyst',
 *   instructions: 'Use sharedcontext_retrieve to expand a [… sc:… …] marker.',
 *   model,
 *   tools: { sharedcontext_retrieve: createRetrievalTool({ ctx }) },
 *   inputProcessors: [sharedContextProcessor({ ctx })],
 * });
 */
export function createRetrievalTool(
  options: RetrievalToolOptions,
): RetrievalTool {
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError({
      parameter: 'options',
      value: options,
      message: 'expected an options object',
    });
  const { id, ...rest } = options;
  const definition = retrievalToolDefinition({
    ...rest,
    ...(id === undefined ? {} : { name: id }),
  } as RetrievalToolDefinitionOptions);
  return createTool({
    id: definition.name,
    description: definition.description,
    inputSchema: z.object({
      marker: z
        .string()
        .nullish()
        .describe(RETRIEVAL_TOOL_ARGUMENT_DESCRIPTIONS.marker),
      key: z
        .string()
        .nullish()
        .describe(RETRIEVAL_TOOL_ARGUMENT_DESCRIPTIONS.key),
      query: z
        .string()
        .nullish()
        .describe(RETRIEVAL_TOOL_ARGUMENT_DESCRIPTIONS.query),
    }),
    outputSchema: z.object({ found: z.boolean(), text: z.string() }),
    execute: (input): Promise<RetrievalToolOutput> =>
      runRetrievalTool(
        {
          ...rest,
          ...(id === undefined ? {} : { name: id }),
        } as RetrievalToolDefinitionOptions,
        input,
      ),
  });
}
