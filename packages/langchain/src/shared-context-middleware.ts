import {
  InvalidArgumentError,
  RETRIEVAL_TOOL_NAME,
  type SharedContext,
} from '@sharedcontext/core';
import { type AgentMiddleware, createMiddleware, ToolMessage } from 'langchain';
import { compressCommandResult } from './compress-command.ts';
import { compressToolMessage } from './compress-tool-message.ts';
import {
  compressToolResults,
  type TokenCounter,
} from './compress-tool-results.ts';
import {
  assertKeep,
  type ContextSize,
  type KeepSize,
  triggerConditions,
} from './context-size.ts';
import { createRetrievalTool } from './retrieval-tool.ts';

/** Options of {@link sharedContextMiddleware}. */
export interface SharedContextMiddlewareOptions {
  /** Where originals are kept; the retrieval tool reads from it. */
  ctx: SharedContext;
  /** Compress each large tool result as it returns (`wrapToolCall`); state holds the compressed one. @default true */
  toolResults?: boolean;
  /** Compress older tool results in what the model is sent (`wrapModelCall`); state untouched. @default true */
  modelView?: boolean;
  /** When the model view compresses; any condition of a list suffices. @default undefined (every model call) */
  trigger?: ContextSize | readonly ContextSize[];
  /** The newest tool results the model view leaves whole. @default { messages: 3 } */
  keep?: KeepSize;
  /** Tools whose results are never compressed. @default [] */
  excludeTools?: readonly string[];
  /** Text under this many tokens is left untouched. @default 250 */
  minTokens?: number;
  /** Prefix of the keys originals are stored under. @default 'lc:' */
  keyPrefix?: string;
  /** The agent named on stored entries and in `ctx.stats()`. */
  agent?: string;
  /** Passed to every `put`: re-encode only, drop nothing. @default the context's own */
  lossless?: boolean;
  /** Counts tokens for `trigger` and `keep`. @default countTokensApproximately (as the built-ins) */
  tokenCounter?: TokenCounter;
  /** Add the `sharedcontext_retrieve` tool to the agent. @default true */
  retrievalTool?: boolean;
}

/**
 * LangChain v1 agent middleware that keeps tool results small and every
 * original retrievable. `wrapToolCall` stores each large tool result in the
 * SharedContext as it returns and hands the agent a `ToolMessage` with the
 * compressed text (markers where something was dropped); a tool answering
 * with a `Command` gets its own `ToolMessage` in `update.messages` compressed
 * the same way. `wrapModelCall`
 * compresses the older tool results still whole (excluded at the boundary,
 * carried in from history, pulled back by the retrieval tool) in the
 * request only, as `contextEditingMiddleware` clears them, but retrievably;
 * `trigger` and `keep` take the built-ins' `{ tokens | fraction | messages }`.
 * The middleware adds the `sharedcontext_retrieve` tool through its `tools`.
 * Ids, `tool_call_id`s and message order never change, so it runs beside
 * `summarizationMiddleware` and no call loses its result.
 *
 * @example
 * import { SharedContext, sharedContextMiddleware } from '@sharedcontext/langchain';
 * import { createAgent, summarizationMiddleware, tool } from 'langchain';
 * import { FakeListChatModel } from '@langchain/core/utils/testing';
 *
 * const ctx = new SharedContext({ model: 'gpt-4o' });
 * const model = new FakeListChatModel({ responses: ['Done.'] });
 * const fetchLogs = tool(async () => 'INFO ok\n'.repeat(2_000), {
 *   name: 'fetch_logs',
 *   description: 'Fetches the job logs.',
 * });
 * const agent = createAgent({
 *   model,
 *   tools: [fetchLogs],
 *   middleware: [
 *     summarizationMiddleware({ model, trigger: { tokens: 50_000 } }),
 *     sharedContextMiddleware({ ctx, keep: { messages: 2 } }),
 *   ],
 * });
 */
export function sharedContextMiddleware(
  options: SharedContextMiddlewareOptions,
): AgentMiddleware {
  if (
    typeof options !== 'object' ||
    options === null ||
    typeof options.ctx?.put !== 'function'
  )
    throw new InvalidArgumentError({
      parameter: 'ctx',
      value: (options as { ctx?: unknown } | null)?.ctx,
      message: 'sharedContextMiddleware needs { ctx: SharedContext }',
    });
  const {
    ctx,
    toolResults = true,
    modelView = true,
    trigger,
    keep = { messages: 3 },
    excludeTools = [],
    retrievalTool = true,
  } = options;
  triggerConditions(trigger);
  assertKeep(keep);
  const retrieval = createRetrievalTool({ ctx });
  // The retrieval tool answers with originals the model asked for: never
  // compress them as they arrive.
  const boundarySkips = new Set([...excludeTools, RETRIEVAL_TOOL_NAME]);
  return createMiddleware({
    name: 'SharedContextMiddleware',
    tools: retrievalTool ? [retrieval] : [],
    wrapToolCall: async (request, handler) => {
      const result = await handler(request);
      if (!toolResults || boundarySkips.has(request.toolCall.name))
        return result;
      return ToolMessage.isInstance(result)
        ? compressToolMessage(result, options)
        : compressCommandResult(result, request.toolCall.id, options);
    },
    wrapModelCall: async (request, handler) => {
      if (!modelView) return handler(request);
      const messages = await compressToolResults(request.messages, {
        ...options,
        keep,
        excludeTools,
        model: request.model,
      });
      return handler(
        messages === request.messages ? request : { ...request, messages },
      );
    },
  });
}
