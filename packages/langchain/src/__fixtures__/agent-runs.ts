import { FakeListChatModel } from '@langchain/core/utils/testing';
import { Command } from '@langchain/langgraph';
import {
  type CompressionEvent,
  InvalidArgumentError,
  parseMarkers,
  RETRIEVAL_TOOL_NAME,
  SharedContext,
} from '@sharedcontext/core';
import {
  AIMessage,
  type BaseMessage,
  createAgent,
  HumanMessage,
  summarizationMiddleware,
  ToolMessage,
  tool,
} from 'langchain';
import { describe, expect, it } from 'vitest';
import { logOutput, ordersOutput } from './payloads.ts';
import {
  callTools,
  ScriptedChatModel,
} from './scripted-chat-model.ts';
import { sharedContextInfo } from '../compress-tool-message.ts';
import { sharedContextMiddleware } from '../shared-context-middleware.ts';

const LOGS = logOutput(7);
const ORDERS = ordersOutput(11);

const fetchLogs = tool(async () => LOGS, {
  name: 'fetch_logs',
  description: 'Fetches the service logs.',
});
const fetchOrders = tool(async () => ORDERS, {
  name: 'fetch_orders',
  description: 'Lists the orders.',
});
const ping = tool(async () => 'pong', {
  name: 'ping',
  description: 'Checks the service is up.',
});

const toolMessages = (messages: readonly BaseMessage[]) =>
  messages.filter((message) => ToolMessage.isInstance(message));

const text = (message: BaseMessage | undefined) =>
  typeof message?.content === 'string' ? message.content : '';

async function context(): Promise<SharedContext> {
  const ctx = new SharedContext({ model: 'gpt-4o' });
  await ctx.ready();
  return ctx;
}

/** The middleware's behaviour through the real createAgent, for the `langchain` under test. */
export function describeAgentRuns(label: string): void {
describe(`sharedContextMiddleware (${label})`, () => {
  it('compresses a large tool result at the boundary and stores the original', async () => {
    const events: CompressionEvent[] = [];
    const ctx = new SharedContext({
      model: 'gpt-4o',
      onCompress: (event) => events.push(event),
    });
    const model = new ScriptedChatModel([
      callTools(
        { id: 'call_logs', name: 'fetch_logs' },
        { id: 'call_ping', name: 'ping' },
      ),
      new AIMessage('The service retried twice.'),
    ]);
    const agent = createAgent({
      model,
      tools: [fetchLogs, ping],
      middleware: [sharedContextMiddleware({ ctx, agent: 'ops' })],
    });
    const { messages } = await agent.invoke({
      messages: [new HumanMessage('What happened last night?')],
    });

    const [logs, pong] = toolMessages(messages);
    const info = sharedContextInfo(logs!)!;
    expect(info.compressedTokens).toBeLessThan(info.originalTokens);
    expect(text(logs).length).toBeLessThan(LOGS.length);
    expect(parseMarkers(text(logs)).length).toBeGreaterThan(0);
    expect((logs as ToolMessage).tool_call_id).toBe('call_logs');
    expect(logs!.name).toBe('fetch_logs');
    expect(await ctx.get(info.key, { full: true })).toBe(LOGS);
    expect((await ctx.getEntry(info.key))!.agent).toBe('ops');
    // Small results are not stored and keep no info.
    expect(text(pong)).toBe('pong');
    expect(sharedContextInfo(pong!)).toBeUndefined();
    // One savings event, with the agent and the tool named.
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      key: info.key,
      agent: 'ops',
      tool: 'fetch_logs',
      originalTokens: info.originalTokens,
      compressedTokens: info.compressedTokens,
    });
    // The model's second call already read the compressed result.
    expect(text(toolMessages(model.received[1]!)[0])).toBe(text(logs));
  });

  it("compresses the tool's own ToolMessage inside a Command it returns", async () => {
    const ctx = await context();
    const fetchAsCommand = tool(
      async (_input: Record<string, never>, config: { toolCall?: { id?: string } }) =>
        new Command({
          update: {
            messages: [
              new ToolMessage({
                content: LOGS,
                tool_call_id: config.toolCall?.id ?? '',
                name: 'fetch_logs_command',
              }),
            ],
          },
        }),
      { name: 'fetch_logs_command', description: 'Fetches logs into state.' },
    );
    const model = new ScriptedChatModel([
      callTools({ id: 'call_cmd', name: 'fetch_logs_command' }),
      new AIMessage('Done.'),
    ]);
    const { messages } = await createAgent({
      model,
      tools: [fetchAsCommand],
      middleware: [sharedContextMiddleware({ ctx })],
    }).invoke({ messages: [new HumanMessage('Logs into state.')] });
    const [result] = toolMessages(messages);
    const info = sharedContextInfo(result!)!;
    expect((result as ToolMessage).tool_call_id).toBe('call_cmd');
    expect(text(result).length).toBeLessThan(LOGS.length);
    expect(await ctx.get(info.key, { full: true })).toBe(LOGS);
  });

  it('adds the retrieval tool, whose answer is the dropped text and is not compressed', async () => {
    const ctx = await context();
    let marker = '';
    const model = new ScriptedChatModel([
      callTools({ id: 'call_logs', name: 'fetch_logs' }),
      (received) => {
        const ref = parseMarkers(text(toolMessages(received)[0]))[0]!;
        marker = `sc:${ref.key}#${ref.spanId}`;
        return callTools({
          id: 'call_back',
          name: RETRIEVAL_TOOL_NAME,
          args: { marker },
        });
      },
      new AIMessage('Found it.'),
    ]);
    const agent = createAgent({
      model,
      tools: [fetchLogs],
      middleware: [sharedContextMiddleware({ ctx, minTokens: 1 })],
    });
    const { messages } = await agent.invoke({
      messages: [new HumanMessage('Show me the dropped lines.')],
    });

    expect(model.boundTools[0]).toContain(RETRIEVAL_TOOL_NAME);
    const retrieved = toolMessages(messages)[1]!;
    expect(retrieved.name).toBe(RETRIEVAL_TOOL_NAME);
    expect(sharedContextInfo(retrieved)).toBeUndefined();
    const expected = await ctx.retrieve(parseMarkers(marker)[0]!.key, {
      marker,
    });
    expect(text(retrieved)).toBe(expected);
    for (const line of text(retrieved).split('\n'))
      expect(LOGS).toContain(line);
  });

  it('compresses older results in the model view only, keeping the newest and the state', async () => {
    const ctx = await context();
    const model = new ScriptedChatModel([
      callTools({ id: 'call_1', name: 'fetch_logs' }),
      callTools({ id: 'call_2', name: 'fetch_orders' }),
      new AIMessage('Done.'),
    ]);
    const agent = createAgent({
      model,
      tools: [fetchLogs, fetchOrders],
      middleware: [
        sharedContextMiddleware({
          ctx,
          toolResults: false,
          keep: { messages: 1 },
        }),
      ],
    });
    const { messages } = await agent.invoke({
      messages: [new HumanMessage('Logs, then orders.')],
    });

    // State keeps both originals.
    expect(toolMessages(messages).map(text)).toEqual([LOGS, ORDERS]);
    // The last model call saw the older result compressed, the newest whole.
    const [older, newest] = toolMessages(model.received[2]!);
    expect(sharedContextInfo(older!)).toBeDefined();
    expect(text(older).length).toBeLessThan(LOGS.length);
    expect((older as ToolMessage).tool_call_id).toBe('call_1');
    expect(older!.id).toBe(toolMessages(messages)[0]!.id);
    expect(text(newest)).toBe(ORDERS);
    const key = sharedContextInfo(older!)!.key;
    expect(await ctx.get(key, { full: true })).toBe(LOGS);
  });

  it('leaves the model view alone until the trigger is reached', async () => {
    const run = async (trigger: { tokens?: number; messages?: number }) => {
      const ctx = await context();
      const model = new ScriptedChatModel([
        callTools({ id: 'call_1', name: 'fetch_logs' }),
        new AIMessage('Done.'),
      ]);
      await createAgent({
        model,
        tools: [fetchLogs],
        middleware: [
          sharedContextMiddleware({
            ctx,
            toolResults: false,
            trigger,
            keep: { messages: 0 },
          }),
        ],
      }).invoke({ messages: [new HumanMessage('Logs?')] });
      return text(toolMessages(model.received[1]!)[0]);
    };
    expect(await run({ tokens: 10_000_000 })).toBe(LOGS);
    expect(await run({ messages: 50 })).toBe(LOGS);
    expect((await run({ tokens: 100, messages: 3 })).length).toBeLessThan(
      LOGS.length,
    );
  });

  it('measures fraction sizes against the model profile', async () => {
    const run = async (maxInputTokens: number) => {
      const ctx = await context();
      const model = new ScriptedChatModel(
        [callTools({ id: 'call_1', name: 'fetch_logs' }), new AIMessage('Ok.')],
        { maxInputTokens },
      );
      await createAgent({
        model,
        tools: [fetchLogs],
        middleware: [
          sharedContextMiddleware({
            ctx,
            toolResults: false,
            trigger: { fraction: 0.5 },
            keep: { fraction: 0.001 },
          }),
        ],
      }).invoke({ messages: [new HumanMessage('Logs?')] });
      return text(toolMessages(model.received[1]!)[0]);
    };
    // 50% of a huge window is not reached; 50% of a small one is.
    expect(await run(100_000_000)).toBe(LOGS);
    expect((await run(10_000)).length).toBeLessThan(LOGS.length);
  });

  it('runs beside summarizationMiddleware: pairs stay whole and originals retrievable', async () => {
    const ctx = await context();
    const summarizer = new FakeListChatModel({
      responses: ['Earlier: the logs and orders were fetched.'],
    });
    const model = new ScriptedChatModel([
      callTools({ id: 'call_1', name: 'fetch_logs' }),
      callTools({ id: 'call_2', name: 'fetch_orders' }),
      callTools({ id: 'call_3', name: 'ping' }),
      callTools({ id: 'call_4', name: 'fetch_logs' }),
      new AIMessage('All checked.'),
    ]);
    const agent = createAgent({
      model,
      tools: [fetchLogs, fetchOrders, ping],
      middleware: [
        summarizationMiddleware({
          model: summarizer,
          trigger: { messages: 6 },
          keep: { messages: 3 },
        }),
        sharedContextMiddleware({ ctx, keep: { messages: 1 } }),
      ],
    });
    const { messages } = await agent.invoke({
      messages: [new HumanMessage('Check everything.')],
    });

    expect(text(messages.at(-1))).toBe('All checked.');
    // Summarization replaced the early turns; every call the model saw
    // still had its result, right after it.
    expect(model.received.length).toBe(5);
    for (const received of model.received) {
      const calls = new Set(
        received.flatMap((message) =>
          AIMessage.isInstance(message)
            ? (message.tool_calls ?? []).map((call) => call.id)
            : [],
        ),
      );
      for (const result of toolMessages(received))
        expect(calls.has((result as ToolMessage).tool_call_id)).toBe(true);
      for (const message of received)
        expect(text(message) !== '' || AIMessage.isInstance(message)).toBe(
          true,
        );
    }
    expect(
      model.received
        .at(-1)!
        .some((message) =>
          text(message).includes('Earlier: the logs and orders were fetched.'),
        ),
    ).toBe(true);
    // Every compressed result that survived in state resolves to its original.
    const compressed = toolMessages(messages).filter(
      (message) => sharedContextInfo(message) !== undefined,
    );
    expect(compressed.length).toBeGreaterThan(0);
    for (const message of compressed) {
      const original = await ctx.get(sharedContextInfo(message)!.key, {
        full: true,
      });
      expect([LOGS, ORDERS]).toContain(original);
    }
  });

  it('throws InvalidArgumentError for a missing ctx and malformed sizes', () => {
    const bad = [
      () => sharedContextMiddleware({} as never),
      () =>
        sharedContextMiddleware({
          ctx: new SharedContext(),
          keep: { messages: 2, tokens: 10 } as never,
        }),
      () => sharedContextMiddleware({ ctx: new SharedContext(), trigger: {} }),
      () =>
        sharedContextMiddleware({
          ctx: new SharedContext(),
          trigger: { fraction: 2 },
        }),
    ];
    for (const call of bad) {
      let caught: unknown;
      try {
        call();
      } catch (error) {
        caught = error;
      }
      expect(InvalidArgumentError.isInstance(caught)).toBe(true);
    }
  });
});
}
