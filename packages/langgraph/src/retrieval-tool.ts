import { ToolMessage } from '@langchain/core/messages';
import { type DynamicStructuredTool, tool } from '@langchain/core/tools';
import {
  RETRIEVAL_TOOL_ARGUMENT_DESCRIPTIONS,
  type RetrievalToolDefinitionOptions,
  retrievalToolDefinition,
} from '@sharedcontext/core';
import { z } from 'zod';
import { SHAREDCONTEXT_KWARG } from './compress-message.ts';

/** Options of {@link createRetrievalTool}: core's definition options. */
export type RetrievalToolOptions = RetrievalToolDefinitionOptions;

// Core's argument names and texts; null or absent both mean "not given".
const RETRIEVAL_SCHEMA: z.ZodObject<{
  marker: z.ZodOptional<z.ZodNullable<z.ZodString>>;
  key: z.ZodOptional<z.ZodNullable<z.ZodString>>;
  query: z.ZodOptional<z.ZodNullable<z.ZodString>>;
}> = z.object({
  marker: z
    .string()
    .nullable()
    .optional()
    .describe(RETRIEVAL_TOOL_ARGUMENT_DESCRIPTIONS.marker),
  key: z
    .string()
    .nullable()
    .optional()
    .describe(RETRIEVAL_TOOL_ARGUMENT_DESCRIPTIONS.key),
  query: z
    .string()
    .nullable()
    .optional()
    .describe(RETRIEVAL_TOOL_ARGUMENT_DESCRIPTIONS.query),
});

/** The tool's input: a marker, or a key with an optional query. */
export type RetrievalToolInput = z.infer<typeof RETRIEVAL_SCHEMA>;

/** The LangChain tool {@link createRetrievalTool} returns. */
export type RetrievalTool = DynamicStructuredTool<
  typeof RETRIEVAL_SCHEMA,
  RetrievalToolInput,
  RetrievalToolInput,
  string | ToolMessage
>;

/**
 * The `sharedcontext_retrieve` tool, as a LangChain tool: with a `marker` it
 * returns exactly that span's original text, with `key` and `query` the
 * matching original lines (JSON: items), with `key` alone the whole
 * original. A gone entry or a malformed call is answered in words the model
 * can act on; a store failure fails the call. Called by a `ToolNode`, it
 * answers with a `ToolMessage` flagged in
 * `additional_kwargs.sharedcontext.retrieved`, which the compressing
 * reducers leave uncompressed; invoked directly it returns the text.
 *
 * @example
 * const retrieve = createRetrievalTool({ ctx });
 * const agent = createReactAgent({ llm, tools: [retrieve] });
 * // or directly:
 * const lines = await retrieve.invoke({ marker: 'sc:lg:tool:call_1.1x9k2c#2' });
 */
export function createRetrievalTool(
  options: RetrievalToolOptions,
): RetrievalTool {
  const definition = retrievalToolDefinition(options);
  return tool(
    async (args: RetrievalToolInput, config): Promise<string | ToolMessage> => {
      const text = await definition.execute(args);
      // Called by a ToolNode: answer with a ToolMessage flagged as retrieved,
      // so a compressing reducer does not compress the pulled-back text again.
      const toolCallId = config?.toolCall?.id;
      if (!toolCallId) return text;
      return new ToolMessage({
        content: text,
        name: definition.name,
        tool_call_id: toolCallId,
        additional_kwargs: {
          [SHAREDCONTEXT_KWARG]: {
            retrieved: args.marker ?? args.key ?? null,
          },
        },
      });
    },
    {
      name: definition.name,
      description: definition.description,
      schema: RETRIEVAL_SCHEMA,
    },
  );
}

/**
 * @deprecated Use `createRetrievalTool({ ctx })`, named
 * `sharedcontext_retrieve`. This alias keeps the old default name
 * `retrieve_context` for one minor version.
 */
export function retrievalTool(options: RetrievalToolOptions): RetrievalTool {
  return createRetrievalTool({ name: 'retrieve_context', ...options });
}
