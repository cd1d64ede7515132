import {
  type ContextEntry,
  DEFAULTS,
  InvalidArgumentError,
  type SharedContext,
} from '@sharedcontext/core';
import type { ToolResultPart } from 'ai';

/** A tool result as the model receives it (`ToolResultOutput` in the SDK). */
export type ToolOutput = ToolResultPart['output'];

/** The `providerOptions` key a compressed output carries; providers ignore keys not their own. */
export const SHAREDCONTEXT_KEY = 'sharedcontext';

/** What a compressed output carries in `providerOptions.sharedcontext`. */
export interface SharedContextOutputInfo {
  /** Key of the stored original. */
  key: string;
  originalTokens: number;
  compressedTokens: number;
}

/** Options shared by everything that compresses tool outputs. */
export interface ToolOutputCompressionOptions {
  /** Where originals are kept; the retrieval tool reads from it. */
  ctx: SharedContext;
  /** Outputs under this many tokens are left untouched (and not stored). @default 250 */
  minTokens?: number;
  /** Prefix of the keys originals are stored under. @default 'ai:' */
  keyPrefix?: string;
  /** The agent named on stored entries and in `ctx.stats()`. */
  agent?: string;
  /** Passed to every `put`: re-encode only, drop nothing. @default the context's own */
  lossless?: boolean;
}

/** The call an output answers: its id keys the original, its tool name goes into the savings event. */
export interface ToolOutputCall {
  toolCallId: string;
  /** The tool's name (`PutOptions.tool`), when known. */
  toolName?: string;
}

/**
 * The SharedContext info of an output this adapter compressed, or
 * undefined (small, error and untouched outputs carry none).
 *
 * @example
 * import { sharedContextInfo } from '@sharedcontext/ai-sdk';
 *
 * const info = sharedContextInfo({ type: 'text', value: 'ok' }); // undefined
 */
export function sharedContextInfo(
  output: ToolOutput,
): SharedContextOutputInfo | undefined {
  if (output.type !== 'text') return undefined;
  const info = output.providerOptions?.[SHAREDCONTEXT_KEY] as
    | Partial<SharedContextOutputInfo>
    | undefined;
  return typeof info?.key === 'string'
    ? (info as SharedContextOutputInfo)
    : undefined;
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

/** The text the model would read for `output`; undefined for errors, denials and media. */
function outputText(output: ToolOutput): string | undefined {
  if (output.type === 'text') return output.value;
  if (output.type === 'json') return JSON.stringify(output.value);
  return undefined;
}

/**
 * The entry for `text`: the one already stored when it holds this very
 * original (history compressed again on a later step stores once and its
 * markers stay stable), else a fresh `put`.
 */
async function entryFor(
  key: string,
  text: string,
  { ctx, agent, lossless }: ToolOutputCompressionOptions,
  tool: string | undefined,
): Promise<ContextEntry> {
  const stored = await ctx.getEntry(key);
  if (stored && stored.original === text) return stored;
  return ctx.put(key, text, {
    ...(agent === undefined ? {} : { agent }),
    ...(tool ? { tool } : {}),
    ...(lossless === undefined ? {} : { lossless }),
  });
}

/**
 * `output` with its text stored in the SharedContext and replaced by the
 * compressed form (a `text` output, markers where something was dropped,
 * the info under `providerOptions.sharedcontext`). The output itself when
 * it is an error, a denial, media, small, compressed already, or did not
 * get smaller. JSON is stored as its `JSON.stringify` text.
 */
export async function compressToolOutput(
  output: ToolOutput,
  call: ToolOutputCall,
  options: ToolOutputCompressionOptions,
): Promise<ToolOutput> {
  if (call === null || call === undefined)
    throw new InvalidArgumentError({
      parameter: 'call',
      value: call,
      message: 'expected a call object ({ toolCallId, toolName })',
    });
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError({
      parameter: 'options',
      value: options,
      message: 'expected an options object',
    });
  const { toolCallId, toolName } = call;
  const { ctx, minTokens = DEFAULTS.minTokens, keyPrefix = 'ai:' } = options;
  if (typeof ctx?.put !== 'function' || typeof ctx?.ready !== 'function')
    throw new InvalidArgumentError({
      parameter: 'ctx',
      value: ctx,
      message: 'expected a SharedContext',
    });
  const text = outputText(output);
  if (text === undefined || text === '' || sharedContextInfo(output))
    return output;
  await ctx.ready();
  if (ctx.countTokens(text) < minTokens) return output;
  const key = `${keyPrefix}tool:${toolCallId}.${contentHash(text)}`;
  const entry = await entryFor(key, text, options, toolName);
  if (entry.compressed === entry.original) return output;
  const info: SharedContextOutputInfo = {
    key: entry.key,
    originalTokens: entry.originalTokens,
    compressedTokens: entry.compressedTokens,
  };
  return {
    type: 'text',
    value: entry.compressed,
    providerOptions: {
      ...(output.type === 'text' || output.type === 'json'
        ? output.providerOptions
        : {}),
      [SHAREDCONTEXT_KEY]: { ...info },
    },
  };
}
