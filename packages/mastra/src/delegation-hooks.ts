import type { DelegationConfig } from '@mastra/core/agent';
import type { MastraDBMessage } from '@mastra/core/agent/message-list';
import {
  InvalidArgumentError,
  parseMarkers,
  type SharedContext,
} from '@sharedcontext/core';

/** Options of {@link compressDelegation}. */
export interface CompressDelegationOptions {
  /** Where originals are kept, so markers a sub-agent or the supervisor sees resolve. */
  ctx: SharedContext;
  /** Texts shorter than this many characters pass as they are, unstored. @default 1000 */
  minChars?: number;
  /**
   * What the sub-agent will look for in the history it is handed.
   * @default the delegation prompt
   */
  query?: string;
  /** Passed to every `put`: re-encode only, drop nothing, no markers. @default the context's own */
  lossless?: boolean;
  /** Prefix of the keys originals are stored under. @default 'delegation:' */
  keyPrefix?: string;
}

/** The two delegation hooks {@link compressDelegation} fills in. */
export type CompressDelegationHooks = Required<
  Pick<DelegationConfig, 'messageFilter' | 'onDelegationComplete'>
>;

type Part = MastraDBMessage['content']['parts'][number];

/**
 * Mastra's delegation hooks (1.8+), compressed and retrievable: spread them
 * into `delegation` when a supervisor hands work to sub-agents.
 * `messageFilter` hands each sub-agent the parent's history with large
 * tool results and assistant texts compressed (focused on the delegation
 * prompt), instead of the whole conversation; `onDelegationComplete`
 * replaces a long sub-agent answer with its compressed form through
 * `resultText`, so the supervisor's context stays small. Originals go to
 * `ctx`; messages, parts and tool call ids keep their order and ids, and
 * user messages are passed untouched.
 *
 * @example
 * const ctx = new SharedContext();
 * const result = await supervisor.generate('Why did the job fail?', {
 *   delegation: { ...compressDelegation({ ctx }) },
 * });
 */
export function compressDelegation(
  options: CompressDelegationOptions,
): CompressDelegationHooks {
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
    minChars = 1000,
    query,
    lossless,
    keyPrefix = 'delegation:',
  } = options;

  async function shrink(
    key: string,
    text: string,
    put: { agent: string; tool?: string; query?: string },
  ): Promise<string | undefined> {
    if (text.length < minChars || parseMarkers(text).length > 0) return;
    const entry = await ctx.put(key, text, {
      agent: put.agent,
      ...(put.tool ? { tool: put.tool } : {}),
      ...(put.query ? { query: put.query } : {}),
      ...(lossless === undefined ? {} : { lossless }),
    });
    return entry.compressed === entry.original ? undefined : entry.compressed;
  }

  return {
    async messageFilter({ messages, primitiveId, prompt, parentAgentName }) {
      const wanted = query ?? prompt;
      return Promise.all(
        messages.map(async (message) => {
          if (message.role !== 'assistant') return message;
          let changed = false;
          const parts = await Promise.all(
            message.content.parts.map(async (part, index): Promise<Part> => {
              if (part.type === 'text') {
                const text = await shrink(
                  `${keyPrefix}${primitiveId}:${message.id}:${index}`,
                  part.text,
                  { agent: parentAgentName, query: wanted },
                );
                if (text === undefined) return part;
                changed = true;
                return { ...part, text };
              }
              if (
                part.type !== 'tool-invocation' ||
                part.toolInvocation.state !== 'result'
              )
                return part;
              const { result, toolName, toolCallId } = part.toolInvocation;
              const original =
                typeof result === 'string' ? result : JSON.stringify(result);
              const text = await shrink(
                `${keyPrefix}${primitiveId}:${toolCallId}`,
                original,
                { agent: parentAgentName, tool: toolName, query: wanted },
              );
              if (text === undefined) return part;
              changed = true;
              return {
                ...part,
                toolInvocation: { ...part.toolInvocation, result: text },
              };
            }),
          );
          return changed
            ? { ...message, content: { ...message.content, parts } }
            : message;
        }),
      );
    },
    async onDelegationComplete({ primitiveId, result, toolCallId, success }) {
      if (!success) return;
      const text = await shrink(
        `${keyPrefix}${primitiveId}:result:${toolCallId}`,
        result.text,
        { agent: primitiveId },
      );
      return text === undefined ? undefined : { resultText: text };
    },
  };
}
