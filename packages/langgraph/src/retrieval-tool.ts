import { ToolMessage } from '@langchain/core/messages';
import { type DynamicStructuredTool, tool } from '@langchain/core/tools';
import { InvalidArgumentError, type SharedContext } from '@sharedcontext/core';
import { z } from 'zod';
import { SHAREDCONTEXT_KWARG } from './compress-message.ts';

/** Options of {@link retrievalTool}. */
export interface RetrievalToolOptions {
  /** The SharedContext the compressed messages came from. */
  ctx: SharedContext;
  /** The tool's name as the model sees it. @default 'retrieve_context' */
  name?: string;
  /** Shown to the model. @default a sentence explaining markers and key + query */
  description?: string;
  /** With `query`: at most this many lines or items. @default 200 */
  limit?: number;
}

const RETRIEVAL_SCHEMA: z.ZodObject<{
  marker: z.ZodOptional<z.ZodString>;
  key: z.ZodOptional<z.ZodString>;
  query: z.ZodOptional<z.ZodString>;
}> = z.object({
  marker: z
    .string()
    .optional()
    .describe(
      'A marker copied from the context, such as `[… 340 lines omitted · sc:lg:tool:call_1.1x9k2c#3 …]` or just `sc:lg:tool:call_1.1x9k2c#3`.',
    ),
  key: z
    .string()
    .optional()
    .describe(
      'An entry key (the part after `sc:` and before `#`), to search or read the whole original.',
    ),
  query: z
    .string()
    .optional()
    .describe(
      'With `key`: words to look for; the matching original lines or items come back.',
    ),
});

/** The tool's input: a marker, or a key with an optional query. */
export type RetrievalToolInput = z.infer<typeof RETRIEVAL_SCHEMA>;

const DEFAULT_DESCRIPTION =
  'Pull back content that was compressed out of the context. Pass `marker` (copied from a `[… · sc:key#n …]` marker) for exactly that omitted part, or `key` plus `query` for the original lines that match, or `key` alone for the whole original.';

/**
 * A LangChain tool a model calls to pull dropped content back: with a
 * `marker` it returns exactly that span's original text, with `key` and
 * `query` the matching original lines (JSON: items), with `key` alone the
 * whole original. A gone entry (expired or evicted) is reported to the model
 * in words; a call with neither marker nor key throws `InvalidArgumentError`
 * (a `ToolNode` turns it into an error message for the model). Called by a
 * `ToolNode`, it answers with a `ToolMessage` flagged in
 * `additional_kwargs.sharedcontext.retrieved`, which the compressing
 * reducers leave uncompressed; invoked directly it returns the text.
 *
 * @example
 * const retrieve = retrievalTool({ ctx });
 * const agent = createReactAgent({ llm, tools: [retrieve] });
 * // or directly:
 * const lines = await retrieve.invoke({ marker: 'sc:lg:tool:call_1.1x9k2c#2' });
 */
export function retrievalTool(
  options: RetrievalToolOptions,
): DynamicStructuredTool<
  typeof RETRIEVAL_SCHEMA,
  RetrievalToolInput,
  RetrievalToolInput,
  string | ToolMessage
> {
  if (
    typeof options !== 'object' ||
    options === null ||
    typeof options.ctx?.retrieve !== 'function'
  ) {
    throw new InvalidArgumentError({
      parameter: 'ctx',
      value: options?.ctx,
      message: 'retrievalTool needs { ctx: SharedContext }',
    });
  }
  const {
    ctx,
    name = 'retrieve_context',
    description = DEFAULT_DESCRIPTION,
    limit,
  } = options;
  return tool(
    async (
      { marker, key, query }: RetrievalToolInput,
      config,
    ): Promise<string | ToolMessage> => {
      const text = await lookUp({ marker, key, query });
      // Called by a ToolNode: answer with a ToolMessage flagged as retrieved,
      // so a compressing reducer does not compress the pulled-back text again.
      const toolCallId = config?.toolCall?.id;
      if (!toolCallId) return text;
      return new ToolMessage({
        content: text,
        name,
        tool_call_id: toolCallId,
        additional_kwargs: {
          [SHAREDCONTEXT_KWARG]: { retrieved: marker ?? key },
        },
      });
    },
    { name, description, schema: RETRIEVAL_SCHEMA },
  );

  async function lookUp({
    marker,
    key,
    query,
  }: RetrievalToolInput): Promise<string> {
    let text: string | null;
    if (marker) text = await ctx.resolveMarker(marker);
    else if (key)
      text = await ctx.retrieve(key, {
        ...(query ? { query } : {}),
        ...(limit ? { limit } : {}),
      });
    else
      throw new InvalidArgumentError({
        parameter: 'marker',
        value: marker,
        message: 'pass a `marker`, or a `key` (with an optional `query`)',
      });
    if (text === null)
      return `No stored original for ${JSON.stringify(marker ?? key)}: it expired or was evicted.`;
    if (text === '' && query)
      return `No line of ${JSON.stringify(key)} matches ${JSON.stringify(query)}.`;
    return text;
  }
}
