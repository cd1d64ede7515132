import { Agent } from '@mastra/core/agent';
import { createStep, createWorkflow } from '@mastra/core/workflows';
import {
  sampleJsonRecords,
  sampleServiceLog,
} from '@sharedcontext-internal/test-utils';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { keepHeadCompressor, thrown } from './__fixtures__/payloads.ts';
import { scriptedModel } from './__fixtures__/scripted-model.ts';
import { compressedStep } from './compressed-step.ts';
import { InvalidArgumentError, parseMarkers, SharedContext } from './index.ts';

const report = z.object({ report: z.string(), lines: z.number() });

function pipeline(ctx: SharedContext, payload: string) {
  const received: z.infer<typeof report>[] = [];
  const fetchStep = createStep({
    id: 'fetch',
    inputSchema: z.object({ source: z.string() }),
    outputSchema: report,
    execute: async () => ({
      report: payload,
      lines: payload.split('\n').length,
    }),
  });
  const analyse = createStep({
    id: 'analyse',
    inputSchema: report,
    outputSchema: z.object({ chars: z.number() }),
    execute: async ({ inputData }) => {
      received.push(inputData);
      return { chars: inputData.report.length };
    },
  });
  const workflow = createWorkflow({
    id: 'triage',
    inputSchema: z.object({ source: z.string() }),
    outputSchema: z.object({ chars: z.number() }),
  })
    .then(compressedStep(fetchStep, { ctx }))
    .then(analyse)
    .commit();
  return { workflow, received };
}

describe('compressedStep', () => {
  const issues = sampleJsonRecords();

  it('hands the next step the compressed output and keeps the original', async () => {
    const ctx = new SharedContext();
    const { workflow, received } = pipeline(ctx, issues);
    const run = await workflow.createRun();
    const result = await run.start({ inputData: { source: 'github' } });

    expect(result.status).toBe('success');
    expect(received).toHaveLength(1);
    const key = `fetch:${run.runId.slice(0, 8)}:report`;
    const entry = await ctx.getEntry(key);
    expect(entry!.original).toBe(issues);
    expect(entry!.compressedTokens).toBeLessThan(entry!.originalTokens);
    expect(received[0]!.report).toBe(entry!.compressed);
    expect(received[0]!.lines).toBe(issues.split('\n').length);
    expect(await ctx.keys()).toEqual([key]);
  });

  it('lets the next step resolve the markers it received', async () => {
    const ctx = new SharedContext({ compressors: [keepHeadCompressor(5)] });
    const log = sampleServiceLog({ seed: 23 });
    const { workflow, received } = pipeline(ctx, log);
    await (await workflow.createRun()).start({ inputData: { source: 'ssh' } });

    const [ref] = parseMarkers(received[0]!.report);
    expect(ref).toBeDefined();
    const lines = log.split('\n');
    const head = lines.slice(0, 5).join('\n');
    expect(
      received[0]!.report.startsWith(
        `${head}\n[… ${lines.length - 5} lines omitted`,
      ),
    ).toBe(true);
    expect(`${head}\n${await ctx.resolveMarker(received[0]!.report)}`).toBe(
      log,
    );
  });
});

describe('compressedStep', () => {
  it('compresses a string output and only the fields named', async () => {
    const ctx = new SharedContext({ compressors: [keepHeadCompressor(1)] });
    const text = Array.from({ length: 400 }, (_, i) => `line ${i}`).join('\n');
    const seen: unknown[] = [];
    const producer = createStep({
      id: 'produce',
      inputSchema: z.object({}),
      outputSchema: z.object({ a: z.string(), b: z.string() }),
      execute: async () => ({ a: text, b: text }),
    });
    const consumer = createStep({
      id: 'consume',
      inputSchema: z.object({ a: z.string(), b: z.string() }),
      outputSchema: z.object({}),
      execute: async ({ inputData }) => {
        seen.push(inputData);
        return {};
      },
    });
    const workflow = createWorkflow({
      id: 'fields',
      inputSchema: z.object({}),
      outputSchema: z.object({}),
    })
      .then(compressedStep(producer, { ctx, fields: ['a'], key: () => 'a' }))
      .then(consumer)
      .commit();
    await (await workflow.createRun()).start({ inputData: {} });

    expect(seen[0]).toEqual({ a: (await ctx.get('a'))!, b: text });
    expect(
      (await ctx.get('a'))!.startsWith('line 0\n[… 399 lines omitted'),
    ).toBe(true);
  });

  it("compresses an agent step's text before the next step reads it", async () => {
    const ctx = new SharedContext({ compressors: [keepHeadCompressor(2)] });
    const findings = Array.from({ length: 300 }, (_, i) => `finding ${i}`).join(
      '\n',
    );
    const { model } = scriptedModel([{ text: findings }]);
    const researcher = new Agent({
      id: 'researcher',
      name: 'researcher',
      instructions: 'Research.',
      model,
    });
    const seen: string[] = [];
    const write = createStep({
      id: 'write',
      inputSchema: z.object({ text: z.string() }),
      outputSchema: z.object({ done: z.boolean() }),
      execute: async ({ inputData }) => {
        seen.push(inputData.text);
        return { done: true };
      },
    });
    const workflow = createWorkflow({
      id: 'agents',
      inputSchema: z.object({ prompt: z.string() }),
      outputSchema: z.object({ done: z.boolean() }),
    })
      .then(
        compressedStep(createStep(researcher), { ctx, key: () => 'research' }),
      )
      .then(write)
      .commit();
    await (await workflow.createRun()).start({ inputData: { prompt: 'go' } });

    expect(seen[0]).toBe(await ctx.get('research'));
    expect(
      seen[0]!.startsWith('finding 0\nfinding 1\n[… 298 lines omitted'),
    ).toBe(true);
    expect(await ctx.get('research', { full: true })).toBe(findings);
  });

  it('throws InvalidArgumentError for a value that is not a step', () => {
    const error = thrown(() =>
      compressedStep({} as never, { ctx: new SharedContext() }),
    );
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ parameter: 'step' });
  });
});
