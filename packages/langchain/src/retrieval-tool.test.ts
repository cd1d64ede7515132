import { RETRIEVAL_TOOL_NAME, SharedContext } from '@sharedcontext/core';
import { describe, expect, it } from 'vitest';
import { logOutput } from './__fixtures__/payloads.ts';
import { createRetrievalTool } from './retrieval-tool.ts';

const LOGS = logOutput(9);

describe('createRetrievalTool', () => {
  it("is core's sharedcontext_retrieve tool and answers markers, keys and queries", async () => {
    const ctx = new SharedContext({ model: 'gpt-4o' });
    const entry = await ctx.put('lc:tool:c1', LOGS);
    const retrieve = createRetrievalTool({ ctx });
    expect(retrieve.name).toBe(RETRIEVAL_TOOL_NAME);

    expect(await retrieve.invoke({ key: 'lc:tool:c1' })).toBe(LOGS);
    const line = LOGS.split('\n')[17]!;
    const id = line.match(/id=(\w+)/)![1]!;
    expect(
      await retrieve.invoke({ key: 'lc:tool:c1', query: `id=${id}` }),
    ).toContain(line);

    const span = entry.spans[0]!;
    const dropped = await retrieve.invoke({
      marker: `sc:lc:tool:c1#${span.id}`,
    });
    expect(dropped).toBe(
      await ctx.retrieve('lc:tool:c1', { marker: `sc:lc:tool:c1#${span.id}` }),
    );
  });

  it('tells the model in words when an entry is gone or the call names nothing', async () => {
    const retrieve = createRetrievalTool({ ctx: new SharedContext() });
    expect(await retrieve.invoke({ key: 'missing' })).toMatch(
      /expired or was evicted/,
    );
    expect(await retrieve.invoke({})).toMatch(/marker/);
  });
});
