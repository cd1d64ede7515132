import type { HandoffInputData, RunHandoffOutputItem } from '@openai/agents';
import { NotReadyError, type SharedContext } from '@sharedcontext/core';
import { type ContextOptions, resolveContext } from './context-option.ts';
import {
  assertFilterOptions,
  emptyTally,
  HistoryCompressor,
  type PassOptions,
} from './history-compressor.ts';

/** One handoff's numbers, as {@link compressHandoffInput} records them. */
export interface HandoffStats {
  /** The agent handing over, or null when the SDK did not say. */
  from: string | null;
  /** The agent receiving, or null when the SDK did not say. */
  to: string | null;
  /** Tokens of the compressed items' originals. */
  originalTokens: number;
  /** Tokens of what the receiving agent gets instead. */
  compressedTokens: number;
  /** Items whose text was replaced (tool outputs, assistant messages). */
  items: number;
  /** SharedContext keys the originals are stored under. */
  keys: string[];
}

/** Options of {@link compressHandoffInput}. */
export interface CompressHandoffInputOptions extends ContextOptions {
  /**
   * Text shorter than this many characters is handed over as it is, never
   * stored (core's `minTokens` still decides what compresses).
   * @default 1000
   */
  minChars?: number;
  /** What the receiving agent will look for: matching lines and items are kept. */
  query?: string;
  /**
   * Use the receiving agent's `instructions` as the `query` when it is a
   * string (function instructions cannot be awaited in a synchronous filter).
   * `query` wins when both are set.
   * @default false
   */
  instructionsAsQuery?: boolean;
  /**
   * Prepended to every key this filter stores.
   * @default 'handoff:'
   */
  keyPrefix?: string;
  /**
   * @deprecated Listen to the context's `compression-end` events (or pass
   * `onCompress` to it) and read `ctx.stats()`: one way in every adapter.
   */
  onStats?: (stats: HandoffStats) => void;
}

/** A handoff input filter that also exposes its SharedContext. */
export interface CompressHandoffInputFilter {
  (input: HandoffInputData): HandoffInputData;
  /** Where the originals are. */
  readonly ctx: SharedContext;
  /** @deprecated Use `ctx`. */
  readonly context: SharedContext;
  /**
   * @deprecated Listen to `ctx`'s `compression-end` events and read
   * `ctx.stats()` instead.
   */
  readonly stats: readonly HandoffStats[];
  /** Loads what compression needs; await it once before the run. */
  ready(): Promise<void>;
}

/**
 * A `HandoffInputFilter` that compresses the large items of the history an
 * agent hands over (tool outputs, long assistant messages) instead of
 * dropping them, and stores each original in a SharedContext so the
 * receiving agent can pull it back with `createRetrievalTool({ ctx })`.
 * Items keep their type, role, call id and position; user and system
 * messages are never touched. The SDK calls handoff filters synchronously,
 * so await `filter.ready()` (or `ctx.ready()`) once before the run. Each
 * compression is a `compression-end` event on `ctx`, naming agent and tool.
 *
 * @example
 * const ctx = new SharedContext({ model: 'gpt-4o' });
 * const filter = compressHandoffInput({ ctx, instructionsAsQuery: true });
 * await filter.ready();
 * const specialist = new Agent({ name: 'Specialist', tools: [createRetrievalTool({ ctx })] });
 * const triage = new Agent({ name: 'Triage', handoffs: [handoff(specialist, { inputFilter: filter })] });
 * // or run-wide: new Runner({ handoffInputFilter: filter })
 */
export function compressHandoffInput(
  options: CompressHandoffInputOptions = {},
): CompressHandoffInputFilter {
  assertFilterOptions(options);
  const ctx = resolveContext(options);
  const {
    minChars = 1000,
    query,
    instructionsAsQuery = false,
    keyPrefix = 'handoff:',
    lossless,
    onStats,
  } = options;
  const compressor = new HistoryCompressor(ctx, {
    minChars,
    keyPrefix,
    lossless,
  });
  const stats: HandoffStats[] = [];

  const filter = (input: HandoffInputData): HandoffInputData => {
    const handoffItem = input.newItems.find(
      (item): item is RunHandoffOutputItem =>
        item.type === 'handoff_output_item',
    );
    const target = handoffItem?.targetAgent;
    const instructions =
      instructionsAsQuery && typeof target?.instructions === 'string'
        ? target.instructions
        : undefined;
    const pass: PassOptions = {
      query: query ?? instructions,
      tally: emptyTally(),
      agent: handoffItem?.sourceAgent.name,
    };
    let filtered: HandoffInputData;
    try {
      filtered = {
        ...input,
        inputHistory:
          typeof input.inputHistory === 'string'
            ? input.inputHistory
            : compressor.inputItems(input.inputHistory, pass),
        preHandoffItems: compressor.runItems(input.preHandoffItems, pass),
        newItems: compressor.runItems(input.newItems, pass),
      };
    } catch (error) {
      if (NotReadyError.isInstance(error)) {
        throw new NotReadyError({
          what: `compressHandoffInput(): the SharedContext's ${ctx.tokenizerName} tokenizer (await filter.ready() before run())`,
        });
      }
      throw error;
    }
    const record: HandoffStats = {
      from: handoffItem?.sourceAgent.name ?? null,
      to: target?.name ?? null,
      ...pass.tally,
    };
    stats.push(record);
    onStats?.(record);
    return filtered;
  };
  return Object.assign(filter, {
    ctx,
    context: ctx,
    stats,
    ready: () => ctx.ready(),
  });
}

/** @deprecated Renamed {@link CompressHandoffInputOptions}. */
export type CompressHandoffOptions = CompressHandoffInputOptions;
/** @deprecated Renamed {@link CompressHandoffInputFilter}. */
export type CompressHandoffFilter = CompressHandoffInputFilter;

/**
 * @deprecated Renamed `compressHandoffInput` (in LangGraph,
 * `compressHandoff` builds a handoff `Command`; one name, one meaning).
 * Kept for one minor version.
 */
export const compressHandoff: typeof compressHandoffInput =
  compressHandoffInput;
