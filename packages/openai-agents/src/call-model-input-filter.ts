import type { CallModelInputFilterArgs, ModelInputData } from '@openai/agents';
import type { SharedContext } from '@sharedcontext/core';
import { type ContextOptions, resolveContext } from './context-option.ts';
import {
  assertFilterOptions,
  emptyTally,
  HistoryCompressor,
} from './history-compressor.ts';

/** One model call's numbers, as {@link compressModelInput} records them. */
export interface ModelInputStats {
  /** The agent whose model is about to be called. */
  agent: string;
  /** Tokens of the compressed items' originals. */
  originalTokens: number;
  /** Tokens of what the model gets instead. */
  compressedTokens: number;
  /** Items whose text was replaced on this call. */
  items: number;
  /** SharedContext keys the originals are stored under. */
  keys: string[];
}

/** Options of {@link compressModelInput}. */
export interface CompressModelInputOptions extends ContextOptions {
  /**
   * Text shorter than this many characters is sent as it is, never stored.
   * @default 1000
   */
  minChars?: number;
  /** What the model will look for: matching lines and items are kept. */
  query?: string;
  /**
   * Use the calling agent's resolved instructions (the system prompt of
   * this call) as the `query`. `query` wins when both are set.
   * @default false
   */
  instructionsAsQuery?: boolean;
  /**
   * Prepended to every key this filter stores.
   * @default 'model:'
   */
  keyPrefix?: string;
  /**
   * @deprecated Listen to the context's `compression-end` events (or pass
   * `onCompress` to it) and read `ctx.stats()`: one way in every adapter.
   */
  onStats?: (stats: ModelInputStats) => void;
}

/** A `callModelInputFilter` that also exposes its SharedContext and stats. */
export interface CompressModelInputFilter {
  (args: CallModelInputFilterArgs): Promise<ModelInputData>;
  /** Where the originals are. */
  readonly ctx: SharedContext;
  /** @deprecated Use `ctx`. */
  readonly context: SharedContext;
  /**
   * @deprecated Listen to `ctx`'s `compression-end` events and read
   * `ctx.stats()` instead.
   */
  readonly stats: readonly ModelInputStats[];
}

/**
 * A run-wide `callModelInputFilter`: before every model call, compresses the
 * large tool outputs and assistant messages of the input (originals go to a
 * SharedContext) and leaves the instructions, user and system messages as
 * they are. It is async, so it awaits `context.ready()` itself, and it
 * awaits `context.flush()` before the model is called: with an async store
 * (Redis) every original, including those a synchronous handoff filter put
 * on the same context, is durable before any model can read its marker, and
 * a failed write fails the run with `StoreDriverError` instead of being lost.
 *
 * @example
 * const ctx = new SharedContext({ model: 'gpt-4o' });
 * const runner = new Runner({
 *   callModelInputFilter: compressModelInput({ ctx }),
 *   handoffInputFilter: compressHandoffInput({ ctx }),
 * });
 * const agent = new Agent({ name: 'Analyst', tools: [fetchLogs, createRetrievalTool({ ctx })] });
 * await ctx.ready();
 * const result = await runner.run(agent, 'Why did the nightly job fail?');
 */
export function compressModelInput(
  options: CompressModelInputOptions = {},
): CompressModelInputFilter {
  assertFilterOptions(options);
  const context = resolveContext(options);
  const {
    minChars = 1000,
    query,
    instructionsAsQuery = false,
    keyPrefix = 'model:',
    lossless,
    onStats,
  } = options;
  const compressor = new HistoryCompressor(context, {
    minChars,
    keyPrefix,
    lossless,
  });
  const stats: ModelInputStats[] = [];

  const filter = async ({
    modelData,
    agent,
  }: CallModelInputFilterArgs): Promise<ModelInputData> => {
    await context.ready();
    const pass = {
      query:
        query ?? (instructionsAsQuery ? modelData.instructions : undefined),
      tally: emptyTally(),
      agent: agent.name,
    };
    const input = compressor.inputItems(modelData.input, pass);
    await context.flush();
    const record: ModelInputStats = { agent: agent.name, ...pass.tally };
    stats.push(record);
    onStats?.(record);
    return { ...modelData, input };
  };
  return Object.assign(filter, { ctx: context, context, stats });
}
