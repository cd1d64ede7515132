import type { AgentInputItem } from '@openai/agents';
import {
  assistantMessage,
  functionCall,
  modelResponder,
} from '@openai/agents/testing';
import { parseMarkers, SharedContext } from '@sharedcontext/core';
import {
  describePairingSafety,
  lineDropCompressor,
  storeTestText,
} from '@sharedcontext-internal/test-utils';
import { describe, expect, it } from 'vitest';
import {
  assertCallsPaired,
  outputText,
  runHandoff,
  USER_TURN,
} from './__fixtures__/handoff-scenario.ts';
import {
  fromInputItems,
  toInputItems,
} from './__fixtures__/transcript-items.ts';
import { nestHandoffHistory } from './nest-handoff-history.ts';
import { createRetrievalTool } from './retrieval-tool.ts';

const LOGS = storeTestText('datanode', 80);

function summaryText(items: AgentInputItem[]): string {
  const first = items[0];
  if (first?.type !== 'message' || first.role !== 'assistant')
    throw new Error('the first item is not the nested summary');
  return first.content
    .map((part) => ('text' in part ? part.text : ''))
    .join('');
}

describe('nestHandoffHistory', () => {
  it('folds the transcript into one assistant message with markers and keeps the handoff pair', async () => {
    const ctx = new SharedContext({
      model: 'gpt-4o',
      compressors: [lineDropCompressor()],
      minTokens: 0,
    });
    const nest = nestHandoffHistory({ ctx, minChars: 200 });
    await nest.ready();
    const { specialistInput, result } = await runHandoff({
      toolOutputs: { fetch_logs: LOGS, ping: 'pong' },
      inputFilter: nest,
    });
    expect(result.finalOutput).toBe('done');
    const input = specialistInput();
    assertCallsPaired(input);
    // The summary, then the handoff call and its output: nothing else.
    expect(input).toHaveLength(3);
    expect(input.slice(1).map((item) => item.type)).toEqual([
      'function_call',
      'function_call_result',
    ]);
    const summary = summaryText(input);
    expect(summary.split('\n').slice(0, 2)).toEqual([
      'For context, here is the conversation so far between the user and the previous agent:',
      '<CONVERSATION HISTORY>',
    ]);
    expect(summary).toContain(`1. user: ${USER_TURN}`);
    expect(summary).toContain('tool call fetch_logs [call_fetch_logs]');
    expect(summary).toContain('tool result ping [call_ping]: pong');
    expect(summary).toMatch(
      /tool result fetch_logs \[call_fetch_logs\]: [^\n]*\n[^\n]*\n\[… 76 lines omitted · sc:nest:call_fetch_logs\.[0-9a-f]{8}#1 …\]/,
    );
    expect(summary.trimEnd().endsWith('</CONVERSATION HISTORY>')).toBe(true);
    expect(summary.length).toBeLessThan(LOGS.length);
  });

  it('lets the receiving agent pull a nested tool output back byte for byte', async () => {
    const ctx = new SharedContext({
      model: 'gpt-4o',
      compressors: [lineDropCompressor()],
      minTokens: 0,
    });
    const nest = nestHandoffHistory({ ctx, minChars: 200 });
    await nest.ready();
    const { specialistInput } = await runHandoff({
      toolOutputs: { fetch_logs: LOGS },
      inputFilter: nest,
      specialistTools: [createRetrievalTool({ ctx })],
      specialistSteps: [
        modelResponder((call) => {
          const text = summaryText(call.request.input as AgentInputItem[]);
          const { key } = parseMarkers(text)[0]!;
          return [
            functionCall(
              'sharedcontext_retrieve',
              { marker: null, key, query: null },
              { callId: 'back' },
            ),
          ];
        }),
        [assistantMessage('done')],
      ],
    });
    const back = specialistInput(1).find(
      (item) => item.type === 'function_call_result' && item.callId === 'back',
    )!;
    expect(outputText(back)).toBe(LOGS);
  });

  it('is synchronous and keeps a leading system message in front', async () => {
    const ctx = new SharedContext({ model: 'gpt-4o' });
    const nest = nestHandoffHistory({ ctx });
    await nest.ready();
    const filtered = nest({
      inputHistory: [
        { type: 'message', role: 'system', content: 'Be brief.' },
        { type: 'message', role: 'user', content: 'hello' },
      ],
      preHandoffItems: [],
      newItems: [],
    });
    expect(filtered).not.toBeInstanceOf(Promise);
    const history = filtered.inputHistory as AgentInputItem[];
    expect(history[0]).toEqual({
      type: 'message',
      role: 'system',
      content: 'Be brief.',
    });
    expect(summaryText(history.slice(1))).toContain('1. user: hello');
  });
});

const ctx = new SharedContext({ model: 'gpt-4o' });
await ctx.ready();

describePairingSafety<AgentInputItem[]>({
  name: 'openai-agents nestHandoffHistory',
  toFramework: toInputItems,
  fromFramework: fromInputItems,
  compress: (inputHistory) =>
    nestHandoffHistory({ ctx })({
      inputHistory,
      preHandoffItems: [],
      newItems: [],
    }).inputHistory as AgentInputItem[],
  expectations: { keepsEveryMessage: false },
});
