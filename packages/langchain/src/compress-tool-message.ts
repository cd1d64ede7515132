import {
  type ContextEntry,
  DEFAULTS,
  InvalidArgumentError,
  type SharedContext,
} from '@sharedcontext/core';
import { type BaseMessage, ToolMessage } from 'langchain';

/** The `additional_kwargs` field a compressed tool message carries. */
export const SHAREDCONTEXT_KWARG = 'sharedcontext';

/** What a compressed `ToolMessage` carries in `additional_kwargs.sharedcontext`. */
export interface SharedContextMessageInfo {
  /** Key of the stored original (the first one when several text blocks were compressed). */
  key: string;
  /** Every key this message's originals are stored under. */
  keys: string[];
  originalTokens: number;
  compressedTokens: number;
}

/** Options shared by the two places that compress tool messages. */
export interface ToolMessageCompressionOptions {
  /** Where originals are kept. */
  ctx: SharedContext;
  /** Text under this many tokens is left untouched (and not stored). @default 250 */
  minTokens?: number;
  /** Prefix of the keys originals are stored under. @default 'lc:' */
  keyPrefix?: string;
  /** The agent named on stored entries and in `ctx.stats()`. */
  agent?: string;
  /** Passed to `put`: re-encode only, drop nothing. @default the context's own */
  lossless?: boolean;
}

/**
 * The SharedContext info of a tool message this adapter compressed, or
 * undefined (small results, and results left whole, carry none).
 *
 * @example
 * import { sharedContextInfo } from '@sharedcontext/langchain';
 * import { ToolMessage } from 'langchain';
 *
 * const message = new ToolMessage({ content: 'ok', tool_call_id: 'call_1' });
 * const info = sharedContextInfo(message); // undefined: nothing was compressed
 */
export function sharedContextInfo(
  message: BaseMessage,
): SharedContextMessageInfo | undefined {
  const info = message.additional_kwargs?.[SHAREDCONTEXT_KWARG] as
    | SharedContextMessageInfo
    | undefined;
  return info && typeof info.key === 'string' ? info : undefined;
}

// FNV-1a of the text, base 36: a reused tool call id never overwrites
// another result's original, and the same result always maps to one key.
function contentHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

interface Part {
  key: string;
  text: string;
  /** The content block index; undefined for string content. */
  block?: number;
}

function partsOf(
  message: ToolMessage,
  ctx: SharedContext,
  minTokens: number,
  keyPrefix: string,
): Part[] {
  const base = `${keyPrefix}tool:${message.tool_call_id || message.id}`;
  const big = (text: string) =>
    text.length > 0 && ctx.countTokens(text) >= minTokens;
  const { content } = message;
  if (typeof content === 'string')
    return big(content)
      ? [{ key: `${base}.${contentHash(content)}`, text: content }]
      : [];
  const parts: Part[] = [];
  content.forEach((block, index) => {
    if (
      block.type === 'text' &&
      typeof block.text === 'string' &&
      big(block.text)
    )
      parts.push({
        key: `${base}:${index}.${contentHash(block.text)}`,
        text: block.text,
        block: index,
      });
  });
  return parts;
}

/**
 * The entry for `part` (`tool` names the tool in the savings event): the one already stored when it holds this very
 * original (so a model view recompressed on every call stores once and its
 * markers stay stable), else a fresh `put`.
 */
async function entryFor(
  part: Part,
  { ctx, agent, lossless }: ToolMessageCompressionOptions,
  tool: string | undefined,
): Promise<ContextEntry> {
  const stored = await ctx.getEntry(part.key);
  if (stored && stored.original === part.text) return stored;
  return ctx.put(part.key, part.text, {
    ...(agent === undefined ? {} : { agent }),
    ...(tool ? { tool } : {}),
    ...(lossless === undefined ? {} : { lossless }),
  });
}

/**
 * `message` with each large text stored in the SharedContext and replaced
 * by its compressed form (markers where something was dropped); id, name,
 * `tool_call_id`, status, artifact and metadata kept. The message itself
 * when it is an error, already compressed, or nothing in it got smaller.
 */
export async function compressToolMessage(
  message: ToolMessage,
  options: ToolMessageCompressionOptions,
): Promise<ToolMessage> {
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError({
      parameter: 'options',
      value: options,
      message: 'expected an options object',
    });
  const { ctx, minTokens = DEFAULTS.minTokens, keyPrefix = 'lc:' } = options;
  if (typeof ctx?.put !== 'function' || typeof ctx?.ready !== 'function')
    throw new InvalidArgumentError({
      parameter: 'ctx',
      value: ctx,
      message: 'expected a SharedContext',
    });
  if (message.status === 'error' || sharedContextInfo(message)) return message;
  await ctx.ready();
  const parts = partsOf(message, ctx, minTokens, keyPrefix);
  const taken: { part: Part; entry: ContextEntry }[] = [];
  for (const part of parts) {
    const entry = await entryFor(part, options, message.name);
    if (entry.compressed !== entry.original) taken.push({ part, entry });
  }
  if (taken.length === 0) return message;
  let content: ToolMessage['content'];
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
  return new ToolMessage({
    content,
    tool_call_id: message.tool_call_id,
    ...(message.id === undefined ? {} : { id: message.id }),
    ...(message.name === undefined ? {} : { name: message.name }),
    ...(message.status ? { status: message.status } : {}),
    ...(message.artifact === undefined ? {} : { artifact: message.artifact }),
    ...(message.metadata ? { metadata: message.metadata } : {}),
    response_metadata: message.response_metadata,
    additional_kwargs: {
      ...message.additional_kwargs,
      [SHAREDCONTEXT_KWARG]: info,
    },
  });
}
