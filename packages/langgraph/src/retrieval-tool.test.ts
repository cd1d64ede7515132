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
import {
  parseMarkers,
  RETRIEVAL_TOOL_NAME,
  RETRIEVAL_TOOL_PARAMETERS,
  SharedContext,
} from '@sharedcontext/core';
import { lineDropCompressor } from '@sharedcontext-internal/test-utils';
import { describe, expect, it } from 'vitest';
import { compressingMessagesReducer } from './handoff-reducer.ts';
import { createRetrievalTool, retrievalTool } from './retrieval-tool.ts';

const text = Array.from(
  { length: 300 },
  (_, index) =>
    `row ${index} ${index === 150 ? 'checksum mismatch on blk_42' : 'ok'}`,
).join('\n');

async function setup() {
  const ctx = new SharedContext({ compressors: [lineDropCompressor()] });
  await ctx.ready();
  const entry = await ctx.put('lg:tool:c1', text);
  return { ctx, entry, retrieve: createRetrievalTool({ ctx }) };
}

describe('createRetrievalTool', () => {
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

  it('answers a call with neither marker nor key, or a malformed marker, in words', async () => {
    const { retrieve } = await setup();
    expect(await retrieve.invoke({})).toMatch(/Pass `marker`/);
    expect(await retrieve.invoke({ marker: null, key: null })).toMatch(
      /Pass `marker`/,
    );
    expect(await retrieve.invoke({ marker: 'no marker here' })).toMatch(
      /no marker found/,
    );
  });

  it("is sharedcontext_retrieve with core's arguments; the deprecated retrievalTool keeps retrieve_context", async () => {
    const { ctx, retrieve } = await setup();
    expect(retrieve.name).toBe(RETRIEVAL_TOOL_NAME);
    expect(Object.keys(retrieve.schema.shape)).toEqual(
      Object.keys(RETRIEVAL_TOOL_PARAMETERS.properties),
    );
    expect(retrievalTool({ ctx }).name).toBe('retrieve_context');
    expect(() =>
      createRetrievalTool({ ctx: {} as unknown as SharedContext }),
    ).toThrow(expect.objectContaining({ parameter: 'ctx' }));
  });

  it('lets a model in a graph pull back what the reducer dropped', async () => {
    const ctx = new SharedContext({ compressors: [lineDropCompressor()] });
    await ctx.ready();
    const retrieve = createRetrievalTool({ ctx });
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
                  name: 'sharedcontext_retrieve',
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
