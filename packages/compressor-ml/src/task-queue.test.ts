import { describe, expect, it } from 'vitest';
import { createTaskQueue } from './task-queue.ts';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

describe('createTaskQueue', () => {
  it('runs at most `concurrency` tasks at once, in order', async () => {
    const queue = createTaskQueue(1);
    const started: string[] = [];
    const gate = deferred<void>();
    const signal = new AbortController().signal;
    const first = queue.run(async () => {
      started.push('first');
      await gate.promise;
      return 1;
    }, signal);
    const second = queue.run(async () => {
      started.push('second');
      return 2;
    }, signal);
    await Promise.resolve();
    expect(started).toEqual(['first']);
    expect([queue.active, queue.waiting]).toEqual([1, 1]);
    gate.resolve();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(started).toEqual(['first', 'second']);
    expect([queue.active, queue.waiting]).toEqual([0, 0]);
  });

  it('removes a waiting task whose signal aborts, and keeps the slot of a running one', async () => {
    const queue = createTaskQueue(1);
    const gate = deferred<void>();
    const running = new AbortController();
    const waiting = new AbortController();
    let ranWaiting = false;
    const first = queue.run(() => gate.promise, running.signal);
    const second = queue.run(async () => {
      ranWaiting = true;
    }, waiting.signal);
    waiting.abort(new Error('gone'));
    await expect(second).rejects.toThrow('gone');
    running.abort(new Error('late'));
    await expect(first).rejects.toThrow('late');
    expect(queue.active).toBe(1);
    gate.resolve();
    await gate.promise;
    await new Promise((resolve) => setImmediate(resolve));
    expect(queue.active).toBe(0);
    expect(ranWaiting).toBe(false);
  });
});
