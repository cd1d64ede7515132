import {
  sampleJsonRecords,
  sampleServiceLog,
} from '@sharedcontext-internal/test-utils';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, parseMarkers, SharedContext } from './index.ts';
import { taskHandoff } from './task-handoff.ts';

describe('taskHandoff', () => {
  const packages = sampleJsonRecords({ count: 1500 });
  const log = sampleServiceLog();

  it('returns the compressed output for the next task and stores the original', async () => {
    const ctx = new SharedContext();
    const handoff = await taskHandoff({
      ctx,
      from: 'research',
      to: 'write',
      output: packages,
    });

    expect(handoff.key).toBe('research->write');
    expect(handoff.context).toBe(handoff.entry.compressed);
    expect(handoff.entry.agent).toBe('research');
    expect(handoff.entry.compressedTokens).toBeLessThan(
      handoff.entry.originalTokens,
    );
    expect(await ctx.get('research->write', { full: true })).toBe(packages);
  });

  it('runs a hand-written crew loop where each task reads the last one compressed', async () => {
    const ctx = new SharedContext();
    const received: Record<string, string> = {};
    // The loop from docs/adapters/crew.md, as written there (its stand-in
    // agents recorded here).
    const fetchServiceLog = async () => log;
    const triageAgent = async (input: string) =>
      `triaged ${input.length} chars`;
    const writerAgent = async (input: string) => `report on: ${input}`;
    interface CrewTask {
      name: string;
      lookFor?: string;
      run: (input: string) => Promise<unknown>;
    }
    const tasks: CrewTask[] = [
      { name: 'collect', run: () => fetchServiceLog() },
      {
        name: 'triage',
        lookFor: 'ERROR WARN',
        run: (input) => triageAgent(input),
      },
      { name: 'report', run: (input) => writerAgent(input) },
    ];
    let previous: { name: string; output: unknown } | undefined;
    for (const task of tasks) {
      let input = '';
      if (previous) {
        const handoff = await taskHandoff({
          ctx,
          from: previous.name,
          to: task.name,
          output: previous.output,
          query: task.lookFor,
        });
        input = handoff.context;
      }
      received[task.name] = input;
      previous = { name: task.name, output: await task.run(input) };
    }

    const entry = await ctx.getEntry('collect->triage');
    expect(entry!.original).toBe(log);
    expect(received.triage).toBe(entry!.compressed);
    expect(received.triage!.length).toBeLessThanOrEqual(log.length);
    expect(received.report).toBe(`triaged ${received.triage!.length} chars`);
    for (const ref of parseMarkers(received.triage!)) {
      const span = await ctx.resolveMarker(`sc:${ref.key}#${ref.spanId}`);
      // A span may join several ranges of the original with '\n'.
      for (const line of span!.split('\n')) expect(log).toContain(line);
    }
  });
});

describe('taskHandoff', () => {
  it('takes objects and a key of your own', async () => {
    const ctx = new SharedContext();
    const output = { rows: [{ id: 1 }, { id: 2 }] };
    const handoff = await taskHandoff({
      ctx,
      from: 'a',
      to: 'b',
      output,
      key: 'rows',
    });
    expect(handoff.key).toBe('rows');
    expect(JSON.parse((await ctx.get('rows', { full: true }))!)).toEqual(
      output,
    );
  });

  it.each([
    ['ctx', { ctx: {}, from: 'a', to: 'b', output: 'x' }],
    ['from', { ctx: new SharedContext(), from: '', to: 'b', output: 'x' }],
    ['to', { ctx: new SharedContext(), from: 'a', to: 3, output: 'x' }],
    ['output', { ctx: new SharedContext(), from: 'a', to: 'b' }],
  ])(
    'rejects a bad %s with InvalidArgumentError',
    async (parameter, options) => {
      const error = await taskHandoff(options as never).then(
        () => undefined,
        (reason: unknown) => reason,
      );
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ parameter });
    },
  );
});
