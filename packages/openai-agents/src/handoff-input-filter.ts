import type { HandoffInputData, RunHandoffOutputItem } from '@openai/agents';
import { NotReadyError, SharedContext } from '@sharedcontext/core';
import {
  assertFilterOptions,
  emptyTally,
  HistoryCompressor,
  type PassOptions,
} from './history-compressor.ts';

/** One handoff's numbers, as {@link compressHandoff} records them. */
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

/** Options of {@link compressHandoff}. */
export interface CompressHandoffOptions {
  /**
   * Where originals are stored; pass the one your `retrieveTool` reads.
   * @default new SharedContext({ model: 'gpt-4o' })
   */
  context?: SharedContext;
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
  /** Called once per handoff with its numbers (they are also kept in `filter.stats`). */
  onStats?: (stats: HandoffStats) => void;
}

/** A handoff input filter that also exposes its SharedContext and stats. */
export interface CompressHandoffFilter {
  (input: HandoffInputData): HandoffInputData;
  /** Where the originals are. */
  readonly context: SharedContext;
  /** One record per handoff, oldest first. */
  readonly stats: readonly HandoffStats[];
  /** Loads what compression needs; await it once before the run. */
  ready(): Promise<void>;
}

/**
 * A `HandoffInputFilter` that compresses the large items of the history an
 * agent hands over (tool outputs, long assistant messages) instead of
 * dropping them, and stores each original in a SharedContext so the
 * receiving agent can pull it back with {@link retrieveTool}. Items keep
 * their type, role, call id and position; user and system messages are
 * never touched. The SDK calls handoff filters synchronously, so await
 * `filter.ready()` (or `context.ready()`) once before the run.
 *
 * @example
 * const filter = compressHandoff({ instructionsAsQuery: true });
 * await filter.ready();
 * const specialist = new Agent({ name: 'Specialist', instructions, tools: [retrieveTool(filter.context)] });
 * const triage = new Agent({ name: 'Triage', tools: [fetchLogs], handoffs: [handoff(specialist, { inputFilter: filter })] });
 * const result = await run(triage, 'Why did the nightly job fail?');
 * console.log(filter.stats); // [{ from: 'Triage', to: 'Specialist', originalTokens, compressedTokens, items, keys }]
 * // or run-wide: new Runner({ handoffInputFilter: filter })
 */
export function compressHandoff(
  options: CompressHandoffOptions = {},
): CompressHandoffFilter {
  assertFilterOptions(options);
  const {
    context = new SharedContext({ model: 'gpt-4o' }),
    minChars = 1000,
    query,
    instructionsAsQuery = false,
    keyPrefix = 'handoff:',
    onStats,
  } = options;
  const compressor = new HistoryCompressor(context, { minChars, keyPrefix });
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
          what: `compressHandoff(): the SharedContext's ${context.tokenizerName} tokenizer (await filter.ready() before run())`,
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
    context,
    stats,
    ready: () => context.ready(),
  });
}
