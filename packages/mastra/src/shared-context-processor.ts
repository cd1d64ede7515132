import type {
  InputProcessor,
  ProcessLLMRequestArgs,
  ProcessLLMRequestResult,
} from '@mastra/core/processors';
import {
  InvalidArgumentError,
  parseMarkers,
  type SharedContext,
} from '@sharedcontext/core';

type Prompt = ProcessLLMRequestArgs['prompt'];
type PromptMessage = Prompt[number];
type ToolResultPart = Extract<
  Extract<PromptMessage, { role: 'tool' }>['content'][number],
  { type: 'tool-result' }
>;

/** One piece of content the processor is about to compress. */
export interface CompressedPart {
  /** `tool-result` for a tool's output, `message` for a user text part. */
  kind: 'tool-result' | 'message';
  /** The text that goes into the store (tool JSON as the model would read it). */
  text: string;
  /** The tool's name, for `tool-result`. */
  toolName?: string;
  /** The tool call's id, for `tool-result`. */
  toolCallId?: string;
}

/** Options of {@link sharedContextProcessor}. */
export interface SharedContextProcessorOptions {
  /** Where originals are kept, so markers in what the model reads resolve. */
  ctx: SharedContext;
  /** The processor's id in Mastra's traces. @default 'sharedcontext' */
  id?: string;
  /** Compress tool results. @default true */
  toolResults?: boolean;
  /** Compress user text parts, where handed-over content arrives. @default true */
  userMessages?: boolean;
  /**
   * Parts shorter than this many characters are left alone without a store
   * write; core's own `minTokens` gate still decides for longer ones.
   * @default 1000
   */
  minChars?: number;
  /**
   * Tools whose results are never compressed: the retrieval tool's answer
   * is the original the model asked for.
   * @default ['sharedcontext_retrieve']
   */
  skipTools?: readonly string[];
  /** What the model will look for: matching lines and items are kept. */
  query?: string | ((part: CompressedPart) => string | undefined);
  /**
   * The store key (and marker name) of a part.
   * @default `${toolName}-${toolCallId}` for tool results, `msg-<hash>` for messages
   */
  key?: (part: CompressedPart) => string;
  /** Passed to every `put`: re-encode only, drop nothing, no markers. @default the context's own */
  lossless?: boolean;
  /** The agent credited in savings events. @default the running agent's name */
  agent?: string;
}

/**
 * A Mastra input processor that compresses large tool results and
 * handed-over user messages in the prompt just before each model call
 * (`processLLMRequest`). The rewrite is per call only: Mastra's message
 * list and memory keep the originals, and the SharedContext keeps them
 * too, so every `[… · sc:key#n …]` marker the model sees resolves with
 * `ctx.resolveMarker()` or the retrieval tool. A part already stored
 * under its key is not compressed again on later steps.
 *
 * @example
 * const ctx = new SharedContext();
 * const agent = new Agent({
 *   id: 'analyst',
 *   name: 'analyst',
 *   instructions: 'Answer from the tool results.',
 *   model,
 *   tools: { fetchLogs, retrieve: createRetrievalTool({ ctx }) },
 *   inputProcessors: [sharedContextProcessor({ ctx })],
 * });
 */
export function sharedContextProcessor(
  options: SharedContextProcessorOptions,
): InputProcessor {
  const {
    ctx,
    id = 'sharedcontext',
    toolResults = true,
    userMessages = true,
    minChars = 1000,
    skipTools = ['sharedcontext_retrieve'],
    query,
    key = defaultKey,
    lossless,
    agent: agentOption,
  } = validate(options);

  // Counts swaps, so a prompt with nothing to compress goes on as it was.
  let swaps = 0;

  // `runningAgent`: the agent Mastra passed to the hook, if any.
  async function shrink(
    part: CompressedPart,
    runningAgent: string | undefined,
  ): Promise<string | undefined> {
    if (part.text.length < minChars || parseMarkers(part.text).length > 0) {
      return undefined; // small, or already compressed upstream
    }
    const entryKey = key(part);
    let entry = await ctx.getEntry(entryKey);
    if (entry?.original !== part.text) {
      const q = typeof query === 'function' ? query(part) : query;
      const agent = agentOption ?? runningAgent;
      entry = await ctx.put(entryKey, part.text, {
        ...(agent ? { agent } : {}),
        ...(part.toolName ? { tool: part.toolName } : {}),
        ...(q ? { query: q } : {}),
        ...(lossless === undefined ? {} : { lossless }),
      });
    }
    if (entry.compressedTokens >= entry.originalTokens) return undefined;
    swaps++;
    return entry.compressed;
  }

  async function toolResult(
    part: ToolResultPart,
    runningAgent: string | undefined,
  ): Promise<ToolResultPart> {
    const { output } = part;
    if (output.type !== 'text' && output.type !== 'json') return part;
    if (skipTools.includes(part.toolName)) return part;
    const text =
      output.type === 'text' ? output.value : JSON.stringify(output.value);
    const compressed = await shrink(
      {
        kind: 'tool-result',
        text,
        toolName: part.toolName,
        toolCallId: part.toolCallId,
      },
      runningAgent,
    );
    return compressed === undefined
      ? part
      : { ...part, output: { type: 'text', value: compressed } };
  }

  async function message(
    msg: PromptMessage,
    runningAgent: string | undefined,
  ): Promise<PromptMessage> {
    if (msg.role === 'tool' && toolResults) {
      const content: ToolResultPart[] = [];
      for (const part of msg.content)
        content.push(await toolResult(part, runningAgent));
      return { ...msg, content };
    }
    if (msg.role === 'assistant' && toolResults) {
      const content: typeof msg.content = [];
      for (const part of msg.content) {
        content.push(
          part.type === 'tool-result'
            ? await toolResult(part, runningAgent)
            : part,
        );
      }
      return { ...msg, content };
    }
    if (msg.role === 'user' && userMessages) {
      const content: typeof msg.content = [];
      for (const part of msg.content) {
        if (part.type !== 'text') {
          content.push(part);
          continue;
        }
        const compressed = await shrink(
          { kind: 'message', text: part.text },
          runningAgent,
        );
        content.push(
          compressed === undefined ? part : { ...part, text: compressed },
        );
      }
      return { ...msg, content };
    }
    return msg;
  }

  return {
    id,
    name: 'SharedContext compression',
    async processLLMRequest({
      prompt,
      agent,
    }): Promise<ProcessLLMRequestResult> {
      const before = swaps;
      const next: Prompt = [];
      for (const msg of prompt) next.push(await message(msg, agent?.name));
      return swaps === before ? undefined : { prompt: next };
    },
  };
}

function validate(
  options: SharedContextProcessorOptions,
): SharedContextProcessorOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError({
      parameter: 'options',
      value: options,
      message: 'expected an options object with `ctx`',
    });
  }
  if (typeof options.ctx?.put !== 'function') {
    throw new InvalidArgumentError({
      parameter: 'ctx',
      value: options.ctx,
      message: 'expected a SharedContext',
    });
  }
  return options;
}

function defaultKey(part: CompressedPart): string {
  return part.kind === 'tool-result'
    ? `${part.toolName}-${part.toolCallId}`
    : `msg-${fnv1a(part.text)}`;
}

// A content-derived key, so the same handed-over message maps to one entry
// across steps and requests.
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
