import type {
  AgentInputItem,
  CallModelInputFilterArgs,
  ModelInputData,
} from '@openai/agents';
import { InvalidArgumentError, type SharedContext } from '@sharedcontext/core';
import { type ContextOptions, resolveContext } from './context-option.ts';
import {
  assertFilterOptions,
  emptyTally,
  HistoryCompressor,
  type PassOptions,
} from './history-compressor.ts';

/** Options of {@link trimToolOutputs}. */
export interface TrimToolOutputsOptions extends ContextOptions {
  /**
   * Tool outputs from the last this-many user turns (the Nth user message
   * from the end and everything after it) are never touched.
   * @default 2
   */
  recentTurns?: number;
  /** Older tool outputs of at least this many characters are compressed. @default 500 */
  minChars?: number;
  /** Only these tools' outputs are compressed. @default every tool */
  trimmableTools?: readonly string[];
  /** What the model will look for: matching lines and items are kept. */
  query?: string;
  /** Prepended to every key this filter stores. @default 'trim:' */
  keyPrefix?: string;
}

/** A `callModelInputFilter` that also exposes its SharedContext. */
export interface TrimToolOutputsFilter {
  (args: CallModelInputFilterArgs): Promise<ModelInputData>;
  /** Where the originals are. */
  readonly ctx: SharedContext;
}

/**
 * The job of Python's `ToolOutputTrimmer`, retrievably: a run-wide
 * `callModelInputFilter` that, before every model call, compresses the tool
 * outputs older than the last `recentTurns` user turns and leaves recent
 * ones at full fidelity. Where the trimmer keeps a 200-character preview,
 * this keeps what the content-aware compressors keep and stores the
 * original behind markers the model can expand with
 * `createRetrievalTool({ ctx })`. Only output text changes: every call keeps
 * its output, in place, with its id, so no pair is ever split. Originals
 * are durable (`ctx.flush()`) before the model is called.
 *
 * @example
 * const ctx = new SharedContext({ model: 'gpt-4o' });
 * const runner = new Runner({
 *   callModelInputFilter: trimToolOutputs({ ctx, recentTurns: 2 }),
 * });
 * const agent = new Agent({ name: 'Analyst', tools: [createRetrievalTool({ ctx })] });
 */
export function trimToolOutputs(
  options: TrimToolOutputsOptions = {},
): TrimToolOutputsFilter {
  assertFilterOptions(options);
  const ctx = resolveContext(options);
  const {
    recentTurns = 2,
    minChars = 500,
    trimmableTools,
    query,
    keyPrefix = 'trim:',
    lossless,
  } = options;
  if (!Number.isInteger(recentTurns) || recentTurns < 1)
    throw new InvalidArgumentError({
      parameter: 'recentTurns',
      value: recentTurns,
      message: 'expected an integer >= 1',
    });
  if (
    trimmableTools !== undefined &&
    (!Array.isArray(trimmableTools) ||
      trimmableTools.some((name) => typeof name !== 'string'))
  )
    throw new InvalidArgumentError({
      parameter: 'trimmableTools',
      value: trimmableTools,
      message: 'expected an array of tool names',
    });
  const tools = trimmableTools ? new Set(trimmableTools) : undefined;
  const compressor = new HistoryCompressor(ctx, {
    minChars,
    keyPrefix,
    lossless,
  });

  const filter = async ({
    modelData,
    agent,
  }: CallModelInputFilterArgs): Promise<ModelInputData> => {
    const boundary = recentBoundary(modelData.input, recentTurns);
    if (boundary === 0) return modelData;
    await ctx.ready();
    const pass: PassOptions = { query, tally: emptyTally(), agent: agent.name };
    const input = modelData.input.map((item, index) =>
      index < boundary &&
      item.type === 'function_call_result' &&
      (tools === undefined || tools.has(item.name))
        ? compressor.inputItem(item, pass)
        : item,
    );
    await ctx.flush();
    return { ...modelData, input };
  };
  return Object.assign(filter, { ctx });
}

// The index of the Nth user message from the end; 0 when there are fewer
// (then nothing is old), as in Python's trimmer.
function recentBoundary(
  items: readonly AgentInputItem[],
  turns: number,
): number {
  let seen = 0;
  for (let index = items.length - 1; index >= 0; index--) {
    const item = items[index]!;
    if ('role' in item && item.role === 'user' && ++seen >= turns) return index;
  }
  return 0;
}
