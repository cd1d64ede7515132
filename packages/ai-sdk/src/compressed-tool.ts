import { InvalidArgumentError, RETRIEVAL_TOOL_NAME } from '@sharedcontext/core';
import type { Tool, ToolSet } from 'ai';
import {
  compressToolOutput,
  type ToolOutput,
  type ToolOutputCompressionOptions,
} from './tool-output.ts';

/** Options of {@link compressedTool} and {@link compressedTools}. */
export interface CompressedToolOptions extends ToolOutputCompressionOptions {
  /** The tool's name, reported in the savings event (`compressedTools` sets each key). */
  name?: string;
}

// What the SDK sends when a tool has no `toModelOutput` of its own.
function defaultOutput(output: unknown): ToolOutput {
  return typeof output === 'string'
    ? { type: 'text', value: output }
    : { type: 'json', value: (output ?? null) as never };
}

function assertOptions(options: CompressedToolOptions, caller: string): void {
  if (
    typeof options !== 'object' ||
    options === null ||
    typeof options.ctx?.put !== 'function'
  )
    throw new InvalidArgumentError({
      parameter: 'ctx',
      value: (options as { ctx?: unknown } | null)?.ctx,
      message: `${caller} needs { ctx: SharedContext }`,
    });
}

/**
 * `tool` with a `toModelOutput` that compresses its result for the model:
 * the original goes to the SharedContext and the model reads the
 * compressed text, markers where something was dropped, while the
 * application still gets the full result (`toolResults`, `steps`,
 * `onStepFinish`). A `toModelOutput` of the tool's own runs first; its
 * text or JSON is what gets compressed.
 *
 * @example
 * import { compressedTool, SharedContext } from '@sharedcontext/ai-sdk';
 * import { jsonSchema, tool } from 'ai';
 *
 * const ctx = new SharedContext({ model: 'gpt-4o' });
 * const fetchOrders = tool({
 *   description: 'Lists the open orders.',
 *   inputSchema: jsonSchema<{ customer: string }>({
 *     type: 'object',
 *     properties: { customer: { type: 'string' } },
 *     required: ['customer'],
 *   }),
 *   execute: async ({ customer }) =>
 *     Array.from({ length: 500 }, (_, id) => ({ id, customer, status: 'open' })),
 * });
 * const tools = { fetchOrders: compressedTool(fetchOrders, { ctx }) };
 */
export function compressedTool<TOOL extends Tool>(
  tool: TOOL,
  options: CompressedToolOptions,
): TOOL {
  assertOptions(options, 'compressedTool');
  const own = tool.toModelOutput;
  return {
    ...tool,
    toModelOutput: async (call: {
      toolCallId: string;
      input: unknown;
      output: unknown;
    }) => {
      const output = own
        ? await own(call as Parameters<typeof own>[0])
        : defaultOutput(call.output);
      return compressToolOutput(
        output,
        {
          toolCallId: call.toolCallId,
          ...(options.name ? { toolName: options.name } : {}),
        },
        options,
      );
    },
  } as TOOL;
}

/**
 * Every tool of `tools` wrapped by {@link compressedTool}, except one
 * registered as `sharedcontext_retrieve` (its answers are what the model
 * asked to read whole): a new object, the tools passed in are not changed.
 *
 * @example
 * import { compressedTools, createRetrievalTool, SharedContext } from '@sharedcontext/ai-sdk';
 * import { jsonSchema, tool } from 'ai';
 *
 * const ctx = new SharedContext();
 * const fetchLogs = tool({
 *   description: 'Fetches the job logs.',
 *   inputSchema: jsonSchema<{ job: string }>({
 *     type: 'object',
 *     properties: { job: { type: 'string' } },
 *     required: ['job'],
 *   }),
 *   execute: async ({ job }) => `${job}: INFO step ok\n`.repeat(2_000),
 * });
 * const tools = {
 *   ...compressedTools({ fetchLogs }, { ctx }),
 *   sharedcontext_retrieve: createRetrievalTool({ ctx }),
 * };
 */
export function compressedTools<TOOLS extends ToolSet>(
  tools: TOOLS,
  options: CompressedToolOptions,
): TOOLS {
  assertOptions(options, 'compressedTools');
  return Object.fromEntries(
    Object.entries(tools).map(([name, tool]) => [
      name,
      // The retrieval tool answers with what the model asked to see whole.
      name === RETRIEVAL_TOOL_NAME
        ? tool
        : compressedTool(tool, { ...options, name }),
    ]),
  ) as TOOLS;
}
