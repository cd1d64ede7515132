import { InvalidArgumentError } from '@sharedcontext/core';
import {
  type BaseMessage,
  countTokensApproximately,
  ToolMessage,
} from 'langchain';
import {
  compressToolMessage,
  type ToolMessageCompressionOptions,
} from './compress-tool-message.ts';
import {
  assertKeep,
  type ContextSize,
  isTriggered,
  type KeepSize,
  keptCount,
  maxInputTokens,
  triggerConditions,
} from './context-size.ts';

/** Counts the tokens of a message list, like the built-ins' `tokenCounter`. */
export type TokenCounter = (
  messages: BaseMessage[],
) => number | Promise<number>;

/** Options of {@link compressToolResults}. */
export interface CompressToolResultsOptions
  extends ToolMessageCompressionOptions {
  /** When to compress; any condition of a list suffices. @default undefined (every call) */
  trigger?: ContextSize | readonly ContextSize[];
  /** The newest tool results left whole. @default { messages: 3 } */
  keep?: KeepSize;
  /** Tools whose results are never compressed. @default [] */
  excludeTools?: readonly string[];
  /** The chat model, whose `profile.maxInputTokens` a `fraction` is of. */
  model?: unknown;
  /** Counts tokens for `trigger` and `keep`. @default countTokensApproximately (as the built-ins) */
  tokenCounter?: TokenCounter;
}

/**
 * The messages with every tool result older than `keep` compressed, once
 * `trigger` is reached: a new array (the input is not touched) in which
 * each compressed `ToolMessage` keeps its id, `tool_call_id` and place, so
 * no call loses its result. Originals go to the SharedContext, so unlike
 * `contextEditingMiddleware`'s `[cleared]` the model can pull them back.
 * Results compressed already, errors and `excludeTools` stay as they are.
 *
 * @example
 * import { compressToolResults, SharedContext } from '@sharedcontext/langchain';
 * import { AIMessage, HumanMessage, ToolMessage } from 'langchain';
 *
 * const ctx = new SharedContext();
 * const rows = Array.from({ length: 400 }, (_, id) => ({ id, status: 'ok' }));
 * const messages = [
 *   new HumanMessage('Check the orders.'),
 *   new AIMessage({ content: '', tool_calls: [{ id: 'call_1', name: 'orders', args: {} }] }),
 *   new ToolMessage({ content: JSON.stringify(rows), tool_call_id: 'call_1', name: 'orders' }),
 * ];
 * const forModel = await compressToolResults(messages, { ctx, keep: { messages: 0 } });
 */
export async function compressToolResults(
  messages: BaseMessage[],
  options: CompressToolResultsOptions,
): Promise<BaseMessage[]> {
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError({
      parameter: 'options',
      value: options,
      message: 'expected an options object',
    });
  const {
    trigger = [],
    keep = { messages: 3 },
    excludeTools = [],
    model,
    tokenCounter = countTokensApproximately,
  } = options;
  const conditions = triggerConditions(trigger);
  assertKeep(keep);
  const max = maxInputTokens(model);
  const tokens = conditions.some(
    (condition) => condition.tokens != null || condition.fraction != null,
  )
    ? await tokenCounter(messages)
    : 0;
  if (!isTriggered(conditions, { messageCount: messages.length, tokens, max }))
    return messages;
  const results = messages.flatMap((message, index) =>
    ToolMessage.isInstance(message) ? [{ message, index }] : [],
  );
  const resultTokens =
    keep.messages != null
      ? []
      : await Promise.all(
          results.map(({ message }) => tokenCounter([message])),
        );
  const kept = keptCount(keep, resultTokens, max);
  const older = results.slice(0, Math.max(0, results.length - kept));
  let view = messages;
  for (const { message, index } of older) {
    if (message.name && excludeTools.includes(message.name)) continue;
    const compressed = await compressToolMessage(message, options);
    if (compressed === message) continue;
    if (view === messages) view = [...messages];
    view[index] = compressed;
  }
  return view;
}
