import { parseMarkers, SharedContext } from '@sharedcontext/core';
import type { ModelMessage } from 'ai';
import { describe, expect, it } from 'vitest';
import { logOutput, orders } from './__fixtures__/payloads.ts';
import { compressToolResults } from './compress-tool-results.ts';
import { sharedContextInfo } from './tool-output.ts';

const LOGS = logOutput(2);
const ORDERS = orders(8);

function history(): ModelMessage[] {
  return [
    { role: 'user', content: 'Look into it.' },
    {
      role: 'assistant',
      content: [
        {
          type: 'tool-call',
          toolCallId: 'c1',
          toolName: 'fetch_logs',
          input: {},
        },
        {
          type: 'tool-call',
          toolCallId: 'c2',
          toolName: 'fetch_orders',
          input: {},
        },
        {
          type: 'tool-call',
          toolCallId: 'c3',
          toolName: 'fetch_logs',
          input: {},
        },
      ],
    },
    {
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'c1',
          toolName: 'fetch_logs',
          output: { type: 'text', value: LOGS },
        },
        {
          type: 'tool-result',
          toolCallId: 'c2',
          toolName: 'fetch_orders',
          output: { type: 'json', value: ORDERS },
        },
        {
          type: 'tool-result',
          toolCallId: 'c3',
          toolName: 'fetch_logs',
          output: { type: 'error-text', value: LOGS },
        },
      ],
    },
  ];
}

const outputs = (messages: ModelMessage[]) =>
  (messages[2]!.content as { output: { type: string; value: unknown } }[]).map(
    (part) => part.output,
  );

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

  it('compresses text and JSON, skips excluded tools and errors, and keeps the input', async () => {
    const ctx = await context();
    const messages = history();
    const view = await compressToolResults(messages, {
      ctx,
      keep: { messages: 0 },
    });
    const [logs, rows, error] = outputs(view);
    expect(
      await ctx.get(sharedContextInfo(logs as never)!.key, { full: true }),
    ).toBe(LOGS);
    expect(
      await ctx.get(sharedContextInfo(rows as never)!.key, { full: true }),
    ).toBe(JSON.stringify(ORDERS));
    expect(error).toEqual({ type: 'error-text', value: LOGS });
    expect(outputs(messages)[0]).toEqual({ type: 'text', value: LOGS });
    const excluded = await compressToolResults(history(), {
      ctx,
      keep: { messages: 0 },
      excludeTools: ['fetch_orders'],
    });
    expect(outputs(excluded)[1]).toEqual({ type: 'json', value: ORDERS });
  });

  it('stores each original once however often history is compressed again', async () => {
    const ctx = await context();
    const first = await compressToolResults(history(), {
      ctx,
      keep: { messages: 0 },
    });
    const again = await compressToolResults(history(), {
      ctx,
      keep: { messages: 0 },
    });
    expect(outputs(again)).toEqual(outputs(first));
    expect(
      await compressToolResults(first, { ctx, keep: { messages: 0 } }),
    ).toBe(first);
    expect((await ctx.keys()).length).toBe(2);
  });

  it('passes lossless through to put: no markers, the original kept', async () => {
    const ctx = await context();
    const view = await compressToolResults(history(), {
      ctx,
      keep: { messages: 0 },
      lossless: true,
    });
    const rows = outputs(view)[1]!;
    const info = sharedContextInfo(rows as never)!;
    expect(parseMarkers(String(rows.value))).toEqual([]);
    expect(await ctx.get(info.key, { full: true })).toBe(
      JSON.stringify(ORDERS),
    );
  });
});
