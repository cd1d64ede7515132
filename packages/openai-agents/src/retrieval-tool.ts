import { type FunctionTool, tool } from '@openai/agents';
import {
  EntryNotFoundError,
  InvalidArgumentError,
  type SharedContext,
} from '@sharedcontext/core';
import { z } from 'zod';

/** Options of {@link retrieveTool}. */
export interface RetrieveToolOptions {
  /**
   * The tool name the model sees.
   * @default 'retrieve_context'
   */
  name?: string;
  /** The tool description the model sees. @default a description of markers and keys */
  description?: string;
}

// Strict function schemas need every field present, so "absent" is null.
const parameters: RetrieveToolParameters = z.object({
  marker: z
    .string()
    .nullable()
    .describe(
      'A marker copied from the conversation, e.g. "[… 340 lines omitted · sc:handoff:call_1.ab12cd34#3 …]" or "handoff:call_1.ab12cd34#3".',
    ),
  key: z
    .string()
    .nullable()
    .describe(
      'An entry key (the part between "sc:" and "#" in a marker), to read its original or search it.',
    ),
  query: z
    .string()
    .nullable()
    .describe(
      'With key: words to look for; returns only the matching original lines (JSON: items).',
    ),
});

/** The zod schema of {@link retrieveTool}'s parameters. */
export type RetrieveToolParameters = z.ZodObject<{
  marker: z.ZodNullable<z.ZodString>;
  key: z.ZodNullable<z.ZodString>;
  query: z.ZodNullable<z.ZodString>;
}>;

const DESCRIPTION =
  'Gets back content that was compressed out of the conversation. Text like "[… 340 lines omitted · sc:<key>#<n> …]" marks what was dropped: pass that marker to get exactly the dropped text. Pass a key alone for the whole original, or a key and a query for the original lines that match.';

/**
 * A function tool that gives the receiving agent back what compression
 * dropped, byte for byte: with `marker`, exactly that span; with `key`, the
 * whole original; with `key` and `query`, the original lines (JSON: items)
 * that match. Give it the SharedContext your filters store originals in.
 *
 * @example
 * const filter = compressHandoff();
 * await filter.ready();
 * const specialist = new Agent({
 *   name: 'Specialist',
 *   instructions: 'Markers like [… · sc:key#3 …] stand for dropped text; call retrieve_context to read it.',
 *   tools: [retrieveTool(filter.context)],
 * });
 */
export function retrieveTool(
  context: SharedContext,
  options: RetrieveToolOptions = {},
): FunctionTool<unknown, RetrieveToolParameters, string> {
  if (
    typeof context !== 'object' ||
    context === null ||
    typeof context.retrieve !== 'function'
  ) {
    throw new InvalidArgumentError({
      parameter: 'context',
      value: context,
      message: 'expected a SharedContext',
    });
  }
  const { name = 'retrieve_context', description = DESCRIPTION } = options;
  return tool({
    name,
    description,
    parameters,
    async execute({ marker, key, query }): Promise<string> {
      try {
        if (marker) {
          const text = key
            ? await context.retrieve(key, { marker })
            : await context.resolveMarker(marker);
          return (
            text ??
            `Nothing stored for ${marker}: the entry expired or was evicted.`
          );
        }
        if (key) {
          const text = await context.retrieve(key, query ? { query } : {});
          if (text === null)
            return `Nothing stored under key ${JSON.stringify(key)}: it expired or was evicted.`;
          return query && text === ''
            ? `No line of ${JSON.stringify(key)} matches ${JSON.stringify(query)}.`
            : text;
        }
        return 'Pass a marker, or a key (with an optional query).';
      } catch (error) {
        // The model's own mistakes (a malformed marker, a span that is not
        // there) go back to it as the tool's answer, which the SDK's default
        // error message would hide; a store failure still fails the call.
        if (
          InvalidArgumentError.isInstance(error) ||
          EntryNotFoundError.isInstance(error)
        )
          return error.message;
        throw error;
      }
    },
  });
}
