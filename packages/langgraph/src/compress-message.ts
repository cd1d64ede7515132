import {
  AIMessage,
  type BaseMessage,
  ToolMessage,
} from '@langchain/core/messages';
import {
  type ContextEntry,
  DEFAULTS,
  InvalidArgumentError,
  NotReadyError,
  type PutOptions,
  type SharedContext,
} from '@sharedcontext/core';
import { type HandoffRecordKind, recordHandoff } from './handoff-stats.ts';

/** The `additional_kwargs` field a compressed message carries. */
export const SHAREDCONTEXT_KWARG = 'sharedcontext';

/** What a compressed message carries in `additional_kwargs.sharedcontext`. */
export interface SharedContextMessageInfo {
  /** Key of the stored original (the first one when several text blocks were compressed). */
  key: string;
  /** Every key this message's originals are stored under. */
  keys: string[];
  originalTokens: number;
  compressedTokens: number;
}

/** Message kinds the adapter may compress; user and system messages never are. */
export type CompressibleMessageKind = 'tool' | 'ai';

/** Options shared by everything that compresses messages. */
export interface MessageCompressionOptions {
  /** Where originals are kept; `await ctx.ready()` before the graph runs. */
  ctx: SharedContext;
  /** Text under this many tokens is left untouched (and not stored). @default 250 */
  minTokens?: number;
  /** Which messages to compress. @default ['tool', 'ai'] */
  include?: readonly CompressibleMessageKind[];
  /** Prefix of the keys originals are stored under. @default 'lg:' */
  keyPrefix?: string;
  /** Passed to every `put`: re-encode only, drop nothing, no markers. @default the context's own */
  lossless?: boolean;
}

/**
 * The `put` options for one message: the agent and query, the tool's name
 * for a tool result (so savings events say which tool), and `lossless`.
 */
export function messagePutOptions(
  message: BaseMessage,
  options: Pick<MessageCompressionOptions, 'lossless'>,
  agent: string | undefined,
  query: string | undefined,
): PutOptions {
  const tool = ToolMessage.isInstance(message) ? message.name : undefined;
  return {
    ...(agent ? { agent } : {}),
    ...(query ? { query } : {}),
    ...(tool ? { tool } : {}),
    ...(options.lossless === undefined ? {} : { lossless: options.lossless }),
  };
}

/** One text to store: the whole string content (`block` undefined) or one text block. */
export interface MessagePart {
  key: string;
  text: string;
  block?: number;
}

/**
 * The SharedContext info of a message this adapter compressed, or undefined
 * (small, user and system messages, and retrieval results, carry none).
 *
 * @example
 * const info = sharedContextInfo(message);
 * if (info)
 *   console.log(
 *     `${info.key}: ${info.originalTokens} → ${info.compressedTokens} tokens`,
 *   );
 */
export function sharedContextInfo(
  message: BaseMessage,
): SharedContextMessageInfo | undefined {
  const info = message.additional_kwargs?.[SHAREDCONTEXT_KWARG] as
    | SharedContextMessageInfo
    | undefined;
  return info && typeof info.key === 'string' ? info : undefined;
}

function kindOf(message: BaseMessage): CompressibleMessageKind | undefined {
  if (ToolMessage.isInstance(message)) return 'tool';
  if (AIMessage.isInstance(message)) return 'ai';
  return undefined;
}

/**
 * The stable part of the key a message's original is stored under:
 * `lg:tool:<tool_call_id>` for tool results, `lg:ai:<id>` for AI messages.
 * The full key adds `:<index>` for a text block, `.<hash of the text>` (so a
 * reused tool call id never overwrites another original) and `@<target>`
 * for a handoff: `lg:tool:call_1.1x9k2c` or `lg:tool:call_1.1x9k2c@writer`.
 *
 * @example
 * messageKey(new ToolMessage({ content: logs, tool_call_id: 'call_1' })); // 'lg:tool:call_1'
 */
export function messageKey(
  message: BaseMessage,
  keyPrefix = 'lg:',
): string | undefined {
  if (ToolMessage.isInstance(message))
    return `${keyPrefix}tool:${message.tool_call_id || message.id}`;
  return message.id
    ? `${keyPrefix}${kindOf(message) ?? 'message'}:${message.id}`
    : undefined;
}

/** Throws `InvalidArgumentError` unless `ctx` is a SharedContext. */
export function assertContext(ctx: SharedContext, caller: string): void {
  if (
    typeof ctx !== 'object' ||
    ctx === null ||
    typeof ctx.putSync !== 'function'
  ) {
    throw new InvalidArgumentError({
      parameter: 'ctx',
      value: ctx,
      message: `${caller} needs a SharedContext`,
    });
  }
}

/** Throws `NotReadyError` (naming the caller) unless `await ctx.ready()` resolved. */
export function assertReady(ctx: SharedContext, caller: string): void {
  assertContext(ctx, caller);
  if (!ctx.isReady)
    throw new NotReadyError({ what: `The SharedContext used by ${caller}` });
}

/**
 * FNV-1a of the text, base 36: keys carry it so two different texts under
 * one reused tool call id never overwrite each other's original.
 */
function contentHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/** The texts of `message` worth storing, or none (small, user/system, or already compressed). */
export function partsToCompress(
  message: BaseMessage,
  options: MessageCompressionOptions,
  keySuffix = '',
): MessagePart[] {
  const {
    ctx,
    minTokens = DEFAULTS.minTokens,
    include = ['tool', 'ai'],
    keyPrefix = 'lg:',
  } = options;
  const kind = kindOf(message);
  // Any sharedcontext note means compressed already or pulled back by the
  // retrieval tool: compressing either again would lose what it is for.
  if (
    !kind ||
    !include.includes(kind) ||
    message.additional_kwargs?.[SHAREDCONTEXT_KWARG] !== undefined
  )
    return [];
  const key = messageKey(message, keyPrefix);
  if (!key) return [];
  const big = (text: string) =>
    text.length > 0 && ctx.countTokens(text) >= minTokens;
  const { content } = message;
  if (typeof content === 'string')
    return big(content)
      ? [{ key: `${key}.${contentHash(content)}${keySuffix}`, text: content }]
      : [];
  const parts: MessagePart[] = [];
  content.forEach((block, index) => {
    if (
      block.type === 'text' &&
      typeof block.text === 'string' &&
      big(block.text)
    ) {
      parts.push({
        key: `${key}:${index}.${contentHash(block.text)}${keySuffix}`,
        text: block.text,
        block: index,
      });
    }
  });
  return parts;
}

/** Context for recording what a compression saved. */
export interface RecordContext {
  kind: HandoffRecordKind;
  agent: string | null;
  target: string | null;
}

/**
 * A copy of `message` whose compressed parts read `entries[i].compressed`,
 * keeping id, name, tool call ids and metadata; the message itself when
 * nothing got smaller.
 */
export function withCompressedParts(
  message: BaseMessage,
  parts: readonly MessagePart[],
  entries: readonly ContextEntry[],
  ctx: SharedContext,
  record: RecordContext,
): BaseMessage {
  const taken = parts
    .map((part, index) => ({ part, entry: entries[index]! }))
    .filter(({ entry }) => entry.compressed !== entry.original);
  if (taken.length === 0) return message;
  for (const { entry } of taken) {
    recordHandoff(ctx, {
      ...record,
      key: entry.key,
      originalTokens: entry.originalTokens,
      compressedTokens: entry.compressedTokens,
    });
  }
  let content: BaseMessage['content'];
  if (typeof message.content === 'string') {
    content = taken[0]!.entry.compressed;
  } else {
    const blocks = [...message.content];
    for (const { part, entry } of taken)
      blocks[part.block!] = {
        ...blocks[part.block!]!,
        text: entry.compressed,
      } as (typeof blocks)[number];
    content = blocks;
  }
  const info: SharedContextMessageInfo = {
    key: taken[0]!.entry.key,
    keys: taken.map(({ entry }) => entry.key),
    originalTokens: taken.reduce(
      (sum, { entry }) => sum + entry.originalTokens,
      0,
    ),
    compressedTokens: taken.reduce(
      (sum, { entry }) => sum + entry.compressedTokens,
      0,
    ),
  };
  const common = {
    content,
    id: message.id,
    name: message.name,
    additional_kwargs: {
      ...message.additional_kwargs,
      [SHAREDCONTEXT_KWARG]: info,
    },
    response_metadata: message.response_metadata,
  };
  if (ToolMessage.isInstance(message)) {
    return new ToolMessage({
      ...common,
      tool_call_id: message.tool_call_id,
      ...(message.status ? { status: message.status } : {}),
      ...(message.artifact !== undefined ? { artifact: message.artifact } : {}),
      ...(message.metadata ? { metadata: message.metadata } : {}),
    });
  }
  const ai = message as AIMessage;
  return new AIMessage({
    ...common,
    tool_calls: ai.tool_calls ?? [],
    invalid_tool_calls: ai.invalid_tool_calls ?? [],
    ...(ai.usage_metadata ? { usage_metadata: ai.usage_metadata } : {}),
  });
}
