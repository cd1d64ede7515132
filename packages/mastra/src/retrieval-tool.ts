import {
  createTool,
  type Tool,
  type ToolExecutionContext,
} from '@mastra/core/tools';
import { InvalidArgumentError, type SharedContext } from '@sharedcontext/core';
import { z } from 'zod';

/** Options of {@link createRetrievalTool}. */
export interface RetrievalToolOptions {
  /** The SharedContext whose markers the model will see. */
  ctx: SharedContext;
  /** The tool's id. @default 'sharedcontext_retrieve' */
  id?: string;
  /** What the model is told the tool does. @default a sentence on markers and keys */
  description?: string;
}

/** What the retrieval tool takes. */
export interface RetrievalToolInput {
  marker?: string | undefined;
  key?: string | undefined;
  query?: string | undefined;
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

const DESCRIPTION =
  'Fetches original content that was compressed away. Pass `marker` ' +
  '(the `[… · sc:key#n …]` text or `sc:key#n`) for exactly what it ' +
  'replaced, or `key` with an optional `query` for the matching lines ' +
  'of the original (without `query`: all of it).';

/**
 * A Mastra tool (`createTool`) that lets a model pull back what
 * compression dropped, by marker or by key and query.
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
  if (typeof options?.ctx?.retrieve !== 'function') {
    throw new InvalidArgumentError({
      parameter: 'ctx',
      value: options?.ctx,
      message: 'expected a SharedContext',
    });
  }
  const {
    ctx,
    id = 'sharedcontext_retrieve',
    description = DESCRIPTION,
  } = options;
  return createTool({
    id,
    description,
    inputSchema: z.object({
      marker: z.string().optional().describe('A marker, e.g. sc:logs#3'),
      key: z.string().optional().describe('An entry key'),
      query: z.string().optional().describe('With key: what to look for'),
    }),
    outputSchema: z.object({ found: z.boolean(), text: z.string() }),
    execute: async (input): Promise<RetrievalToolOutput> => {
      const text = await retrieve(ctx, input);
      return { found: text !== null, text: text ?? '' };
    },
  });
}

function retrieve(
  ctx: SharedContext,
  { marker, key, query }: RetrievalToolInput,
): Promise<string | null> {
  if (marker) return ctx.resolveMarker(marker);
  if (key) return ctx.retrieve(key, query ? { query } : {});
  throw new InvalidArgumentError({
    parameter: 'marker',
    value: marker,
    message: 'pass `marker`, or `key` with an optional `query`',
  });
}
