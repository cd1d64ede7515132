import { InvalidArgumentError, type SharedContext } from '@sharedcontext/core';
import type { Task, Team } from 'kaibanjs';

type TeamState = ReturnType<ReturnType<Team['getStore']>['getState']>;

/** Options of {@link compressTeamHandoffs}. */
export interface CompressTeamHandoffsOptions {
  /** Where originals are kept, so markers in later tasks' context resolve. */
  ctx: SharedContext;
  /**
   * What later tasks will look for: matching lines and items are kept. A
   * function is called with the first task that receives a result.
   */
  query?: string | ((task: Task) => string | undefined);
  /**
   * Results shorter than this many characters are handed over as they are,
   * without a store write. @default 1000
   */
  minChars?: number;
  /**
   * The store key (and marker name) of a task's result.
   * @default `task${index + 1}`, KaibanJS's own `{taskResult:task1}` name
   */
  key?: (task: Task, index: number) => string;
  /** Passed to every `put`: re-encode only, drop nothing, no markers. @default the context's own */
  lossless?: boolean;
}

/**
 * Makes a KaibanJS `Team` hand each finished task's result to later tasks
 * compressed. It wraps two actions of the team's store: `workOnTask`,
 * where the context of earlier results is passed to the next agent (each
 * result is stored in the SharedContext and swapped for its compressed
 * text there), and `getTaskResults`, which fills `{taskResult:task1}`
 * placeholders in task descriptions. The team's own logs, task results
 * and workflow result keep the originals. Returns a function that
 * restores the store's actions.
 *
 * @example
 * const ctx = new SharedContext();
 * const team = new Team({ name: 'research', agents, tasks, inputs });
 * compressTeamHandoffs(team, { ctx });
 * const { result } = await team.start();
 * await ctx.stats(); // tokens saved per agent
 */
export function compressTeamHandoffs(
  team: Team,
  options: CompressTeamHandoffsOptions,
): () => void {
  if (typeof team?.getStore !== 'function') {
    throw new InvalidArgumentError({
      parameter: 'team',
      value: team,
      message: 'expected a KaibanJS Team',
    });
  }
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError({
      parameter: 'options',
      value: options,
      message: 'expected an options object',
    });
  if (typeof options.ctx?.put !== 'function') {
    throw new InvalidArgumentError({
      parameter: 'ctx',
      value: options.ctx,
      message: 'expected a SharedContext',
    });
  }
  const {
    ctx,
    query,
    minChars = 1000,
    key = (_task, index) => `task${index + 1}`,
    lossless,
  } = options;
  const store = team.getStore();
  const { workOnTask, getTaskResults } = store.getState();
  // A finished result's text (as KaibanJS serialises it) → its compressed
  // text. Each result is stored once: re-storing it under the same key for
  // another query could renumber the spans behind markers already handed on.
  const compressed = new Map<string, string>();
  const stored = new Set<string>();

  async function storeResults(current: Task): Promise<void> {
    const { tasks, workflowLogs } = store.getState();
    for (const [id, result] of finishedResults(workflowLogs, current)) {
      const index = tasks.findIndex((task) => task.id === id);
      const task = tasks[index];
      if (!task) continue;
      const text = typeof result === 'string' ? result : JSON.stringify(result);
      if (text.length < minChars || stored.has(text)) continue;
      stored.add(text);
      const q = typeof query === 'function' ? query(current) : query;
      const entry = await ctx.put(key(task, index), text, {
        agent: task.agent?.name ?? task.title,
        ...(q ? { query: q } : {}),
        ...(lossless === undefined ? {} : { lossless }),
      });
      if (entry.compressedTokens < entry.originalTokens) {
        compressed.set(text, entry.compressed);
      }
    }
  }

  const wrappedWorkOnTask: TeamState['workOnTask'] = async (
    agent,
    task,
    context,
    ...rest
  ) => {
    await storeResults(task);
    let next = context;
    for (const [original, short] of compressed) {
      next = next.replaceAll(original, () => short);
    }
    return workOnTask(agent, task, next, ...rest);
  };

  const wrappedGetTaskResults: TeamState['getTaskResults'] = () =>
    Object.fromEntries(
      Object.entries(getTaskResults()).map(([name, value]) => {
        const text = typeof value === 'string' ? value : JSON.stringify(value);
        return [name, compressed.get(text) ?? value];
      }),
    );

  store.setState({
    workOnTask: wrappedWorkOnTask,
    getTaskResults: wrappedGetTaskResults,
  });
  return () => store.setState({ workOnTask, getTaskResults });
}

// The latest DONE result of every task other than `current`, by task id.
// (Logs hold copies of the tasks, so ids, not objects, identify them.)
function finishedResults(
  logs: TeamState['workflowLogs'],
  current: Task,
): Map<string, unknown> {
  const results = new Map<string, unknown>();
  for (const log of logs) {
    if (log.logType !== 'TaskStatusUpdate' || log.taskStatus !== 'DONE') {
      continue;
    }
    const { task, metadata } = log as {
      task: Task;
      metadata: { result?: unknown };
    };
    if (task.id !== current.id && metadata.result != null) {
      results.set(task.id, metadata.result);
    }
  }
  return results;
}
