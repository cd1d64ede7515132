import {
  AIMessage,
  type BaseMessage,
  HumanMessage,
  RemoveMessage,
  SystemMessage,
  ToolMessage,
} from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import {
  Annotation,
  END,
  MemorySaver,
  type Messages,
  ReducedValue,
  START,
  StateGraph,
  StateSchema,
} from '@langchain/langgraph';
import { ToolNode } from '@langchain/langgraph/prebuilt';
import {
  defaultCompressors,
  memoryDriver,
  NotReadyError,
  parseMarkers,
  SharedContext,
  type StoreDriver,
  StoreDriverError,
} from '@sharedcontext/core';
import {
  lineDropCompressor,
  sampleJsonRecords,
  sampleServiceLog,
} from '@sharedcontext-internal/test-utils';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  RecordingChatModel,
  toolCallingModel,
} from './__fixtures__/fake-models.ts';
import { sharedContextInfo } from './compress-message.ts';
import {
  compressingMessagesReducer,
  compressingReducer,
  withFlush,
} from './handoff-reducer.ts';
import { handoffStats } from './handoff-stats.ts';

const SMALL_STATUS = 'OK: 3 datanodes healthy';
/** A block id from a routine line deep in the log, one compression drops. */
const routineBlockId = (log: string) =>
  /blk_\d+/.exec(log.split('\n')[1000]!)![0];
const LOGS_KEY = /^lg:tool:call_logs\.[0-9a-z]+$/;
const keyOf = (message: BaseMessage) => sharedContextInfo(message)!.key;

function payloads() {
  return {
    logs: sampleServiceLog(),
    packages: sampleJsonRecords({ count: 1500 }),
  };
}

/** researcher (calls three tools) → tools → analyst, on fake models. */
function researchGraph(
  ctx: SharedContext,
  analyst: RecordingChatModel,
  { logs, packages }: { logs: string; packages: string },
  checkpointer?: MemorySaver,
) {
  const State = Annotation.Root({
    messages: Annotation<BaseMessage[], Messages>({
      reducer: compressingMessagesReducer({ ctx }),
      default: () => [],
    }),
  });
  const tools = [
    tool(async () => logs, {
      name: 'fetch_logs',
      description: 'HDFS logs',
      schema: z.object({}),
    }),
    tool(async () => packages, {
      name: 'search_packages',
      description: 'npm packages',
      schema: z.object({}),
    }),
    tool(async () => SMALL_STATUS, {
      name: 'cluster_status',
      description: 'Status',
      schema: z.object({}),
    }),
  ];
  const researcher = toolCallingModel(
    'Fetching the logs, packages and status.',
    [
      { id: 'call_logs', name: 'fetch_logs', args: {}, type: 'tool_call' },
      {
        id: 'call_packages',
        name: 'search_packages',
        args: {},
        type: 'tool_call',
      },
      {
        id: 'call_status',
        name: 'cluster_status',
        args: {},
        type: 'tool_call',
      },
    ],
  );
  return new StateGraph(State)
    .addNode('researcher', async (state) => ({
      messages: [await researcher.invoke(state.messages)],
    }))
    .addNode('tools', new ToolNode(tools))
    .addNode('analyst', async (state) => ({
      messages: [await analyst.invoke(state.messages)],
    }))
    .addEdge(START, 'researcher')
    .addEdge('researcher', 'tools')
    .addEdge('tools', 'analyst')
    .addEdge('analyst', END)
    .compile(checkpointer ? { checkpointer } : {});
}

const input = () => ({
  messages: [
    new SystemMessage('You are a careful SRE team.'),
    new HumanMessage('Why did block replication fail?'),
  ],
});

function toolMessage(messages: BaseMessage[], id: string): ToolMessage {
  const found = messages.find(
    (message) => ToolMessage.isInstance(message) && message.tool_call_id === id,
  );
  if (!found) throw new Error(`no tool message ${id}`);
  return found as ToolMessage;
}

describe('compressingMessagesReducer', () => {
  async function run(checkpointer?: MemorySaver) {
    const ctx = new SharedContext({
      compressors: [lineDropCompressor(), ...defaultCompressors()],
    });
    await ctx.ready();
    const analyst = new RecordingChatModel({
      responses: ['Replication failed on two datanodes.'],
    });
    const graph = researchGraph(ctx, analyst, payloads(), checkpointer);
    const result = await graph.invoke(input(), {
      configurable: { thread_id: 't1' },
    });
    return { ctx, analyst, graph, result };
  }

  it('compresses large tool results before the next agent model sees them', async () => {
    const { ctx, analyst } = await run();
    const seen = analyst.received[0]!;
    const logs = toolMessage(seen, 'call_logs');
    const { logs: original } = payloads();
    expect(typeof logs.content).toBe('string');
    expect((logs.content as string).length).toBeLessThan(original.length / 10);
    const key = sharedContextInfo(logs)!.key;
    expect(key).toMatch(LOGS_KEY);
    expect(sharedContextInfo(logs)!.keys).toEqual([key]);
    expect(
      parseMarkers(logs.content as string).map((ref) => ref.key),
    ).toContain(key);
    expect(logs.name).toBe('fetch_logs');
    expect(logs.id).toBeTruthy();
    expect(sharedContextInfo(logs)!.compressedTokens).toBeLessThan(
      sharedContextInfo(logs)!.originalTokens,
    );
    expect(handoffStats(ctx).totals.tokensSaved).toBeGreaterThan(0);
  });

  it('leaves small tool results, user and system messages untouched', async () => {
    const { analyst } = await run();
    const seen = analyst.received[0]!;
    expect(seen[0]).toBeInstanceOf(SystemMessage);
    expect(seen[0]!.content).toBe('You are a careful SRE team.');
    expect(seen[1]!.content).toBe('Why did block replication fail?');
    const status = toolMessage(seen, 'call_status');
    expect(status.content).toBe(SMALL_STATUS);
    expect(sharedContextInfo(status)).toBeUndefined();
    expect(
      seen.filter((message) => sharedContextInfo(message)).length,
    ).toBeGreaterThanOrEqual(1);
  });

  it('keeps originals retrievable byte for byte, whole and per marker', async () => {
    const { ctx, result } = await run();
    const { logs: original } = payloads();
    const key = keyOf(toolMessage(result.messages, 'call_logs'));
    expect(await ctx.get(key, { full: true })).toBe(original);
    const compressed = toolMessage(result.messages, 'call_logs')
      .content as string;
    const [marker] = parseMarkers(compressed);
    const dropped = await ctx.resolveMarker(
      `sc:${marker!.key}#${marker!.spanId}`,
    );
    expect(dropped).not.toBeNull();
    expect(original.includes(dropped!)).toBe(true);
    const block = routineBlockId(original);
    expect(await ctx.retrieve(key, { query: block })).toContain(block);
  });

  it('round-trips compressed state through a MemorySaver checkpoint without compressing twice', async () => {
    const checkpointer = new MemorySaver();
    const { ctx, graph, result } = await run(checkpointer);
    const config = { configurable: { thread_id: 't1' } };
    const snapshot = await graph.getState(config);
    const restored = snapshot.values.messages as BaseMessage[];
    expect(restored.map((message) => message.content)).toEqual(
      result.messages.map((message) => message.content),
    );
    expect(restored.map((message) => message.id)).toEqual(
      result.messages.map((message) => message.id),
    );
    expect(keyOf(toolMessage(restored, 'call_logs'))).toBe(
      keyOf(toolMessage(result.messages, 'call_logs')),
    );
    const before = handoffStats(ctx).records.length;
    const again = await graph.invoke(
      { messages: [new HumanMessage('And the fix?')] },
      config,
    );
    expect(again.messages.length).toBeGreaterThan(result.messages.length);
    expect(
      again.messages.some((message) => message.content === 'And the fix?'),
    ).toBe(true);
    for (const message of again.messages.filter((candidate) =>
      sharedContextInfo(candidate),
    )) {
      // Compressed once: the text in state is what a single compression gives.
      expect(
        parseMarkers(message.content as string).every(
          (ref) => ref.key === sharedContextInfo(message)!.key,
        ),
      ).toBe(true);
    }
    expect(
      await ctx.get(keyOf(toolMessage(restored, 'call_logs')), { full: true }),
    ).toBe(payloads().logs);
    // ToolNode skips tool calls already answered, so the second run adds no
    // tool results: state restored from the checkpoint is not compressed again.
    expect(handoffStats(ctx).records.length).toBe(before);
  });
});

describe('compressingMessagesReducer with the built-in compressors', () => {
  it('passes the query to the compressors, so matching lines survive', async () => {
    const ctx = new SharedContext();
    await ctx.ready();
    const { logs } = payloads();
    const block = routineBlockId(logs);
    const reducer = compressingMessagesReducer({
      ctx,
      query: (_message, messages) =>
        messages.findLast((message) => HumanMessage.isInstance(message))?.text,
    });
    const [, compressed] = reducer(
      [],
      [
        new HumanMessage(`What happened to ${block}?`),
        new ToolMessage({ content: logs, tool_call_id: 'call_q' }),
      ],
    );
    expect(sharedContextInfo(compressed!)).toBeDefined();
    expect(compressed!.content as string).toContain(block);
    // Without the query that line is one of the dropped ones.
    const [plain] = compressingMessagesReducer({ ctx })(
      [],
      [new ToolMessage({ content: logs, tool_call_id: 'call_plain' })],
    );
    expect(plain!.content as string).not.toContain(block);
  });

  // Holds once the log and JSON compressors are registered in defaultCompressors().
  it('compresses corpus logs and JSON arrays with retrieval markers', async () => {
    const ctx = new SharedContext();
    await ctx.ready();
    const analyst = new RecordingChatModel({ responses: ['Done.'] });
    await researchGraph(ctx, analyst, payloads()).invoke(input());
    const seen = analyst.received[0]!;
    for (const id of ['call_logs', 'call_packages']) {
      const info = sharedContextInfo(toolMessage(seen, id));
      expect(info, id).toBeDefined();
      expect(info!.compressedTokens).toBeLessThan(info!.originalTokens);
      expect(
        parseMarkers(toolMessage(seen, id).content as string).length,
        `${id} markers`,
      ).toBeGreaterThan(0);
    }
  });
});

describe('compressingMessagesReducer', () => {
  const big = (word: string) =>
    Array.from(
      { length: 400 },
      (_, index) => `${word} line ${index}: value=${index * 7}`,
    ).join('\n');

  it('merges like messagesStateReducer: ids, replacement and RemoveMessage', async () => {
    const ctx = new SharedContext();
    await ctx.ready();
    const reducer = compressingMessagesReducer({ ctx });
    const first = reducer(
      [],
      [
        new HumanMessage({ id: 'h1', content: 'hi' }),
        new AIMessage({ id: 'a1', content: 'hello' }),
      ],
    );
    const replaced = reducer(first, [
      new AIMessage({ id: 'a1', content: 'hello again' }),
    ]);
    expect(replaced.map((message) => message.content)).toEqual([
      'hi',
      'hello again',
    ]);
    const removed = reducer(replaced, [new RemoveMessage({ id: 'h1' })]);
    expect(removed.map((message) => message.id)).toEqual(['a1']);
    const withId = reducer(removed, [new HumanMessage('no id')]);
    expect(withId[1]!.id).toEqual(expect.any(String));
  });

  it('compresses long AI text and keeps id, name and tool calls', async () => {
    const ctx = new SharedContext({ compressors: [lineDropCompressor()] });
    await ctx.ready();
    const reducer = compressingMessagesReducer({ ctx, agent: 'analyst' });
    const text = big('analysis');
    const [message] = reducer(
      [],
      [
        new AIMessage({
          id: 'a9',
          name: 'analyst',
          content: text,
          tool_calls: [{ id: 'c1', name: 'write', args: { x: 1 } }],
        }),
      ],
    );
    expect(AIMessage.isInstance(message)).toBe(true);
    expect((message as AIMessage).tool_calls).toEqual([
      expect.objectContaining({ id: 'c1', name: 'write', args: { x: 1 } }),
    ]);
    expect(message!.name).toBe('analyst');
    expect(message!.id).toBe('a9');
    expect(parseMarkers(message!.content as string)[0]?.key).toMatch(
      /^lg:ai:a9\.[0-9a-z]+$/,
    );
    expect(await ctx.get(keyOf(message!), { full: true })).toBe(text);
    expect((await ctx.stats()).agents.analyst?.entries).toBe(1);
  });

  it('compresses large text blocks of array content one by one', async () => {
    const ctx = new SharedContext({ compressors: [lineDropCompressor()] });
    await ctx.ready();
    const text = big('block');
    const [message] = compressingMessagesReducer({ ctx })(
      [],
      [
        new AIMessage({
          id: 'a2',
          content: [
            { type: 'text', text: 'short' },
            { type: 'text', text },
          ],
        }),
      ],
    );
    const blocks = message!.content as Array<{ type: string; text: string }>;
    expect(blocks[0]!.text).toBe('short');
    expect(parseMarkers(blocks[1]!.text)[0]?.key).toMatch(
      /^lg:ai:a2:1\.[0-9a-z]+$/,
    );
    expect(sharedContextInfo(message!)?.keys).toEqual([keyOf(message!)]);
    expect(await ctx.get(keyOf(message!), { full: true })).toBe(text);
  });

  it('keeps both originals when a tool call id is reused', async () => {
    const ctx = new SharedContext({ compressors: [lineDropCompressor()] });
    await ctx.ready();
    const reducer = compressingMessagesReducer({ ctx });
    const first = big('first');
    const second = big('second');
    const state = reducer(
      reducer(
        [],
        [new ToolMessage({ content: first, tool_call_id: 'call_0' })],
      ),
      [new ToolMessage({ content: second, tool_call_id: 'call_0' })],
    );
    expect(keyOf(state[0]!)).not.toBe(keyOf(state[1]!));
    expect(await ctx.get(keyOf(state[0]!), { full: true })).toBe(first);
    expect(await ctx.get(keyOf(state[1]!), { full: true })).toBe(second);
  });

  it('does not store small messages, so they never evict originals', async () => {
    const ctx = new SharedContext();
    await ctx.ready();
    compressingMessagesReducer({ ctx })(
      [],
      [
        new ToolMessage({ content: 'tiny', tool_call_id: 'c1' }),
        new AIMessage('short answer'),
      ],
    );
    expect(await ctx.keys()).toEqual([]);
  });

  it('works in a zod StateSchema through ReducedValue', async () => {
    const ctx = new SharedContext({ compressors: [lineDropCompressor()] });
    await ctx.ready();
    const State = new StateSchema({
      messages: new ReducedValue(
        z.custom<BaseMessage[]>().default(() => []),
        {
          inputSchema: z.custom<Messages>(),
          reducer: compressingMessagesReducer({ ctx }),
        },
      ),
    });
    const text = big('schema');
    const graph = new StateGraph(State)
      .addNode('tool', () => ({
        messages: [new ToolMessage({ content: text, tool_call_id: 'c1' })],
      }))
      .addEdge(START, 'tool')
      .addEdge('tool', END)
      .compile();
    const { messages } = await graph.invoke({
      messages: [new HumanMessage('hi')],
    });
    expect(messages[0]!.content).toBe('hi');
    expect(await ctx.get(keyOf(messages[1]!), { full: true })).toBe(text);
  });

  it('rejects a missing SharedContext when the reducer is created', () => {
    expect(() => compressingMessagesReducer({ ctx: {} as never })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', parameter: 'ctx' }),
    );
  });

  it('throws NotReadyError when ctx.ready() was not awaited', () => {
    const reducer = compressingMessagesReducer({ ctx: new SharedContext() });
    expect(() => reducer([], [new HumanMessage('hi')])).toThrow(
      expect.objectContaining({ code: 'NOT_READY' }),
    );
    try {
      reducer([], []);
    } catch (error) {
      expect(NotReadyError.isInstance(error)).toBe(true);
      expect(String(error)).toContain('compressingMessagesReducer');
    }
  });

  it('fails the step, not silently, when the store cannot write', async () => {
    const broken: StoreDriver = {
      ...memoryDriver(),
      name: 'broken',
      set: () => {
        throw new Error('disk full');
      },
    };
    const ctx = new SharedContext({
      store: broken,
      compressors: [lineDropCompressor()],
    });
    await ctx.ready();
    const State = Annotation.Root({
      messages: Annotation<BaseMessage[], Messages>({
        reducer: compressingMessagesReducer({ ctx }),
        default: () => [],
      }),
    });
    const graph = new StateGraph(State)
      .addNode('tool', () => ({
        messages: [
          new ToolMessage({ content: big('log'), tool_call_id: 'c1' }),
        ],
      }))
      .addEdge(START, 'tool')
      .addEdge('tool', END)
      .compile();
    const error = await graph
      .invoke({ messages: [] })
      .catch((caught: unknown) => caught);
    expect(StoreDriverError.isInstance(error)).toBe(true);
  });
});

describe('compressingReducer', () => {
  it('stores each write and keeps the compressed text in a string channel', async () => {
    const ctx = new SharedContext({ compressors: [lineDropCompressor()] });
    await ctx.ready();
    const report = Array.from(
      { length: 300 },
      (_, index) => `finding ${index}: disk ${index % 7} degraded`,
    ).join('\n');
    const State = Annotation.Root({
      research: Annotation<string, unknown>({
        reducer: compressingReducer({
          ctx,
          key: 'research',
          agent: 'researcher',
        }),
        default: () => '',
      }),
    });
    const graph = new StateGraph(State)
      .addNode('researcher', () => ({ research: report }))
      .addEdge(START, 'researcher')
      .addEdge('researcher', END)
      .compile();
    const { research } = await graph.invoke({});
    expect(research.length).toBeLessThan(report.length);
    expect(parseMarkers(research)[0]?.key).toBe('research');
    expect(await ctx.get('research', { full: true })).toBe(report);
    expect(handoffStats(ctx).byAgent.researcher?.compressions).toBe(1);
  });

  it('derives keys per write and merges with the current value', async () => {
    const ctx = new SharedContext();
    await ctx.ready();
    const reducer = compressingReducer({
      ctx,
      key: (value) => `note:${(value as { n: number }).n}`,
      merge: (current, next) => (current ? `${current}\n${next}` : next),
    });
    const merged = reducer(reducer(undefined, { n: 1 }), { n: 2 });
    expect(merged).toBe('{"n":1}\n{"n":2}');
    expect(await ctx.keys()).toEqual(['note:1', 'note:2']);
  });

  it('rejects options without a key', () => {
    expect(() =>
      compressingReducer({ ctx: new SharedContext() } as never),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});

describe('withFlush', () => {
  function asyncDriver(fail: { on: boolean }, inner: StoreDriver): StoreDriver {
    return {
      specificationVersion: 'v1',
      name: 'async-memory',
      get: async (key) => inner.get(key),
      set: async (key, record, options) => {
        if (fail.on) throw new Error('connection reset');
        return inner.set(key, record, options);
      },
      delete: async (key) => inner.delete(key),
      list: async () => inner.list(),
      clear: async () => inner.clear(),
    };
  }

  function flushGraph(ctx: SharedContext, seen: string[]) {
    const State = Annotation.Root({
      messages: Annotation<BaseMessage[], Messages>({
        reducer: compressingMessagesReducer({ ctx }),
        default: () => [],
      }),
    });
    const text = Array.from({ length: 400 }, (_, index) => `log ${index}`).join(
      '\n',
    );
    return new StateGraph(State)
      .addNode('tool', () => ({
        messages: [new ToolMessage({ content: text, tool_call_id: 'c1' })],
      }))
      .addNode(
        'next',
        withFlush(
          async () => {
            seen.push('next ran');
            return {};
          },
          { ctx },
        ),
      )
      .addEdge(START, 'tool')
      .addEdge('tool', 'next')
      .addEdge('next', END)
      .compile();
  }

  it('makes async-store writes durable before the next node runs', async () => {
    const fail = { on: false };
    const inner = memoryDriver();
    const ctx = new SharedContext({
      store: asyncDriver(fail, inner),
      compressors: [lineDropCompressor()],
    });
    await ctx.ready();
    const seen: string[] = [];
    const { messages } = await flushGraph(ctx, seen).invoke({ messages: [] });
    expect(seen).toEqual(['next ran']);
    // In the backend itself, not only held by this SharedContext.
    expect((await inner.list()).map((meta) => meta.key)).toEqual([
      keyOf(messages[0]!),
    ]);
  });

  it('fails the next node with StoreDriverError and keeps the original held', async () => {
    const fail = { on: true };
    const inner = memoryDriver();
    const ctx = new SharedContext({
      store: asyncDriver(fail, inner),
      compressors: [lineDropCompressor()],
    });
    await ctx.ready();
    const seen: string[] = [];
    const error = await flushGraph(ctx, seen)
      .invoke({ messages: [] })
      .catch((caught: unknown) => caught);
    expect(StoreDriverError.isInstance(error)).toBe(true);
    expect(seen).toEqual([]);
    expect(await inner.list()).toEqual([]);
    const [key] = await ctx.keys();
    expect(key).toMatch(/^lg:tool:c1\./);
    expect(await ctx.get(key!, { full: true })).toContain('log 399');
    fail.on = false;
    await ctx.flush();
    expect((await inner.list()).map((meta) => meta.key)).toEqual([key]);
  });
});
