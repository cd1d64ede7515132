/**
 * The pipeline is written once, as a generator that yields every value that
 * may be a promise, and driven two ways: `runAsync` awaits each one,
 * `runSync` refuses them. So the synchronous path (LangGraph reducers,
 * OpenAI Agents handoff filters) and the async path cannot drift apart.
 */
export type Steps<T> = Generator<unknown, T, unknown>;

/** Thrown into a step that yielded a promise on the synchronous path. */
export class AsyncInSyncPathError extends Error {
  constructor() {
    super('returned a promise on the synchronous path');
    this.name = 'AsyncInSyncPathError';
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Drives `steps`, awaiting every yielded value. */
export async function runAsync<T>(steps: Steps<T>): Promise<T> {
  let next = steps.next();
  while (!next.done) {
    let value: unknown;
    try {
      value = await next.value;
    } catch (error) {
      next = steps.throw(error);
      continue;
    }
    next = steps.next(value);
  }
  return next.value;
}

/** Drives `steps` synchronously; a yielded promise is thrown back as `AsyncInSyncPathError`. */
export function runSync<T>(steps: Steps<T>): T {
  let next = steps.next();
  while (!next.done) {
    const value = next.value;
    if (isThenable(value)) {
      // Nobody will await it; keep its rejection from crashing the process.
      value.then(undefined, () => {});
      next = steps.throw(new AsyncInSyncPathError());
      continue;
    }
    next = steps.next(value);
  }
  return next.value;
}
