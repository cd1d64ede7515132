import type {
  AgentInputItem,
  FunctionCallResultItem,
  RunItem,
} from '@openai/agents';
import {
  InvalidArgumentError,
  parseMarkers,
  type SharedContext,
} from '@sharedcontext/core';

/** What one pass over a history compressed. */
export interface CompressionTally {
  /** Tokens of the replaced items' originals. */
  originalTokens: number;
  /** Tokens of what replaced them. */
  compressedTokens: number;
  /** Items whose text was replaced. */
  items: number;
  /** The SharedContext keys their originals are stored under. */
  keys: string[];
}

/** Options shared by both filters. */
export interface HistoryCompressorOptions {
  /** Text shorter than this is never stored or compressed. */
  minChars: number;
  /** Prepended to every key this filter stores. */
  keyPrefix: string;
  /** Passed to every `putSync`: re-encode only, drop nothing. */
  lossless?: boolean | undefined;
}

/** One pass (a handoff, a model call): the query, and where its numbers add up. */
export interface PassOptions {
  /** Handed to core as `PutOptions.query`. */
  query: string | undefined;
  tally: CompressionTally;
  /** Credited in savings events when an item does not name its agent. */
  agent?: string | undefined;
}

// Per SharedContext, shared by every filter on it: the texts we produced, so
// a later pass (the callModelInputFilter after a handoff filter) never
// compresses them twice. Bounded like the context: entries past maxEntries
// are evicted there too.
const PRODUCED = new WeakMap<SharedContext, Set<string>>();

function producedBy(context: SharedContext): Set<string> {
  let produced = PRODUCED.get(context);
  if (!produced) {
    produced = new Set();
    PRODUCED.set(context, produced);
  }
  return produced;
}

/** FNV-1a: names an original by its content, so keys are stable across turns and runs. */
function contentHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** A tally with nothing counted yet. */
export function emptyTally(): CompressionTally {
  return { originalTokens: 0, compressedTokens: 0, items: 0, keys: [] };
}

/** Checks the options both filters share; throws `InvalidArgumentError` naming the bad one. */
export function assertFilterOptions(options: unknown): void {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError({
      parameter: 'options',
      value: options,
      message: 'expected an options object',
    });
  }
  const { minChars, keyPrefix, lossless } =
    options as Partial<HistoryCompressorOptions>;
  if (lossless !== undefined && typeof lossless !== 'boolean') {
    throw new InvalidArgumentError({
      parameter: 'lossless',
      value: lossless,
      message: 'expected a boolean',
    });
  }
  if (
    minChars !== undefined &&
    (typeof minChars !== 'number' || !Number.isFinite(minChars) || minChars < 0)
  ) {
    throw new InvalidArgumentError({
      parameter: 'minChars',
      value: minChars,
      message: 'expected a number >= 0',
    });
  }
  if (keyPrefix !== undefined && typeof keyPrefix !== 'string') {
    throw new InvalidArgumentError({
      parameter: 'keyPrefix',
      value: keyPrefix,
      message: 'expected a string',
    });
  }
}

/**
 * Rewrites the large texts of a history through `context.putSync`, leaving
 * every item's type, role, call id and position as it was. It never looks at
 * user or system messages, so the system prompt and the latest user turn
 * are untouched.
 */
export class HistoryCompressor {
  readonly #context: SharedContext;
  readonly #options: HistoryCompressorOptions;

  constructor(context: SharedContext, options: HistoryCompressorOptions) {
    this.#context = context;
    this.#options = options;
  }

  /** Input items (`inputHistory`, `modelData.input`). */
  inputItems(items: AgentInputItem[], pass: PassOptions): AgentInputItem[] {
    return items.map((item) => this.#rawItem(item, undefined, pass));
  }

  /** One input item (a tool output or an assistant message; others as they are). */
  inputItem(item: AgentInputItem, pass: PassOptions): AgentInputItem {
    return this.#rawItem(item, undefined, pass);
  }

  /** Run items: a changed one is a copy with the same class and fields. */
  runItems(items: RunItem[], pass: PassOptions): RunItem[] {
    return items.map((item) => {
      if (
        item.type !== 'tool_call_output_item' &&
        item.type !== 'message_output_item' &&
        item.type !== 'input_item'
      )
        return item;
      const rawItem = this.#rawItem(
        item.rawItem as AgentInputItem,
        item.agent.name,
        pass,
      );
      if (rawItem === item.rawItem) return item;
      // A copy on the item's own prototype stays an instance of the SDK class
      // the runner checks with `instanceof`, with every other field (agent,
      // the tool's own return value in `output`, customData, internal ids)
      // as it was; the item passed in is never modified.
      return Object.assign(
        Object.create(Object.getPrototypeOf(item) as object) as RunItem,
        item,
        { rawItem },
      );
    });
  }

  #rawItem(
    item: AgentInputItem,
    agent: string | undefined,
    pass: PassOptions,
  ): AgentInputItem {
    if (item.type === 'function_call_result') {
      const output = this.#toolOutput(item, agent ?? pass.agent, pass);
      return output === item.output ? item : { ...item, output };
    }
    if (
      (item.type === undefined || item.type === 'message') &&
      'role' in item &&
      item.role === 'assistant'
    ) {
      let changed = false;
      const content = item.content.map((part) => {
        if (part.type !== 'output_text') return part;
        const text = this.#text(part.text, 'msg', agent ?? pass.agent, pass);
        if (text === part.text) return part;
        changed = true;
        return { ...part, text };
      });
      return changed ? { ...item, content } : item;
    }
    return item;
  }

  #toolOutput(
    item: FunctionCallResultItem,
    agent: string | undefined,
    pass: PassOptions,
  ): FunctionCallResultItem['output'] {
    const { output, callId, name: tool } = item;
    if (typeof output === 'string')
      return this.#text(output, callId, agent, pass, tool);
    if (Array.isArray(output)) {
      let changed = false;
      const parts = output.map((part) => {
        if (part.type !== 'input_text') return part;
        const text = this.#text(part.text, callId, agent, pass, tool);
        if (text === part.text) return part;
        changed = true;
        return { ...part, text };
      });
      return changed ? parts : output;
    }
    if (output.type === 'text') {
      const text = this.#text(output.text, callId, agent, pass, tool);
      return text === output.text ? output : { ...output, text };
    }
    return output;
  }

  #text(
    original: string,
    id: string,
    agent: string | undefined,
    pass: PassOptions,
    tool?: string,
  ): string {
    if (original.length < this.#options.minChars) return original;
    const produced = producedBy(this.#context);
    if (produced.has(original) || parseMarkers(original).length > 0)
      return original;
    // Named by content (and query), so the same original gets the same key
    // and the same markers on every turn; putting it again refreshes its TTL.
    const key = `${this.#options.keyPrefix}${id}.${contentHash(`${original}\u0000${pass.query ?? ''}`)}`;
    const entry = this.#context.putSync(key, original, {
      ...(agent === undefined ? {} : { agent }),
      ...(tool === undefined ? {} : { tool }),
      ...(this.#options.lossless === undefined
        ? {}
        : { lossless: this.#options.lossless }),
      ...(pass.query === undefined ? {} : { query: pass.query }),
    });
    if (entry.compressed === original) return original;
    produced.add(entry.compressed);
    if (produced.size > this.#context.maxEntries * 2)
      produced.delete(produced.values().next().value as string);
    pass.tally.items++;
    pass.tally.originalTokens += entry.originalTokens;
    pass.tally.compressedTokens += entry.compressedTokens;
    pass.tally.keys.push(key);
    return entry.compressed;
  }
}
