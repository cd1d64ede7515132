import {
  type ContextEntry,
  InvalidArgumentError,
  type SharedContext,
} from '@sharedcontext/core';

/** Options of {@link taskHandoff}. */
export interface TaskHandoffOptions {
  /** Where the original is kept, so markers in `context` resolve. */
  ctx: SharedContext;
  /** The task (or agent) that produced `output`; recorded as the entry's agent. */
  from: string;
  /** The task (or agent) that will read it. */
  to: string;
  /** The finished task's output: text, or anything JSON-serialisable. */
  output: unknown;
  /** What `to` will look for: matching lines and items are kept. */
  query?: string;
  /** The store key (and marker name). @default `${from}->${to}` */
  key?: string;
  /** Passed to `put`: re-encode only, drop nothing, no markers. @default the context's own */
  lossless?: boolean;
}

/** What {@link taskHandoff} returns. */
export interface TaskHandoff {
  /** The key the original is stored under. */
  key: string;
  /** What to put in the next task's prompt: the compressed output. */
  context: string;
  /** The stored entry: original, token counts, savings, dropped spans. */
  entry: ContextEntry;
}

/**
 * The framework-free hook for any crew-style loop: call it between two
 * tasks. It stores the finished task's output in the SharedContext and
 * returns the compressed text for the next task's prompt; the original
 * stays retrievable by key or by the markers in that text.
 *
 * @example
 * const ctx = new SharedContext();
 * let previous = { name: 'brief', output: topic };
 * for (const task of tasks) {
 *   const handoff = await taskHandoff({
 *     ctx,
 *     from: previous.name,
 *     to: task.name,
 *     output: previous.output,
 *     query: task.lookFor,
 *   });
 *   const output = await task.run(handoff.context);
 *   previous = { name: task.name, output };
 * }
 */
export async function taskHandoff(
  options: TaskHandoffOptions,
): Promise<TaskHandoff> {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError({
      parameter: 'options',
      value: options,
      message: 'expected { ctx, from, to, output }',
    });
  }
  const { ctx, from, to, output, query, lossless } = options;
  if (typeof ctx?.put !== 'function') {
    throw new InvalidArgumentError({
      parameter: 'ctx',
      value: ctx,
      message: 'expected a SharedContext',
    });
  }
  for (const [parameter, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (typeof value !== 'string' || value.length === 0) {
      throw new InvalidArgumentError({
        parameter,
        value,
        message: 'expected a non-empty task or agent name',
      });
    }
  }
  if (output === undefined) {
    throw new InvalidArgumentError({
      parameter: 'output',
      value: output,
      message: 'the task produced no output to hand over',
    });
  }
  const key = options.key ?? `${from}->${to}`;
  const entry = await ctx.put(key, output, {
    agent: from,
    ...(query ? { query } : {}),
    ...(lossless === undefined ? {} : { lossless }),
  });
  return { key, context: entry.compressed, entry };
}
