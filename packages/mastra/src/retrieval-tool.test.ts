import { Agent } from '@mastra/core/agent';
import { sampleServiceLog } from '@sharedcontext-internal/test-utils';
import { describe, expect, it } from 'vitest';
import { keepHeadCompressor, thrown } from './__fixtures__/payloads.ts';
import { promptTexts, scriptedModel } from './__fixtures__/scripted-model.ts';
import {
  InvalidArgumentError,
  RETRIEVAL_TOOL_NAME,
  RETRIEVAL_TOOL_PARAMETERS,
  SharedContext,
} from './index.ts';
import { createRetrievalTool } from './retrieval-tool.ts';
import { sharedContextProcessor } from './shared-context-processor.ts';

describe('createRetrievalTool', () => {
  const log = sampleServiceLog();

  async function stored() {
    const ctx = new SharedContext({ compressors: [keepHeadCompressor(3)] });
    const entry = await ctx.put('hdfs', log, { agent: 'collector' });
    return { ctx, entry };
  }

  it('gives the model the original span behind a marker', async () => {
    const { ctx, entry } = await stored();
    const { model, prompts } = scriptedModel([
      { tool: 'sharedcontext_retrieve', input: { marker: 'sc:hdfs#1' } },
      { text: 'Found it.' },
    ]);
    const agent = new Agent({
      id: 'reader',
      name: 'reader',
      instructions: 'Expand markers when you need the detail.',
      model,
      tools: { sharedcontext_retrieve: createRetrievalTool({ ctx }) },
      inputProcessors: [sharedContextProcessor({ ctx })],
    });
    await agent.generate(`Here is the log:\n${entry.compressed}`);

    const toolMessage = prompts[1]!.filter((m) => m.role === 'tool');
    const [answer] = promptTexts(toolMessage);
    const span = log.split('\n').slice(3).join('\n');
    expect(JSON.parse(answer!)).toEqual({ found: true, text: span });
  });

  it('returns the original lines matching a query for a key', async () => {
    const { ctx } = await stored();
    const tool = createRetrievalTool({ ctx });
    // A block id from a routine line deep in the log.
    const id = /blk_\d+/.exec(log.split('\n')[1000]!)![0];
    const output = await tool.execute!({ key: 'hdfs', query: id }, {} as never);
    expect((output as { text: string }).text.split('\n')).toEqual(
      log.split('\n').filter((line) => line.includes(id)),
    );
  });

  it('reports an expired or unknown entry as not found', async () => {
    const { ctx } = await stored();
    const tool = createRetrievalTool({ ctx });
    const output = await tool.execute!({ key: 'gone' }, {} as never);
    expect(output).toEqual({
      found: false,
      text: 'Nothing stored under key "gone": the entry expired or was evicted.',
    });
  });
});

describe('createRetrievalTool', () => {
  it('is a Mastra tool with its own id', () => {
    const tool = createRetrievalTool({
      ctx: new SharedContext(),
      id: 'fetch_original',
    });
    expect(tool.id).toBe('fetch_original');
    expect(tool.description).toContain('marker');
  });

  it('answers a call with neither marker nor key in words', async () => {
    const tool = createRetrievalTool({ ctx: new SharedContext() });
    const output = await tool.execute!({}, {} as never);
    expect(output).toMatchObject({ found: false });
    expect((output as { text: string }).text).toMatch(/Pass `marker`/);
  });

  it("is sharedcontext_retrieve by default, with core's argument names", () => {
    const tool = createRetrievalTool({ ctx: new SharedContext() });
    expect(tool.id).toBe(RETRIEVAL_TOOL_NAME);
    expect(Object.keys((tool.inputSchema as { shape: object }).shape)).toEqual(
      Object.keys(RETRIEVAL_TOOL_PARAMETERS.properties),
    );
  });

  it('throws InvalidArgumentError without a SharedContext', () => {
    const error = thrown(() => createRetrievalTool({ ctx: null as never }));
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
  });
});
