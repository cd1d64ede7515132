import type { BaseMessage } from '@langchain/core/messages';
import { Command } from '@langchain/langgraph';
import { InvalidArgumentError } from '@sharedcontext/core';
import {
  assertReady,
  type MessageCompressionOptions,
  messagePutOptions,
  partsToCompress,
  sharedContextInfo,
  withCompressedParts,
} from './compress-message.ts';

/** Options of {@link compressMessages}. */
export interface CompressMessagesOptions extends MessageCompressionOptions {
  messages: readonly BaseMessage[];
  /** The receiving agent's task: matching lines and items are kept. */
  query?: string;
  /** The agent handing off, credited in stats. */
  agent?: string;
  /** The receiving agent; keys get `@<target>` so each handoff has its own view. */
  target?: string;
}

/**
 * Compresses a history for the next agent, awaiting durable writes (`ctx.put`).
 * Large tool and AI messages are stored and replaced by compressed copies;
 * with a `query` and a `target`, messages a reducer already compressed are
 * compressed again from their original, focused on the query, under a key
 * of their own (the reducer's entry and its markers stay valid). User,
 * system and small messages pass untouched.
 *
 * @example
 * const forWriter = await compressMessages({
 *   ctx,
 *   messages: state.messages,
 *   query: 'summarise the errors',
 *   target: 'writer',
 * });
 */
export async function compressMessages(
  options: CompressMessagesOptions,
): Promise<BaseMessage[]> {
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError({
      parameter: 'options',
      value: options,
      message: 'expected an options object',
    });
  const { ctx, messages, query, agent, target } = options;
  if (!Array.isArray(messages))
    throw new InvalidArgumentError({
      parameter: 'messages',
      value: messages,
      message: 'expected an array of messages',
    });
  assertReady(ctx, 'compressMessages');
  const suffix = target ? `@${target}` : '';
  const record = {
    kind: 'handoff' as const,
    agent: agent ?? null,
    target: target ?? null,
  };
  return Promise.all(
    messages.map(async (message) => {
      const putOptions = messagePutOptions(message, options, agent, query);
      const info = sharedContextInfo(message);
      // Only for a named target: its own key, never the reducer's entry.
      if (
        info &&
        query &&
        target &&
        typeof message.content === 'string' &&
        info.keys.length === 1
      ) {
        const previous = await ctx.getEntry(info.key);
        if (!previous) return message; // expired: keep what state holds
        const entry = await ctx.put(
          `${info.key.replace(/@[^@]*$/, '')}${suffix}`,
          previous.original,
          putOptions,
        );
        if (entry.compressed === entry.original) return message;
        // The new info replaces the reducer's in additional_kwargs.
        return withCompressedParts(
          message,
          [{ key: entry.key, text: previous.original }],
          [entry],
          ctx,
          record,
        );
      }
      const parts = partsToCompress(message, options, suffix);
      if (parts.length === 0) return message;
      const entries = await Promise.all(
        parts.map((part) => ctx.put(part.key, part.text, putOptions)),
      );
      return withCompressedParts(message, parts, entries, ctx, record);
    }),
  );
}

/** Options of {@link compressHandoff}. */
export interface CompressHandoffOptions
  extends Omit<CompressMessagesOptions, 'target'> {
  /** The node (agent) to hand off to. */
  goto: string;
  /** `Command.PARENT` when handing off from inside a subgraph or a tool of one. */
  graph?: string;
  /** Other state updates to send with the messages (e.g. `{ activeAgent }`). */
  update?: Record<string, unknown>;
}

/**
 * Hands off to the next agent with a compressed history: a `Command({
 * goto, graph, update })` whose `messages` are {@link compressMessages}'s
 * output, with the next agent's task as `query`. Messages keep their ids,
 * so `messagesStateReducer` replaces them in place.
 *
 * @example
 * async function analyst(state: typeof State.State) {
 *   return compressHandoff({
 *     ctx,
 *     goto: 'writer',
 *     agent: 'analyst',
 *     messages: state.messages,
 *     query: 'failed block ids',
 *   });
 * }
 */
export async function compressHandoff(
  options: CompressHandoffOptions,
): Promise<Command> {
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError({
      parameter: 'options',
      value: options,
      message: 'expected an options object',
    });
  const { goto, graph, update = {}, ...rest } = options;
  if (typeof goto !== 'string' || goto.length === 0)
    throw new InvalidArgumentError({
      parameter: 'goto',
      value: goto,
      message: 'expected the name of the next node',
    });
  const messages = await compressMessages({ ...rest, target: goto });
  return new Command({
    goto,
    ...(graph ? { graph } : {}),
    update: { ...update, messages },
  });
}
