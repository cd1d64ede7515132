import {
  AIMessage,
  type BaseMessage,
  HumanMessage,
  ToolMessage,
} from '@langchain/core/messages';
import {
  Annotation,
  END,
  type Messages,
  START,
  StateGraph,
} from '@langchain/langgraph';
import { ToolNode } from '@langchain/langgraph/prebuilt';
import { parseMarkers, SharedContext } from '@sharedcontext/core';
import { lineDropCompressor } from '@sharedcontext-internal/test-utils';
import { describe, expect, it } from 'vitest';
import { compressingMessagesReducer } from './handoff-reducer.ts';
import { retrievalTool } from './retrieval-tool.ts';

const text = Array.from(
  { length: 300 },
  (_, index) =>
    `row ${index} ${index === 150 ? 'checksum mismatch on blk_42' : 'ok'}`,
).join('\n');

async function setup() {
  const ctx = new SharedContext({ compressors: [lineDropCompressor()] });
  await ctx.ready();
  const entry = await ctx.put('lg:tool:c1', text);
  return { ctx, entry, retrieve: retrievalTool({ ctx }) };
}

describe('retrievalTool', () => {
  it('returns the dropped span for a marker, byte for byte', async () => {
    const { entry, retrieve } = await setup();
    const marker = entry.compressed.match(/\[…[^\]]*…\]/)![0];
    // Invoked directly (no tool call), the tool answers with plain text.
    const dropped = await retrieve.invoke({ marker });
    expect(typeof dropped).toBe('string');
    expect(text.includes(dropped as string)).toBe(true);
    expect(dropped).toContain('checksum mismatch on blk_42');
  });

  it('returns matching original lines for a key and query, or the whole original', async () => {
    const { retrieve } = await setup();
    expect(
      await retrieve.invoke({ key: 'lg:tool:c1', query: 'checksum' }),
    ).toBe('row 150 checksum mismatch on blk_42');
    expect(await retrieve.invoke({ key: 'lg:tool:c1' })).toBe(text);
    expect(
      await retrieve.invoke({ key: 'lg:tool:c1', query: 'nothing-like-this' }),
    ).toContain('No line');
  });

  it('tells the model when an entry is gone', async () => {
    const { ctx, retrieve } = await setup();
    await ctx.delete('lg:tool:c1');
    expect(await retrieve.invoke({ key: 'lg:tool:c1' })).toContain(
      'expired or was evicted',
    );
  });

  it('rejects a call with neither marker nor key', async () => {
    const { retrieve } = await setup();
    await expect(retrieve.invoke({})).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('lets a model in a graph pull back what the reducer dropped', async () => {
    const ctx = new SharedContext({ compressors: [lineDropCompressor()] });
    await ctx.ready();
    const retrieve = retrievalTool({ ctx });
    const State = Annotation.Root({
      messages: Annotation<BaseMessage[], Messages>({
        reducer: compressingMessagesReducer({ ctx }),
        default: () => [],
      }),
    });
    const graph = new StateGraph(State)
      .addNode('tool', () => ({
        messages: [
          new AIMessage({
            content: '',
            tool_calls: [{ id: 'c1', name: 'scan', args: {} }],
          }),
          new ToolMessage({ content: text, tool_call_id: 'c1' }),
        ],
      }))
      .addNode('model', (state) => {
        // What a model does: copy the marker it sees into a retrieval call.
        const marker = parseMarkers(
          state.messages.at(-1)!.content as string,
        )[0]!;
        return {
          messages: [
            new AIMessage({
              content: '',
              tool_calls: [
                {
                  id: 'r1',
                  name: 'retrieve_context',
                  args: { marker: `sc:${marker.key}#${marker.spanId}` },
                },
              ],
            }),
          ],
        };
      })
      .addNode('retrieve', new ToolNode([retrieve]))
      .addEdge(START, 'tool')
      .addEdge('tool', 'model')
      .addEdge('model', 'retrieve')
      .addEdge('retrieve', END)
      .compile();
    const { messages } = await graph.invoke({
      messages: [new HumanMessage('scan')],
    });
    const answer = messages.at(-1) as ToolMessage;
    expect(answer.tool_call_id).toBe('r1');
    expect(answer.content).toContain('checksum mismatch on blk_42');
  });
});
