import { EntryNotFoundError, InvalidArgumentError } from '../errors/index.ts';
import type { SharedContext } from '../shared-context.ts';

/** The one name every adapter gives its retrieval tool. */
export const RETRIEVAL_TOOL_NAME = 'sharedcontext_retrieve';

/** What the model is told the retrieval tool does. */
export const RETRIEVAL_TOOL_DESCRIPTION: string =
  'Gets back content that was compressed out of the context. Text like ' +
  '"[… 340 lines omitted · sc:<key>#<n> …]" marks what was dropped: pass ' +
  'that marker as `marker` for exactly the dropped text. Pass `key` alone ' +
  'for the whole original, or `key` and `query` for the original lines ' +
  '(JSON: items) that match.';

/**
 * One sentence per argument, shared by every adapter's schema (zod, JSON
 * schema) so the model reads the same words whichever framework runs it.
 */
export const RETRIEVAL_TOOL_ARGUMENT_DESCRIPTIONS: {
  readonly marker: string;
  readonly key: string;
  readonly query: string;
} = {
  marker:
    'A marker copied from the context, such as "[… 340 lines omitted · sc:tool:call_1.ab12cd34#3 …]" or just "sc:tool:call_1.ab12cd34#3".',
  key: 'An entry key (the part between "sc:" and "#", or "@" when there is one, in a marker), to read its whole original or search it.',
  query:
    'With key: words to look for; only the matching original lines (JSON: items) come back.',
};

/**
 * The retrieval tool's arguments. Each is optional; `null` means absent too,
 * because strict function-calling schemas (OpenAI) make every field present.
 */
export interface RetrievalToolArguments {
  marker?: string | null | undefined;
  key?: string | null | undefined;
  query?: string | null | undefined;
}

/** A JSON Schema (draft 2020-12 subset) of {@link RetrievalToolArguments}. */
export interface RetrievalToolJsonSchema {
  readonly type: 'object';
  readonly properties: {
    readonly [name in keyof RetrievalToolArguments]-?: {
      readonly type: readonly ['string', 'null'];
      readonly description: string;
    };
  };
  readonly required: readonly [];
  readonly additionalProperties: false;
}

/** The retrieval tool's arguments as JSON Schema, for frameworks that take one. */
export const RETRIEVAL_TOOL_PARAMETERS: RetrievalToolJsonSchema = {
  type: 'object',
  properties: {
    marker: {
      type: ['string', 'null'],
      description: RETRIEVAL_TOOL_ARGUMENT_DESCRIPTIONS.marker,
    },
    key: {
      type: ['string', 'null'],
      description: RETRIEVAL_TOOL_ARGUMENT_DESCRIPTIONS.key,
    },
    query: {
      type: ['string', 'null'],
      description: RETRIEVAL_TOOL_ARGUMENT_DESCRIPTIONS.query,
    },
  },
  required: [],
  additionalProperties: false,
};

/** What one retrieval call found; `text` is what the model reads either way. */
export interface RetrievalToolResult {
  /** False when the entry is gone, no line matched, or the call was malformed. */
  found: boolean;
  /** The retrieved text, or a sentence telling the model why there is none. */
  text: string;
}

/** Options of {@link retrievalToolDefinition} and {@link runRetrievalTool}. */
export interface RetrievalToolDefinitionOptions {
  /** The SharedContext the markers point into. */
  ctx: SharedContext;
  /** The tool's name. @default RETRIEVAL_TOOL_NAME ('sharedcontext_retrieve') */
  name?: string;
  /** The tool's description. @default RETRIEVAL_TOOL_DESCRIPTION */
  description?: string;
  /** With `query`: at most this many lines or items. @default DEFAULTS.retrieveLimit (200) */
  limit?: number;
}

/** A framework-free tool: what an adapter wraps in its framework's `tool()`. */
export interface RetrievalToolDefinition {
  readonly name: string;
  readonly description: string;
  readonly parameters: RetrievalToolJsonSchema;
  /** Runs one call; the text is the tool's answer to the model. */
  execute(args: RetrievalToolArguments): Promise<string>;
}

/**
 * The retrieval tool without a framework: its name, description, JSON
 * Schema and an `execute` over a SharedContext. Every adapter's
 * `createRetrievalTool({ ctx })` wraps this one definition, so the model
 * sees one tool whichever framework runs it. The model's own mistakes (no
 * marker or key, a malformed marker, a span that is not there) and a gone
 * entry come back as text it can act on; a store failure still throws
 * `StoreDriverError`, because hiding it would lose an original silently.
 *
 * @example
 * import { retrievalToolDefinition, SharedContext } from '@sharedcontext/core';
 *
 * const ctx = new SharedContext();
 * await ctx.put('logs', 'line one\nline two');
 * const tool = retrievalToolDefinition({ ctx });
 * const text = await tool.execute({ key: 'logs', query: 'two' }); // 'line two'
 */
export function retrievalToolDefinition(
  options: RetrievalToolDefinitionOptions,
): RetrievalToolDefinition {
  assertDefinitionOptions(options);
  const {
    name = RETRIEVAL_TOOL_NAME,
    description = RETRIEVAL_TOOL_DESCRIPTION,
  } = options;
  return {
    name,
    description,
    parameters: RETRIEVAL_TOOL_PARAMETERS,
    execute: async (args) => (await runRetrievalTool(options, args)).text,
  };
}

/**
 * One retrieval call with its outcome, for adapters whose tools return a
 * structured result (Mastra's `{ found, text }`).
 */
export async function runRetrievalTool(
  options: RetrievalToolDefinitionOptions,
  args: RetrievalToolArguments,
): Promise<RetrievalToolResult> {
  assertDefinitionOptions(options);
  const { ctx, limit } = options;
  try {
    const { marker, key, query } = readArguments(args);
    if (marker !== undefined) {
      const text = key
        ? await ctx.retrieve(key, { marker })
        : await ctx.resolveMarker(marker);
      return text === null
        ? gone(`Nothing stored for ${JSON.stringify(marker)}`)
        : { found: true, text };
    }
    if (key !== undefined) {
      const text = await ctx.retrieve(key, {
        ...(query === undefined ? {} : { query }),
        ...(limit === undefined ? {} : { limit }),
      });
      if (text === null)
        return gone(`Nothing stored under key ${JSON.stringify(key)}`);
      if (query !== undefined && text === '')
        return {
          found: false,
          text: `No line of ${JSON.stringify(key)} matches ${JSON.stringify(query)}.`,
        };
      return { found: true, text };
    }
    return {
      found: false,
      text: 'Pass `marker` (copied from a [… · sc:key#n …] marker), or `key` with an optional `query`.',
    };
  } catch (error) {
    // The model's mistakes go back to it as the answer, so it can retry.
    if (
      InvalidArgumentError.isInstance(error) ||
      EntryNotFoundError.isInstance(error)
    )
      return { found: false, text: error.message };
    throw error;
  }
}

function gone(what: string): RetrievalToolResult {
  return {
    found: false,
    text: `${what}: the entry expired or was evicted.`,
  };
}

// Empty strings and nulls mean "not given": models fill strict schemas so.
function readArguments(args: RetrievalToolArguments): {
  marker: string | undefined;
  key: string | undefined;
  query: string | undefined;
} {
  if (typeof args !== 'object' || args === null)
    throw new InvalidArgumentError({
      parameter: 'args',
      value: args,
      message: 'expected an object { marker?, key?, query? }',
    });
  const read = (name: keyof RetrievalToolArguments): string | undefined => {
    const value = args[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string')
      throw new InvalidArgumentError({
        parameter: name,
        value,
        message: 'expected a string or null',
      });
    return value;
  };
  return { marker: read('marker'), key: read('key'), query: read('query') };
}

function assertDefinitionOptions(
  options: RetrievalToolDefinitionOptions,
): void {
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError({
      parameter: 'options',
      value: options,
      message: 'expected an options object: { ctx: SharedContext }',
    });
  if (
    typeof options.ctx?.retrieve !== 'function' ||
    typeof options.ctx?.resolveMarker !== 'function'
  )
    throw new InvalidArgumentError({
      parameter: 'ctx',
      value: options.ctx,
      message:
        'expected { ctx: SharedContext }; pass the context whose markers the model sees',
    });
}
