import type { OutputProcessor } from '@mastra/core/processors';
import {
  InvalidArgumentError,
  parseMarkers,
  RETRIEVAL_TOOL_NAME,
  type SharedContext,
} from '@sharedcontext/core';

/** Options of {@link compressToolResults}. */
export interface CompressToolResultsOptions {
  /** Where originals are kept, so the markers in stored results resolve. */
  ctx: SharedContext;
  /** The processor's id in Mastra's traces. @default 'sharedcontext-tool-results' */
  id?: string;
  /** Results shorter than this many characters stay as they are, unstored. @default 1000 */
  minChars?: number;
  /** Tools whose results are never compressed. @default ['sharedcontext_retrieve'] */
  skipTools?: readonly string[];
  /** What the model will look for: matching lines and items are kept. */
  query?: string;
  /** Passed to every `put`: re-encode only, drop nothing, no markers. @default the context's own */
  lossless?: boolean;
  /** Prefix of the keys originals are stored under. @default 'tool:' */
  keyPrefix?: string;
  /**
   * The agent credited in savings events. @default the running agent's
   * name, where Mastra passes the agent to this hook (1.71 does not always)
   */
  agent?: string;
}

/**
 * A Mastra output processor whose `processToolResult` hook compresses each
 * tool result as it arrives, before it joins the message list: the
 * compressed text (with `[… · sc:key#n …]` markers) replaces the result in
 * the message list, so later steps, memory and the stream all carry it,
 * while the original goes to the SharedContext, byte for byte, for
 * `createRetrievalTool({ ctx })` to bring back. Where
 * `sharedContextProcessor` rewrites only each model call's prompt, this one
 * rewrites what is kept. The tool call and its result keep their ids, so no
 * pair is split. Each compression is a `compression-end` event on `ctx`
 * naming the agent and the tool.
 *
 * @example
 * const ctx = new SharedContext();
 * const agent = new Agent({
 *   id: 'analyst',
 *   name: 'analyst',
 *   instructions: 'Use sharedcontext_retrieve to expand a [… sc:… …] marker.',
 *   model,
 *   tools: { fetchLogs, sharedcontext_retrieve: createRetrievalTool({ ctx }) },
 *   outputProcessors: [compressToolResults({ ctx })],
 * });
 */
export function compressToolResults(
  options: CompressToolResultsOptions,
): OutputProcessor {
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError({
      parameter: 'options',
      value: options,
      message: 'expected an options object',
    });
  if (typeof options.ctx?.put !== 'function')
    throw new InvalidArgumentError({
      parameter: 'ctx',
      value: options.ctx,
      message: 'expected a SharedContext',
    });
  const {
    ctx,
    id = 'sharedcontext-tool-results',
    minChars = 1000,
    skipTools = [RETRIEVAL_TOOL_NAME],
    query,
    lossless,
    keyPrefix = 'tool:',
    agent: agentName,
  } = options;
  return {
    id,
    name: 'SharedContext tool-result compression',
    async processToolResult({
      toolName,
      toolCallId,
      args,
      result,
      messageList,
      agent,
    }) {
      if (skipTools.includes(toolName) || result === undefined) return;
      const text = typeof result === 'string' ? result : JSON.stringify(result);
      // Small, or compressed upstream (a sub-agent's own SharedContext).
      if (text.length < minChars || parseMarkers(text).length > 0) return;
      const entry = await ctx.put(
        `${keyPrefix}${toolName}-${toolCallId}`,
        text,
        {
          tool: toolName,
          ...((agentName ?? agent?.name)
            ? { agent: agentName ?? agent?.name }
            : {}),
          ...(query ? { query } : {}),
          ...(lossless === undefined ? {} : { lossless }),
        },
      );
      if (entry.compressed === entry.original) return;
      messageList.updateToolInvocation({
        type: 'tool-invocation',
        toolInvocation: {
          state: 'result',
          toolCallId,
          toolName,
          args,
          result: entry.compressed,
        },
      });
      return messageList;
    },
  };
}
