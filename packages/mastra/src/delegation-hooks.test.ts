import { Agent } from '@mastra/core/agent';
import type { MastraDBMessage } from '@mastra/core/agent/message-list';
import { createTool } from '@mastra/core/tools';
import { type CompressionEvent, SharedContext } from '@sharedcontext/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { promptTexts, scriptedModel } from './__fixtures__/scripted-model.ts';
import { compressDelegation } from './delegation-hooks.ts';

const LOGS = Array.from(
  { length: 400 },
  (_, index) =>
    `2026-01-05T03:${String(index % 60).padStart(2, '0')}:00Z ${index === 217 ? 'ERROR' : 'INFO'} [worker-${index % 4}] flushed batch id=${(index * 7919).toString(16)} took=${index % 90}ms`,
).join('\n');
// A long research answer, as sub-agents write them.
const REPORT = LOGS.split('\n')
  .map((line, index) => `Finding ${index}: ${line}`)
  .join('\n');

function supervisorRun() {
  const researcherModel = scriptedModel([{ text: REPORT }]);
  const researcher = new Agent({
    id: 'researcher',
    name: 'researcher',
    description: 'Reads logs closely.',
    instructions: 'Report every finding.',
    model: researcherModel.model,
  });
  const supervisorModel = scriptedModel([
    { tool: 'fetch_logs', input: {}, id: 'call-logs' },
    {
      tool: 'agent-researcher',
      input: { prompt: 'Which batch failed?' },
      id: 'call-research',
    },
    { text: 'Batch d3d5b failed.' },
  ]);
  const supervisor = new Agent({
    id: 'supervisor',
    name: 'supervisor',
    instructions: 'Fetch logs, then ask the researcher.',
    model: supervisorModel.model,
    tools: {
      fetch_logs: createTool({
        id: 'fetch_logs',
        description: 'Returns the job logs.',
        inputSchema: z.object({}),
        execute: async () => LOGS,
      }),
    },
    agents: { researcher },
  });
  return { supervisor, researcherModel, supervisorModel };
}

describe('compressDelegation', () => {
  it('hands the sub-agent compressed tool results and gives the supervisor a compressed answer', async () => {
    const events: CompressionEvent[] = [];
    const ctx = new SharedContext({
      onCompress: (event) => events.push(event),
    });
    const { supervisor, researcherModel, supervisorModel } = supervisorRun();
    const result = await supervisor.generate('Why did the job fail?', {
      delegation: { ...compressDelegation({ ctx }) },
    });
    expect(result.text).toBe('Batch d3d5b failed.');

    // Mastra 1.71 hands a sub-agent the parent's text turns, not its tool
    // results, so the researcher never saw the raw logs either way.
    const researcherSaw = researcherModel.prompts
      .flatMap((prompt) => promptTexts(prompt))
      .join('\n');
    expect(researcherSaw).not.toContain(LOGS);

    // onDelegationComplete: the supervisor's next call read the compressed answer.
    const supervisorSaw = promptTexts(supervisorModel.prompts[2]!).join('\n');
    expect(supervisorSaw).not.toContain(REPORT);
    expect(supervisorSaw).toMatch(
      /sc:delegation:researcher:result:call-research#/,
    );
    expect(
      await ctx.get('delegation:researcher:result:call-research', {
        full: true,
      }),
    ).toBe(REPORT);
    expect(events).toEqual([
      expect.objectContaining({
        key: 'delegation:researcher:result:call-research',
        agent: 'researcher',
      }),
    ]);
  });

  it('messageFilter compresses large tool results and assistant texts, keeping ids, order and user messages', async () => {
    const ctx = new SharedContext();
    const { messageFilter } = compressDelegation({ ctx });
    const at = new Date(0);
    const messages: MastraDBMessage[] = [
      {
        id: 'u1',
        role: 'user',
        createdAt: at,
        content: { format: 2, parts: [{ type: 'text', text: LOGS }] },
      },
      {
        id: 'a1',
        role: 'assistant',
        createdAt: at,
        content: {
          format: 2,
          parts: [
            { type: 'text', text: REPORT },
            {
              type: 'tool-invocation',
              toolInvocation: {
                state: 'result',
                toolCallId: 'call-logs',
                toolName: 'fetch_logs',
                args: {},
                result: LOGS,
              },
            },
          ],
        },
      },
    ];
    const filtered = await messageFilter({
      messages,
      primitiveId: 'researcher',
      primitiveType: 'agent',
      prompt: 'Which batch failed?',
      iteration: 1,
      runId: 'run-1',
      parentAgentId: 'supervisor',
      parentAgentName: 'supervisor',
      toolCallId: 'call-research',
    });
    expect(filtered.map((message) => message.id)).toEqual(['u1', 'a1']);
    expect(filtered[0]).toBe(messages[0]);
    const [text, invocation] = filtered[1]!.content.parts;
    expect(text?.type === 'text' && text.text.length).toBeLessThan(
      REPORT.length,
    );
    expect(
      invocation?.type === 'tool-invocation' && invocation.toolInvocation,
    ).toMatchObject({ toolCallId: 'call-logs', state: 'result' });
    expect(
      await ctx.get('delegation:researcher:call-logs', { full: true }),
    ).toBe(LOGS);
    expect(messages[1]!.content.parts[0]).toEqual({
      type: 'text',
      text: REPORT,
    });
  });

  it('rejects a missing ctx with InvalidArgumentError', () => {
    expect(() =>
      compressDelegation({ ctx: null as unknown as SharedContext }),
    ).toThrow(expect.objectContaining({ parameter: 'ctx' }));
  });
});
