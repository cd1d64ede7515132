import {
  Agent,
  type AgentInputItem,
  RunContext,
  Runner,
  tool,
} from '@openai/agents';
import {
  assistantMessage,
  modelResponder,
  ScriptedModel,
} from '@openai/agents/testing';
import { SharedContext } from '@sharedcontext/core';
import {
  describePairingSafety,
  lineDropCompressor,
  storeTestText,
} from '@sharedcontext-internal/test-utils';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  assertCallsPaired,
  outputText,
} from './__fixtures__/handoff-scenario.ts';
import {
  fromInputItems,
  toInputItems,
} from './__fixtures__/transcript-items.ts';
import {
  type TrimToolOutputsOptions,
  trimToolOutputs,
} from './trim-tool-outputs.ts';

const LOGS = storeTestText('datanode', 80);
const ISSUES = storeTestText('issues', 60);

function call(name: string, callId: string): AgentInputItem[] {
  return [
    {
      type: 'function_call',
      callId,
      name,
      arguments: '{}',
      status: 'completed',
    },
  ];
}
function result(name: string, callId: string, text: string): AgentInputItem {
  return {
    type: 'function_call_result',
    callId,
    name,
    status: 'completed',
    output: { type: 'text', text },
  };
}
const user = (content: string): AgentInputItem => ({
  type: 'message',
  role: 'user',
  content,
});
const said = (text: string): AgentInputItem => ({
  type: 'message',
  role: 'assistant',
  status: 'completed',
  content: [{ type: 'output_text', text }],
});

// Three user turns; each earlier one called a tool with a large output.
const CONVERSATION: AgentInputItem[] = [
  user('Check the logs.'),
  ...call('fetch_logs', 'call_1'),
  result('fetch_logs', 'call_1', LOGS),
  said('Logs read.'),
  user('Now the issues.'),
  ...call('list_issues', 'call_2'),
  result('list_issues', 'call_2', ISSUES),
  said('Issues read.'),
  user('And the logs again.'),
  ...call('fetch_logs', 'call_3'),
  result('fetch_logs', 'call_3', LOGS),
  said('Read again.'),
  user('Summarise.'),
];

/** Runs one agent on the conversation and returns what its model got. */
async function modelInputWith(
  options: TrimToolOutputsOptions,
): Promise<AgentInputItem[]> {
  let seen: AgentInputItem[] = [];
  const model = new ScriptedModel([
    modelResponder((request) => {
      seen = request.request.input as AgentInputItem[];
      return [assistantMessage('summary')];
    }),
  ]);
  const agent = new Agent({
    name: 'Analyst',
    model,
    tools: ['fetch_logs', 'list_issues'].map((name) =>
      tool({
        name,
        description: name,
        parameters: z.object({}),
        execute: () => '',
      }),
    ),
  });
  const runner = new Runner({
    tracingDisabled: true,
    callModelInputFilter: trimToolOutputs(options),
  });
  const run = await runner.run(agent, CONVERSATION);
  expect(run.finalOutput).toBe('summary');
  return seen;
}

function textOf(items: AgentInputItem[], callId: string): string {
  return outputText(
    items.find(
      (item) => item.type === 'function_call_result' && item.callId === callId,
    )!,
  );
}

const lossy = () =>
  new SharedContext({
    model: 'gpt-4o',
    compressors: [lineDropCompressor()],
    minTokens: 0,
  });

describe('trimToolOutputs', () => {
  it('compresses outputs older than the last recentTurns user turns and leaves recent ones whole', async () => {
    const ctx = lossy();
    const input = await modelInputWith({ ctx, recentTurns: 2 });
    assertCallsPaired(input);
    expect(input.map((item) => item.type ?? 'message')).toEqual(
      CONVERSATION.map((item) => item.type ?? 'message'),
    );
    expect(textOf(input, 'call_1')).toMatch(/lines omitted · sc:trim:call_1\./);
    expect(textOf(input, 'call_2')).toMatch(/lines omitted · sc:trim:call_2\./);
    // The second user turn from the end starts the recent window.
    expect(textOf(input, 'call_3')).toBe(LOGS);
    // Originals are stored and come back byte for byte.
    const keys = await ctx.keys();
    expect(keys).toHaveLength(2);
    const originals = await Promise.all(
      keys.map((key) => ctx.get(key, { full: true })),
    );
    expect(originals.sort()).toEqual([ISSUES, LOGS].sort());
  });

  it('only touches the tools it is told to, and nothing with fewer user turns than recentTurns', async () => {
    const only = await modelInputWith({
      ctx: lossy(),
      recentTurns: 2,
      trimmableTools: ['list_issues'],
    });
    expect(textOf(only, 'call_1')).toBe(LOGS);
    expect(textOf(only, 'call_2')).toMatch(/lines omitted/);
    const none = await modelInputWith({ ctx: lossy(), recentTurns: 5 });
    expect(textOf(none, 'call_1')).toBe(LOGS);
    expect(textOf(none, 'call_2')).toBe(ISSUES);
  });

  it('rejects a bad recentTurns or trimmableTools with InvalidArgumentError', () => {
    expect(() => trimToolOutputs({ recentTurns: 0 })).toThrow(
      expect.objectContaining({ parameter: 'recentTurns' }),
    );
    expect(() =>
      trimToolOutputs({ trimmableTools: 'fetch_logs' as unknown as string[] }),
    ).toThrow(expect.objectContaining({ parameter: 'trimmableTools' }));
  });
});

const ctx = new SharedContext({ model: 'gpt-4o' });
describePairingSafety<AgentInputItem[]>({
  name: 'openai-agents trimToolOutputs',
  toFramework: toInputItems,
  fromFramework: fromInputItems,
  compress: async (input) =>
    (
      await trimToolOutputs({ ctx, recentTurns: 1 })({
        modelData: { input, instructions: 'Answer briefly.' },
        agent: new Agent({ name: 'Analyst' }),
        context: new RunContext(),
      })
    ).input,
  // Only results before the last user turn shrink; the tests above pin which.
  expectations: { shrinksLargeResults: false },
});
