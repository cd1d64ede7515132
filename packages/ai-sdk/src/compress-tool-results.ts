import { InvalidArgumentError } from '@sharedcontext/core';
import type { ModelMessage, ToolResultPart } from 'ai';
import {
  assertKeep,
  type HistorySize,
  isTriggered,
  type KeepSize,
  keptCount,
  triggerConditions,
} from './context-size.ts';
import {
  compressToolOutput,
  type ToolOutputCompressionOptions,
} from './tool-output.ts';

/** Options of {@link compressToolResults} and {@link sharedContextPrepareStep}. */
export interface CompressToolResultsOptions
  extends ToolOutputCompressionOptions {
  /** When to compress; any condition of a list suffices. @default undefined (every step) */
  trigger?: HistorySize | readonly HistorySize[];
  /** The newest tool results left whole. @default { messages: 3 } */
  keep?: KeepSize;
  /** Tools whose results are never compressed. @default [] */
  excludeTools?: readonly string[];
}

interface Located {
  message: number;
  part: number;
  result: ToolResultPart;
}

function toolResults(messages: readonly ModelMessage[]): Located[] {
  const found: Located[] = [];
  messages.forEach((message, messageIndex) => {
    if (message.role !== 'tool') return;
    message.content.forEach((part, partIndex) => {
      if (part.type === 'tool-result')
        found.push({ message: messageIndex, part: partIndex, result: part });
    });
  });
  return found;
}

/**
 * The messages with every tool result older than `keep` compressed, once
 * `trigger` is reached: a new array (the input is not touched) in which
 * each compressed result keeps its `toolCallId`, `toolName` and place, so
 * every call keeps its result, and the SDK's own `pruneMessages` is not
 * needed to stay small. Originals go to the SharedContext, so the model
 * can pull any of them back with the retrieval tool. Results compressed
 * already (by `compressedTool`), errors, denials, media and `excludeTools`
 * stay as they are.
 *
 * @example
 * import { compressToolResults, SharedContext } from '@sharedcontext/ai-sdk';
 * import type { ModelMessage } from 'ai';
 *
 * const ctx = new SharedContext();
 * const rows = Array.from({ length: 400 }, (_, id) => ({ id, status: 'ok' }));
 * const messages: ModelMessage[] = [
 *   { role: 'user', content: 'Check the orders.' },
 *   { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'call_1', toolName: 'orders', input: {} }] },
 *   { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'call_1', toolName: 'orders', output: { type: 'json', value: rows } }] },
 * ];
 * const smaller = await compressToolResults(messages, { ctx, keep: { messages: 0 } });
 */
export async function compressToolResults(
  messages: ModelMessage[],
  options: CompressToolResultsOptions,
): Promise<ModelMessage[]> {
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError({
      parameter: 'options',
      value: options,
      message: 'expected an options object',
    });
  const { ctx, trigger, keep = { messages: 3 }, excludeTools = [] } = options;
  if (typeof ctx?.put !== 'function' || typeof ctx?.ready !== 'function')
    throw new InvalidArgumentError({
      parameter: 'ctx',
      value: ctx,
      message: 'expected a SharedContext',
    });
  const conditions = triggerConditions(trigger);
  assertKeep(keep);
  await ctx.ready();
  const tokensOf = (value: unknown) =>
    ctx.countTokens(typeof value === 'string' ? value : JSON.stringify(value));
  if (
    !isTriggered(conditions, messages.length, () =>
      messages.reduce((sum, message) => sum + tokensOf(message.content), 0),
    )
  )
    return messages;
  const results = toolResults(messages);
  const kept = keptCount(keep, () =>
    results.map(({ result }) => tokensOf(result.output)),
  );
  const older = results.slice(0, Math.max(0, results.length - kept));
  let view = messages;
  for (const { message, part, result } of older) {
    if (excludeTools.includes(result.toolName)) continue;
    const output = await compressToolOutput(result.output, result, options);
    if (output === result.output) continue;
    if (view === messages) view = [...messages];
    const toolMessage = view[message] as Extract<
      ModelMessage,
      { role: 'tool' }
    >;
    const content = [...toolMessage.content];
    content[part] = { ...result, output };
    view[message] = { ...toolMessage, content };
  }
  return view;
}

/**
 * A `prepareStep` for `generateText`/`streamText` (and `ToolLoopAgent`)
 * that compresses earlier tool results in `messages` before each step with
 * {@link compressToolResults}. The SDK carries the returned messages
 * forward, so each result is compressed once; `steps` and `toolResults`
 * keep the full outputs for the application.
 *
 * @example
 * import { createRetrievalTool, SharedContext, sharedContextPrepareStep } from '@sharedcontext/ai-sdk';
 * import { generateText, stepCountIs } from 'ai';
 * import { MockLanguageModelV4 } from 'ai/test';
 *
 * const ctx = new SharedContext({ model: 'gpt-4o' });
 * const model = new MockLanguageModelV4({
 *   doGenerate: {
 *     content: [{ type: 'text', text: 'Done.' }],
 *     finishReason: { unified: 'stop', raw: undefined },
 *     usage: {
 *       inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
 *       outputTokens: { total: 0, text: 0, reasoning: 0 },
 *     },
 *     warnings: [],
 *   },
 * });
 * const result = await generateText({
 *   model,
 *   prompt: 'Why did the nightly job fail?',
 *   tools: { sharedcontext_retrieve: createRetrievalTool({ ctx }) },
 *   stopWhen: stepCountIs(5),
 *   prepareStep: sharedContextPrepareStep({ ctx, keep: { messages: 1 } }),
 * });
 */
export function sharedContextPrepareStep(
  options: CompressToolResultsOptions,
): (step: { messages: ModelMessage[] }) => Promise<{
  messages?: ModelMessage[];
}> {
  // Fail on bad options where they are written, not at the first step.
  if (typeof options?.ctx?.put !== 'function')
    throw new InvalidArgumentError({
      parameter: 'ctx',
      value: (options as { ctx?: unknown } | null)?.ctx,
      message: 'sharedContextPrepareStep needs { ctx: SharedContext }',
    });
  triggerConditions(options?.trigger);
  assertKeep(options?.keep ?? { messages: 3 });
  return async ({ messages }) => {
    const compressed = await compressToolResults(messages, options);
    return compressed === messages ? {} : { messages: compressed };
  };
}
