import {
  AIMessage,
  type BaseMessage,
  HumanMessage,
  ToolMessage,
} from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import {
  Annotation,
  Command,
  END,
  isCommand,
  type Messages,
  START,
  StateGraph,
} from '@langchain/langgraph';
import { createReactAgent } from '@langchain/langgraph/prebuilt';
import { createSupervisor } from '@langchain/langgraph-supervisor';
import { createSwarm } from '@langchain/langgraph-swarm';
import {
  defaultCompressors,
  parseMarkers,
  SharedContext,
} from '@sharedcontext/core';
import {
  lineDropCompressor,
  sampleServiceLog,
} from '@sharedcontext-internal/test-utils';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  RecordingChatModel,
  ScriptedChatModel,
} from './__fixtures__/fake-models.ts';
import { compressHandoff, compressMessages } from './compress-handoff.ts';
import { sharedContextInfo } from './compress-message.ts';
import { compressingMessagesReducer } from './handoff-reducer.ts';
import { handoffStats } from './handoff-stats.ts';
import { compressingHandoffTool } from './handoff-tool.ts';

const keyOf = (message: BaseMessage) => sharedContextInfo(message)!.key;

async function readyContext() {
  const ctx = new SharedContext({
    compressors: [lineDropCompressor(), ...defaultCompressors()],
  });
  await ctx.ready();
  return ctx;
}

const logLines = (count: number) =>
  Array.from(
    { length: count },
    (_, index) =>
      `2026-11-25 node-${index % 9} ${index % 40 === 0 ? 'ERROR disk failure' : 'INFO heartbeat ok'} #${index}`,
  ).join('\n');

describe('compressMessages', () => {
  it('compresses large tool output for the next agent and leaves the rest', async () => {
    const ctx = await readyContext();
    const text = logLines(500);
    const messages = [
      new HumanMessage({ id: 'h', content: 'Find the disk failures' }),
      new ToolMessage({ id: 't', content: text, tool_call_id: 'c1' }),
      new AIMessage({ id: 'a', content: 'Found some.' }),
    ];
    const out = await compressMessages({
      ctx,
      messages,
      query: 'disk failure',
      agent: 'researcher',
      target: 'analyst',
    });
    expect(out[0]).toBe(messages[0]);
    expect(out[2]).toBe(messages[2]);
    const key = keyOf(out[1]!);
    expect(key).toMatch(/^lg:tool:c1\.[0-9a-z]+@analyst$/);
    expect(parseMarkers(out[1]!.content as string)[0]?.key).toBe(key);
    expect(await ctx.get(key, { full: true })).toBe(text);
    expect(handoffStats(ctx).byTarget.analyst).toMatchObject({
      compressions: 1,
    });
  });

  it('re-compresses reducer output from the original for a query, under its own key', async () => {
    const ctx = await readyContext();
    const text = logLines(500);
    const [reduced] = compressingMessagesReducer({ ctx })(
      [],
      [new ToolMessage({ id: 't', content: text, tool_call_id: 'c1' })],
    );
    const [handed] = await compressMessages({
      ctx,
      messages: [reduced!],
      query: 'disk failure',
      target: 'writer',
    });
    expect(keyOf(handed!)).toBe(`${keyOf(reduced!)}@writer`);
    expect(handed!.id).toBe('t');
    expect(await ctx.get(keyOf(handed!), { full: true })).toBe(text);
    // The reducer's entry and its markers stay valid.
    expect(await ctx.get(keyOf(reduced!), { full: true })).toBe(text);
    expect(
      await ctx.resolveMarker(
        `${parseMarkers(reduced!.content as string)[0]!.key}#1`,
      ),
    ).not.toBeNull();
  });

  it('rejects messages that are not an array', async () => {
    const ctx = await readyContext();
    await expect(
      compressMessages({ ctx, messages: 'nope' as never }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      parameter: 'messages',
    });
  });
});

describe('compressHandoff', () => {
  it('routes to the next agent with a compressed history its model receives', async () => {
    const ctx = await readyContext();
    const text = logLines(600);
    const writer = new RecordingChatModel({ responses: ['Report written.'] });
    const State = Annotation.Root({
      messages: Annotation<BaseMessage[], Messages>({
        reducer: compressingMessagesReducer({ ctx, minTokens: 1_000_000 }),
        default: () => [],
      }),
    });
    const graph = new StateGraph(State)
      .addNode(
        'analyst',
        async (state) =>
          compressHandoff({
            ctx,
            goto: 'writer',
            agent: 'analyst',
            messages: [
              ...state.messages,
              new ToolMessage({ content: text, tool_call_id: 'c7' }),
            ],
            query: 'disk failure',
          }),
        { ends: ['writer'] },
      )
      .addNode('writer', async (state) => ({
        messages: [await writer.invoke(state.messages)],
      }))
      .addEdge(START, 'analyst')
      .addEdge('writer', END)
      .compile();
    await graph.invoke({
      messages: [new HumanMessage('Write the incident report')],
    });
    const seen = writer.received[0]!;
    expect(seen[0]!.content).toBe('Write the incident report');
    const handed = seen.find((message) => ToolMessage.isInstance(message))!;
    expect((handed.content as string).length).toBeLessThan(text.length / 10);
    expect(keyOf(handed)).toMatch(/^lg:tool:c7\.[0-9a-z]+@writer$/);
    expect(await ctx.get(keyOf(handed), { full: true })).toBe(text);
    const record = handoffStats(ctx).records.find(
      (candidate) => candidate.kind === 'handoff',
    );
    expect(record).toMatchObject({ agent: 'analyst', target: 'writer' });
    expect(record!.tokensSaved).toBeGreaterThan(0);
  });

  it('returns a Command with goto, graph and extra updates', async () => {
    const ctx = await readyContext();
    const command = await compressHandoff({
      ctx,
      goto: 'writer',
      graph: Command.PARENT,
      messages: [],
      update: { activeAgent: 'writer' },
    });
    expect(isCommand(command)).toBe(true);
    expect(command.goto).toEqual(['writer']);
    expect(command.graph).toBe(Command.PARENT);
    expect(command.update).toEqual({ activeAgent: 'writer', messages: [] });
  });

  it('rejects an empty goto', async () => {
    const ctx = await readyContext();
    await expect(
      compressHandoff({ ctx, goto: '', messages: [] }),
    ).rejects.toMatchObject({ parameter: 'goto' });
  });
});

describe('compressingHandoffTool', () => {
  it('hands off inside a createSwarm graph with the task as query', async () => {
    const ctx = await readyContext();
    const logs = sampleServiceLog({ seed: 23 });
    const fetchLogs = tool(async () => logs, {
      name: 'fetch_logs',
      description: 'SSH logs',
      schema: z.object({}),
    });
    const researcherModel = new ScriptedChatModel([
      new AIMessage({
        content: '',
        tool_calls: [
          { id: 'call_ssh', name: 'fetch_logs', args: {}, type: 'tool_call' },
        ],
      }),
      new AIMessage({
        content: '',
        tool_calls: [
          {
            id: 'call_handoff',
            name: 'transfer_to_analyst',
            args: { task: 'Failed password attempts by IP' },
            type: 'tool_call',
          },
        ],
      }),
    ]);
    const analystModel = new ScriptedChatModel([
      new AIMessage('Most failures come from 173.234.31.186.'),
    ]);
    const researcher = createReactAgent({
      llm: researcherModel,
      name: 'researcher',
      tools: [
        fetchLogs,
        compressingHandoffTool({
          ctx,
          agentName: 'analyst',
          fromAgent: 'researcher',
        }),
      ],
    });
    const analyst = createReactAgent({
      llm: analystModel,
      name: 'analyst',
      tools: [],
    });
    const SwarmState = Annotation.Root({
      messages: Annotation<BaseMessage[], Messages>({
        reducer: compressingMessagesReducer({ ctx }),
        default: () => [],
      }),
      activeAgent: Annotation<string>(),
    });
    const swarm = createSwarm({
      agents: [researcher, analyst],
      defaultActiveAgent: 'researcher',
      stateSchema: SwarmState,
    }).compile();
    const result = await swarm.invoke({
      messages: [new HumanMessage('Who is attacking our SSH server?')],
    });
    expect(result.activeAgent).toBe('analyst');
    const seen = analystModel.received[0]!;
    const handed = seen.find(
      (message) =>
        ToolMessage.isInstance(message) && message.tool_call_id === 'call_ssh',
    )!;
    expect(keyOf(handed)).toMatch(/^lg:tool:call_ssh\.[0-9a-z]+@analyst$/);
    expect(sharedContextInfo(handed)!.compressedTokens).toBeLessThan(
      sharedContextInfo(handed)!.originalTokens,
    );
    expect(await ctx.get(keyOf(handed), { full: true })).toBe(logs);
    expect(handoffStats(ctx).byTarget.analyst?.tokensSaved).toBeGreaterThan(0);
  });
});

describe('compressingMessagesReducer in createSupervisor', () => {
  it('compresses what a worker hands back before the supervisor model reads it', async () => {
    const ctx = await readyContext();
    const logs = sampleServiceLog({ seed: 31 });
    const fetchLogs = tool(async () => logs, {
      name: 'fetch_logs',
      description: 'Apache logs',
      schema: z.object({}),
    });
    const workerModel = new ScriptedChatModel([
      new AIMessage({
        content: '',
        tool_calls: [
          {
            id: 'call_apache',
            name: 'fetch_logs',
            args: {},
            type: 'tool_call',
          },
        ],
      }),
      new AIMessage('The errors are mod_jk workers in error state.'),
    ]);
    const supervisorModel = new ScriptedChatModel([
      new AIMessage({
        content: '',
        tool_calls: [
          {
            id: 'call_to_researcher',
            name: 'transfer_to_researcher',
            args: {},
            type: 'tool_call',
          },
        ],
      }),
      new AIMessage('Summary: mod_jk workers failed.'),
    ]);
    const researcher = createReactAgent({
      llm: workerModel,
      name: 'researcher',
      tools: [fetchLogs],
    });
    const State = Annotation.Root({
      messages: Annotation<BaseMessage[], Messages>({
        reducer: compressingMessagesReducer({ ctx }),
        default: () => [],
      }),
    });
    const supervisor = createSupervisor({
      agents: [researcher],
      llm: supervisorModel,
      stateSchema: State,
      outputMode: 'full_history',
    }).compile();
    await supervisor.invoke({
      messages: [new HumanMessage('What failed in Apache?')],
    });
    const seen = supervisorModel.received[1]!;
    const handedBack = seen.find(
      (message) =>
        ToolMessage.isInstance(message) &&
        message.tool_call_id === 'call_apache',
    )!;
    expect(keyOf(handedBack)).toMatch(/^lg:tool:call_apache\.[0-9a-z]+$/);
    expect((handedBack.content as string).length).toBeLessThan(
      logs.length / 10,
    );
    expect(await ctx.get(keyOf(handedBack), { full: true })).toBe(logs);
  });
});
