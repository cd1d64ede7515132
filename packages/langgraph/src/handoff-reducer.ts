import { type BaseMessage, ToolMessage } from '@langchain/core/messages';
import { type Messages, messagesStateReducer } from '@langchain/langgraph';
import {
  InvalidArgumentError,
  type PutOptions,
  type SharedContext,
} from '@sharedcontext/core';
import {
  assertContext,
  assertReady,
  type MessageCompressionOptions,
  messagePutOptions,
  partsToCompress,
  withCompressedParts,
} from './compress-message.ts';
import { recordHandoff } from './handoff-stats.ts';

/** Options of {@link compressingMessagesReducer}. */
export interface CompressingMessagesReducerOptions
  extends MessageCompressionOptions {
  /** What the next agent will look for: a string, or picked per message from the merged history. */
  query?:
    | string
    | ((
        message: BaseMessage,
        messages: readonly BaseMessage[],
      ) => string | undefined);
  /** The agent credited in stats. @default the message's `name` */
  agent?: string | ((message: BaseMessage) => string | undefined);
}

function putOptions(
  agent: string | undefined,
  query: string | undefined,
): PutOptions {
  return { ...(agent ? { agent } : {}), ...(query ? { query } : {}) };
}

/**
 * A drop-in for LangGraph's `messagesStateReducer` that compresses large
 * tool results and AI messages as they are merged into state. Merging (ids,
 * `RemoveMessage`, replacement) is `messagesStateReducer`'s own; then each
 * new tool or AI message over `minTokens` is stored with `ctx.putSync` under
 * a key derived from its tool call id (or id) and replaced by a copy whose
 * content is the compressed text, with id, name and `tool_call_id` kept and
 * `additional_kwargs.sharedcontext` naming the key. User and system
 * messages, small messages and messages already compressed pass untouched.
 *
 * Reducers are synchronous, so `await ctx.ready()` must run before the
 * graph (else `NotReadyError`). Durability: on a synchronous store (memory,
 * SQLite) the original is written before the reducer returns, so before
 * LangGraph accepts the node's update and checkpoints it; a failing write
 * throws and fails the step. On an async store (Redis) wrap nodes with
 * {@link withFlush} and `await ctx.flush()` after the run.
 *
 * @example
 * const ctx = new SharedContext();
 * await ctx.ready();
 * const State = Annotation.Root({
 *   messages: Annotation<BaseMessage[], Messages>({
 *     reducer: compressingMessagesReducer({ ctx }),
 *     default: () => [],
 *   }),
 * });
 */
export function compressingMessagesReducer(
  options: CompressingMessagesReducerOptions,
): (left: Messages, right: Messages) => BaseMessage[] {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError({
      parameter: 'options',
      value: options,
      message: 'expected { ctx, ... }',
    });
  }
  const { ctx, query, agent } = options;
  assertContext(ctx, 'compressingMessagesReducer');
  return (left, right) => {
    assertReady(ctx, 'compressingMessagesReducer');
    const merged = messagesStateReducer(left, right);
    // Messages already in state were reduced before; only new or replaced
    // ones (different objects) are candidates.
    const known = new Set<unknown>(Array.isArray(left) ? left : [left]);
    return merged.map((message) => {
      if (known.has(message)) return message;
      const parts = partsToCompress(message, options);
      if (parts.length === 0) return message;
      const name =
        typeof agent === 'function'
          ? agent(message)
          : // A tool message's name is its tool's, not an agent's.
            (agent ??
            (ToolMessage.isInstance(message) ? undefined : message.name));
      const wanted =
        typeof query === 'function' ? query(message, merged) : query;
      const entries = parts.map((part) =>
        ctx.putSync(
          part.key,
          part.text,
          messagePutOptions(message, options, name, wanted),
        ),
      );
      return withCompressedParts(message, parts, entries, ctx, {
        kind: 'message',
        agent: name ?? null,
        target: null,
      });
    });
  };
}

/** Options of {@link compressingReducer}. */
export interface CompressingReducerOptions {
  /** Where originals are kept; `await ctx.ready()` before the graph runs. */
  ctx: SharedContext;
  /** The key each write is stored under: fixed (each write replaces the last) or derived from the value. */
  key: string | ((value: unknown) => string);
  /** How the compressed text joins the channel's current value. @default the new value replaces it */
  merge?: (current: string | undefined, compressed: string) => string;
  /** What the next agent will look for. */
  query?: string;
  /** The agent credited in stats. */
  agent?: string;
  /** Passed to every `put`: re-encode only, drop nothing, no markers. @default the context's own */
  lossless?: boolean;
}

/**
 * A reducer for any string or JSON channel: each write is stored with
 * `ctx.putSync` (original kept, byte for byte) and the channel holds the
 * compressed text, whose markers `ctx.resolveMarker` or the retrieval tool
 * resolve. Same readiness and durability rules as
 * {@link compressingMessagesReducer}.
 *
 * @example
 * const State = Annotation.Root({
 *   research: Annotation<string, unknown>({
 *     reducer: compressingReducer({ ctx, key: 'research', agent: 'researcher' }),
 *     default: () => '',
 *   }),
 * });
 */
export function compressingReducer(
  options: CompressingReducerOptions,
): (current: string | undefined, update: unknown) => string {
  if (
    typeof options !== 'object' ||
    options === null ||
    (typeof options.key !== 'string' && typeof options.key !== 'function')
  ) {
    throw new InvalidArgumentError({
      parameter: 'key',
      value: options?.key,
      message: 'expected a string or a function returning the key for a write',
    });
  }
  const {
    ctx,
    key,
    merge = (_current, compressed) => compressed,
    query,
    agent,
    lossless,
  } = options;
  assertContext(ctx, 'compressingReducer');
  return (current, update) => {
    assertReady(ctx, 'compressingReducer');
    const entryKey = typeof key === 'function' ? key(update) : key;
    const entry = ctx.putSync(entryKey, update, {
      ...putOptions(agent, query),
      ...(lossless === undefined ? {} : { lossless }),
    });
    if (entry.compressed !== entry.original) {
      recordHandoff(ctx, {
        kind: 'channel',
        key: entry.key,
        agent: agent ?? null,
        target: null,
        originalTokens: entry.originalTokens,
        compressedTokens: entry.compressedTokens,
      });
    }
    return merge(current || undefined, entry.compressed);
  };
}

/**
 * Wraps a node so it first awaits `ctx.flush()`: every original a reducer
 * accepted in earlier steps is durable before the node runs, and a failed
 * write fails the node (with `StoreDriverError`) instead of being lost. Only
 * needed on async stores (Redis); harmless elsewhere.
 *
 * @example
 * graph.addNode('analyst', withFlush(analystNode, { ctx }));
 */
export function withFlush<State, Config, Result>(
  node: (state: State, config: Config) => Result | Promise<Result>,
  { ctx }: { ctx: SharedContext },
): (state: State, config: Config) => Promise<Result> {
  if (typeof node !== 'function')
    throw new InvalidArgumentError({
      parameter: 'node',
      value: node,
      message: 'expected a node function',
    });
  return async (state, config) => {
    await ctx.flush();
    return node(state, config);
  };
}
