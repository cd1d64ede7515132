/** A bounded queue: at most `concurrency` tasks run at once, the rest wait in order. */
export interface TaskQueue {
  /**
   * Runs `task` when a slot is free. If `signal` aborts while the task is
   * waiting, it is removed and never runs; if it aborts while running, the
   * returned promise rejects at once, but the slot stays taken until the task
   * really finishes (ONNX Runtime cannot cancel a run), so the bound holds.
   */
  run<T>(task: () => Promise<T>, signal: AbortSignal): Promise<T>;
  /** Tasks running now. */
  readonly active: number;
  /** Tasks waiting for a slot. */
  readonly waiting: number;
}

/** Creates a {@link TaskQueue}. */
export function createTaskQueue(concurrency: number): TaskQueue {
  let active = 0;
  const waiting: Array<() => void> = [];

  const release = (): void => {
    active--;
    waiting.shift()?.();
  };

  function acquire(signal: AbortSignal): Promise<void> {
    if (active < concurrency) {
      active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const start = (): void => {
        signal.removeEventListener('abort', onAbort);
        active++;
        resolve();
      };
      const onAbort = (): void => {
        const index = waiting.indexOf(start);
        if (index >= 0) waiting.splice(index, 1);
        reject(signal.reason);
      };
      waiting.push(start);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  return {
    get active() {
      return active;
    },
    get waiting() {
      return waiting.length;
    },
    async run(task, signal) {
      signal.throwIfAborted();
      await acquire(signal);
      const running = task().finally(release);
      return new Promise((resolve, reject) => {
        const onAbort = (): void => reject(signal.reason);
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        running
          .then(resolve, reject)
          .finally(() => signal.removeEventListener('abort', onAbort));
      });
    },
  };
}
