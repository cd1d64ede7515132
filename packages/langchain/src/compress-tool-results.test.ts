import { parseMarkers, SharedContext } from '@sharedcontext/core';
import { AIMessage, HumanMessage, ToolMessage } from 'langchain';
import { describe, expect, it } from 'vitest';
import { logOutput, ordersOutput } from './__fixtures__/payloads.ts';
import { sharedContextInfo } from './compress-tool-message.ts';
import { compressToolResults } from './compress-tool-results.ts';

const LOGS = logOutput(3);
const ORDERS = ordersOutput(5);

function history() {
  return [
    new HumanMessage({ content: 'Look into it.', id: 'h' }),
    new AIMessage({
      content: '',
      id: 'a1',
      tool_calls: [
        { id: 'c1', name: 'fetch_logs', args: {} },
        { id: 'c2', name: 'fetch_orders', args: {} },
      ],
    }),
    new ToolMessage({
      content: LOGS,
      tool_call_id: 'c1',
      name: 'fetch_logs',
      id: 't1',
    }),
    new ToolMessage({
      content: ORDERS,
      tool_call_id: 'c2',
      name: 'fetch_orders',
      id: 't2',
    }),
    new AIMessage({
      content: '',
      id: 'a2',
      tool_calls: [{ id: 'c3', name: 'fetch_logs', args: {} }],
    }),
    new ToolMessage({
      content: LOGS,
      tool_call_id: 'c3',
      name: 'fetch_logs',
      status: 'error',
      id: 't3',
    }),
  ];
}

async function context() {
  const ctx = new SharedContext({ model: 'gpt-4o' });
  await ctx.ready();
  return ctx;
}

describe('compressToolResults', () => {
  it('returns the very same array when nothing is old or large enough', async () => {
    const ctx = await context();
    const messages = history();
    expect(await compressToolResults(messages, { ctx })).toBe(messages);
    expect(
      await compressToolResults(messages, {
        ctx,
        keep: { messages: 0 },
        minTokens: 1_000_000,
      }),
    ).toBe(messages);
    expect(await ctx.keys()).toEqual([]);
  });

  it('skips excluded tools and error results, and never touches the input', async () => {
    const ctx = await context();
    const messages = history();
    const view = await compressToolResults(messages, {
      ctx,
      keep: { messages: 0 },
      excludeTools: ['fetch_orders'],
    });
    expect(view).not.toBe(messages);
    expect(sharedContextInfo(view[2]!)).toBeDefined();
    expect(view[3]).toBe(messages[3]);
    expect(view[5]).toBe(messages[5]);
    expect(messages[2]!.content).toBe(LOGS);
    expect(view.map((message) => message.id)).toEqual(
      messages.map((message) => message.id),
    );
  });

  it('stores each original once however often the view is rebuilt', async () => {
    const ctx = await context();
    const first = await compressToolResults(history(), {
      ctx,
      keep: { messages: 0 },
    });
    const second = await compressToolResults(history(), {
      ctx,
      keep: { messages: 0 },
    });
    expect(second[2]!.content).toBe(first[2]!.content);
    expect((await ctx.keys()).length).toBe(2);
  });

  it('keeps the newest results that fit a token budget', async () => {
    const ctx = await context();
    const view = await compressToolResults(history(), {
      ctx,
      keep: { tokens: 1_000_000 },
    });
    expect(view.map((message) => message.content)).toEqual(
      history().map((message) => message.content),
    );
    const tight = await compressToolResults(history(), {
      ctx,
      keep: { tokens: 1 },
    });
    expect(sharedContextInfo(tight[3]!)).toBeDefined();
  });

  it('passes lossless through to put: no markers, the original kept', async () => {
    const ctx = await context();
    const view = await compressToolResults(history(), {
      ctx,
      keep: { messages: 0 },
      lossless: true,
    });
    for (const message of view.slice(2, 4)) {
      const info = sharedContextInfo(message);
      if (!info) continue;
      expect(parseMarkers(String(message.content))).toEqual([]);
      expect([LOGS, ORDERS]).toContain(await ctx.get(info.key, { full: true }));
    }
    const rows = sharedContextInfo(view[3]!);
    expect(rows).toBeDefined();
  });
});
