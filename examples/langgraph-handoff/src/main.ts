import { pathToFileURL } from 'node:url';
import {
  type BaseMessage,
  HumanMessage,
  SystemMessage,
} from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import {
  Annotation,
  END,
  type Messages,
  messagesStateReducer,
  START,
  StateGraph,
} from '@langchain/langgraph';
import { ToolNode } from '@langchain/langgraph/prebuilt';
import {
  COMPRESSION_END,
  type CompressionEvent,
  compressHandoff,
  compressingMessagesReducer,
  createRetrievalTool,
  formatMarker,
  parseMarkers,
  SharedContext,
} from '@sharedcontext/langgraph';
import { z } from 'zod';
import { RecordingChatModel, toolCallingModel } from './fake-models.ts';
import { loadPayloads, type Payloads } from './payloads.ts';

const WRITER_TASK =
  'Write the incident report: which blocks failed, on which datanodes, and which HDFS client packages to upgrade.';

/** Tokens one agent's model received at a handoff, with and without the adapter. */
export interface HandoffFigure {
  from: string;
  to: string;
  withoutTokens: number;
  withTokens: number;
  savingsPercent: number;
}

/** What {@link main} returns (and prints). */
export interface MainResult {
  source: Payloads['source'];
  handoffs: HandoffFigure[];
  /** Every stored original equals the tool result it came from, byte for byte. */
  originalsExact: boolean;
  /** Markers the writer's model saw; the first is pulled back with the retrieval tool. */
  markers: number;
  /** The text the retrieval tool returned for the first marker. */
  retrieved: string;
  /** True when every line of `retrieved` is verbatim in the stored original. */
  retrievedExact: boolean;
}

interface Run {
  analyst: RecordingChatModel;
  writer: RecordingChatModel;
}

/** researcher → tools → analyst → writer, with or without the adapter. */
async function run(
  payloads: Payloads,
  ctx: SharedContext | undefined,
): Promise<Run> {
  const reducer = ctx
    ? compressingMessagesReducer({ ctx })
    : messagesStateReducer;
  const State = Annotation.Root({
    messages: Annotation<BaseMessage[], Messages>({
      reducer,
      default: () => [],
    }),
  });
  const tools = [
    tool(async () => payloads.logs, {
      name: 'fetch_datanode_logs',
      description: 'HDFS datanode logs',
      schema: z.object({}),
    }),
    tool(async () => payloads.packages, {
      name: 'search_packages',
      description: 'npm package search',
      schema: z.object({}),
    }),
    tool(async () => 'cluster: 3 namenodes healthy, replication factor 3', {
      name: 'cluster_status',
      description: 'Cluster status',
      schema: z.object({}),
    }),
  ];
  const researcher = toolCallingModel('Collecting logs, packages and status.', [
    {
      id: 'call_logs',
      name: 'fetch_datanode_logs',
      args: {},
      type: 'tool_call',
    },
    {
      id: 'call_packages',
      name: 'search_packages',
      args: {},
      type: 'tool_call',
    },
    { id: 'call_status', name: 'cluster_status', args: {}, type: 'tool_call' },
  ]);
  const analyst = new RecordingChatModel({
    responses: [
      'Analysis: several blocks were served with exceptions; see the WARN lines; the HDFS client packages are outdated.',
    ],
  });
  const writer = new RecordingChatModel({
    responses: [
      'Incident report: block serving failures on a few datanodes; upgrade the HDFS client packages.',
    ],
  });

  const graph = new StateGraph(State)
    .addNode('researcher', async (state) => ({
      messages: [await researcher.invoke(state.messages)],
    }))
    .addNode('tools', new ToolNode(tools))
    .addNode(
      'analyst',
      async (state) => {
        const messages = [
          ...state.messages,
          await analyst.invoke(state.messages),
          new HumanMessage(WRITER_TASK),
        ];
        // The writer's task is the query its compressed history is focused on.
        if (ctx)
          return compressHandoff({
            ctx,
            goto: 'writer',
            agent: 'analyst',
            messages,
            query: WRITER_TASK,
          });
        return { messages };
      },
      { ends: ['writer'] },
    )
    .addNode('writer', async (state) => ({
      messages: [await writer.invoke(state.messages)],
    }))
    .addEdge(START, 'researcher')
    .addEdge('researcher', 'tools')
    .addEdge('tools', 'analyst')
    .addEdge('analyst', 'writer')
    .addEdge('writer', END)
    .compile();
  await graph.invoke({
    messages: [
      new SystemMessage('You are an SRE team.'),
      new HumanMessage('Why are HDFS blocks failing?'),
    ],
  });
  if (ctx) await ctx.flush(); // makes every original durable (a no-op on the memory store)
  return { analyst, writer };
}

function tokensOf(
  ctx: SharedContext,
  messages: readonly BaseMessage[] | undefined,
): number {
  return (messages ?? []).reduce(
    (sum, message) =>
      sum +
      ctx.countTokens(
        typeof message.content === 'string'
          ? message.content
          : JSON.stringify(message.content),
      ),
    0,
  );
}

/** Runs the graph twice (without, then with the adapter) and prints tokens per handoff. */
export async function main({
  log = console.log,
}: {
  log?: (line: string) => void;
} = {}): Promise<MainResult> {
  const payloads = loadPayloads();
  const ctx = new SharedContext({ model: 'gpt-4o' });
  await ctx.ready(); // reducers are synchronous: load the tokenizer first
  // Stats come one way in every adapter: the context's compression-end events.
  const events: CompressionEvent[] = [];
  ctx.addEventListener(COMPRESSION_END, (event) => {
    if (event.detail.compressedTokens < event.detail.originalTokens)
      events.push(event.detail);
  });

  const baseline = await run(payloads, undefined);
  const adapted = await run(payloads, ctx);
  const figure = (
    from: string,
    to: string,
    without: BaseMessage[] | undefined,
    withAdapter: BaseMessage[] | undefined,
  ): HandoffFigure => {
    const withoutTokens = tokensOf(ctx, without);
    const withTokens = tokensOf(ctx, withAdapter);
    return {
      from,
      to,
      withoutTokens,
      withTokens,
      savingsPercent: Math.round((1 - withTokens / withoutTokens) * 1000) / 10,
    };
  };
  const handoffs = [
    figure(
      'researcher',
      'analyst',
      baseline.analyst.received[0],
      adapted.analyst.received[0],
    ),
    figure(
      'analyst',
      'writer',
      baseline.writer.received[0],
      adapted.writer.received[0],
    ),
  ];

  const byKey: Record<string, string> = {
    'lg:tool:call_logs': payloads.logs,
    'lg:tool:call_packages': payloads.packages,
  };
  let originalsExact = events.length > 0;
  for (const record of events) {
    // Keys read `lg:tool:<call id>.<content hash>[@<target>]`.
    const expected = byKey[record.key.replace(/\.[0-9a-z]+(@.*)?$/, '')];
    // Every compression in this run is of a tool result we know.
    if (
      expected === undefined ||
      (await ctx.get(record.key, { full: true })) !== expected
    )
      originalsExact = false;
  }

  // The writer's model sees markers; the retrieval tool pulls one back.
  const writerText = (adapted.writer.received[0] ?? [])
    .map((message) =>
      typeof message.content === 'string' ? message.content : '',
    )
    .join('\n');
  const markers = parseMarkers(writerText);
  const first = markers[0];
  const retrieved = first
    ? String(
        await createRetrievalTool({ ctx }).invoke({
          // The marker as the model saw it: keys are percent-encoded there.
          marker: formatMarker(first.key, { id: first.spanId, summary: '' }),
        }),
      )
    : '';
  const original = first ? await ctx.get(first.key, { full: true }) : null;
  // A span may join several ranges with '\n': each of its lines is verbatim.
  const retrievedExact =
    first !== undefined &&
    original !== null &&
    retrieved.length > 0 &&
    retrieved.split('\n').every((line) => original.includes(line));

  log(
    `Payloads: ${payloads.source === 'corpus' ? 'shared corpus (HDFS_2k.log, npm-packages-1500.json)' : 'seeded generator (no corpus found)'}; tokenizer ${ctx.tokenizerName}`,
  );
  log('');
  log('handoff                  without adapter   with adapter   saved');
  for (const handoff of handoffs) {
    log(
      `${`${handoff.from} → ${handoff.to}`.padEnd(24)} ${handoff.withoutTokens.toLocaleString('en-US').padStart(15)}   ${handoff.withTokens.toLocaleString('en-US').padStart(12)}   ${handoff.savingsPercent}%`,
    );
  }
  log('');
  for (const event of events) {
    log(
      `  ${event.key.padEnd(44)} ${event.originalTokens} → ${event.compressedTokens} tokens (${event.tool ?? 'message'}${event.agent ? ` by ${event.agent}` : ''})`,
    );
  }
  log('');
  log(
    `Originals byte-exact: ${originalsExact}; markers seen by the writer: ${markers.length}${first ? `; retrieved ${retrieved.length} chars for sc:${first.key}#${first.spanId} (verbatim: ${retrievedExact})` : ''}`,
  );
  return {
    source: payloads.source,
    handoffs,
    originalsExact,
    markers: markers.length,
    retrieved,
    retrievedExact,
  };
}

if (
  process.argv[1] &&
  import.meta.url === pathToFileURL(process.argv[1]).href
) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
