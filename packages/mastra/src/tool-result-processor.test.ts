import { Agent } from '@mastra/core/agent';
import { createTool } from '@mastra/core/tools';
import { type CompressionEvent, SharedContext } from '@sharedcontext/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { promptTexts, scriptedModel } from './__fixtures__/scripted-model.ts';
import { createRetrievalTool } from './retrieval-tool.ts';
import { compressToolResults } from './tool-result-processor.ts';

// Repetitive log lines, as a job runner prints them.
const LOGS = Array.from(
  { length: 400 },
  (_, index) =>
    `2026-01-05T03:${String(index % 60).padStart(2, '0')}:00Z ${index === 217 ? 'ERROR' : 'INFO'} [worker-${index % 4}] flushed batch id=${(index * 7919).toString(16)} took=${index % 90}ms`,
).join('\n');

function toolTexts(
  prompt: ReturnType<typeof scriptedModel>['prompts'][number],
): string[] {
  return prompt
    .filter((message) => message.role === 'tool')
    .flatMap((message) => promptTexts([message]));
}

function analyst(
  ctx: SharedContext,
  turns: Parameters<typeof scriptedModel>[0],
) {
  const { model, prompts } = scriptedModel(turns);
  const fetchLogs = createTool({
    id: 'fetch_logs',
    description: 'Returns the job logs.',
    inputSchema: z.object({}),
    execute: async () => LOGS,
  });
  const agent = new Agent({
    id: 'analyst',
    name: 'analyst',
    instructions: 'Answer from the logs.',
    model,
    tools: {
      fetch_logs: fetchLogs,
      sharedcontext_retrieve: createRetrievalTool({ ctx }),
    },
    outputProcessors: [compressToolResults({ ctx, agent: 'analyst' })],
  });
  return { agent, prompts };
}

describe('compressToolResults', () => {
  it('compresses a tool result as it arrives, keeps the original, and names agent and tool in the event', async () => {
    const events: CompressionEvent[] = [];
    const ctx = new SharedContext({
      onCompress: (event) => events.push(event),
    });
    const { agent, prompts } = analyst(ctx, [
      { tool: 'fetch_logs', input: {}, id: 'call-1' },
      { text: 'One batch failed.' },
    ]);
    const result = await agent.generate('Did any batch fail?');
    expect(result.text).toBe('One batch failed.');
    const entry = await ctx.getEntry('tool:fetch_logs-call-1');
    expect(entry?.original).toBe(LOGS);
    expect(entry!.compressedTokens).toBeLessThan(entry!.originalTokens);
    // The next model call reads the compressed result, from the message list.
    const seen = toolTexts(prompts[1]!);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toContain(entry!.compressed);
    expect(seen[0]!.length).toBeLessThan(LOGS.length);
    // The call and its (compressed) result still pair up by id, in order.
    const ids = prompts[1]!.flatMap((message) =>
      typeof message.content === 'string'
        ? []
        : message.content.flatMap((part) =>
            part.type === 'tool-call' || part.type === 'tool-result'
              ? [`${part.type}:${part.toolCallId}`]
              : [],
          ),
    );
    expect(ids).toEqual(['tool-call:call-1', 'tool-result:call-1']);
    expect(events).toEqual([
      expect.objectContaining({
        key: 'tool:fetch_logs-call-1',
        agent: 'analyst',
        tool: 'fetch_logs',
      }),
    ]);
  });

  it('lets the model pull the original back through sharedcontext_retrieve, uncompressed', async () => {
    const ctx = new SharedContext();
    const { agent, prompts } = analyst(ctx, [
      { tool: 'fetch_logs', input: {}, id: 'call-1' },
      {
        tool: 'sharedcontext_retrieve',
        input: { key: 'tool:fetch_logs-call-1', query: 'ERROR' },
        id: 'call-2',
      },
      { text: 'Batch d3d5b failed.' },
    ]);
    await agent.generate('Which batch failed?');
    const seen = toolTexts(prompts[2]!).join('\n');
    expect(seen).toContain(LOGS.split('\n')[217]);
  });

  it('leaves small results and skipped tools alone, and rejects a missing ctx', async () => {
    const ctx = new SharedContext();
    const processor = compressToolResults({ ctx, skipTools: ['fetch_logs'] });
    const { model } = scriptedModel([
      { tool: 'fetch_logs', input: {}, id: 'call-1' },
      { text: 'ok' },
    ]);
    const agent = new Agent({
      id: 'a',
      name: 'a',
      instructions: 'x',
      model,
      tools: {
        fetch_logs: createTool({
          id: 'fetch_logs',
          description: 'logs',
          inputSchema: z.object({}),
          execute: async () => LOGS,
        }),
      },
      outputProcessors: [processor],
    });
    await agent.generate('go');
    expect(await ctx.keys()).toEqual([]);
    expect(() =>
      compressToolResults({ ctx: undefined as unknown as SharedContext }),
    ).toThrow(expect.objectContaining({ parameter: 'ctx' }));
  });
});
