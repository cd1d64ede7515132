import { pathToFileURL } from 'node:url';
import type { ChatResult } from '@langchain/core/outputs';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import {
  parseMarkers,
  RETRIEVAL_TOOL_NAME,
  SharedContext,
  savingsPercent,
  sharedContextInfo,
  sharedContextMiddleware,
} from '@sharedcontext/langchain';
import {
  AIMessage,
  type BaseMessage,
  createAgent,
  HumanMessage,
  ToolMessage,
  tool,
} from 'langchain';
import { loadPayloads, type Payloads } from './payloads.ts';

type Turn = (received: BaseMessage[]) => AIMessage;

/**
 * LangChain's fake chat model answering a script (tool calls included) and
 * keeping every message list it was sent: the offline stand-in for a real
 * model. `bindTools` returns the model, as createAgent needs.
 */
class ScriptedChatModel extends FakeListChatModel {
  readonly received: BaseMessage[][] = [];
  readonly #script: Turn[];

  constructor(script: Turn[]) {
    super({ responses: [''] });
    this.#script = script;
  }

  override async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    this.received.push(messages);
    const turn = this.#script[this.received.length - 1];
    const message = turn ? turn(messages) : new AIMessage('Done.');
    return { generations: [{ message, text: String(message.content) }] };
  }

  override bindTools(): any {
    return this;
  }
}

const call = (id: string, name: string, args: Record<string, unknown> = {}) =>
  new AIMessage({
    content: '',
    tool_calls: [{ id, name, args, type: 'tool_call' }],
  });

const textOf = (message: BaseMessage) =>
  typeof message.content === 'string'
    ? message.content
    : JSON.stringify(message.content);

/** Tokens of the messages a model call received (text and tool calls). */
function tokens(ctx: SharedContext, messages: readonly BaseMessage[]): number {
  return messages.reduce(
    (sum, message) =>
      sum +
      ctx.countTokens(textOf(message)) +
      (AIMessage.isInstance(message) && message.tool_calls?.length
        ? ctx.countTokens(JSON.stringify(message.tool_calls))
        : 0),
    0,
  );
}

/** Tokens a model call read, without and with the middleware. */
export interface CallFigure {
  label: string;
  withoutTokens: number;
  withTokens: number;
  savingsPercent: number;
}

/** What {@link main} returns (and prints). */
export interface MainResult {
  source: Payloads['source'];
  /** The model call after the tools returned, and the one on carried-in history. */
  calls: CallFigure[];
  /** Every stored original equals the tool result it came from, byte for byte. */
  originalsExact: boolean;
  /** The text the retrieval tool returned for the marker the model copied. */
  retrieved: string;
  /** True when every line of `retrieved` is verbatim in the tool's output. */
  retrievedExact: boolean;
  /** The carried-in tool result is still whole in the agent's state. */
  stateUntouched: boolean;
}

/** An on-call agent: fetch logs and issues, pull back one dropped part, answer. */
export async function main({
  log = console.log,
}: {
  log?: (line: string) => void;
} = {}): Promise<MainResult> {
  const payloads = loadPayloads();
  const ctx = new SharedContext({ model: 'gpt-4o' });
  await ctx.ready();

  const fetchLogs = tool(async () => payloads.logs, {
    name: 'fetch_logs',
    description: "Fetches the gateway's authentication log.",
  });
  const searchIssues = tool(async () => payloads.issues, {
    name: 'search_issues',
    description: 'Searches the issue tracker.',
  });
  const fetchBoth = (): AIMessage =>
    new AIMessage({
      content: '',
      tool_calls: [
        { id: 'call_logs', name: 'fetch_logs', args: {}, type: 'tool_call' },
        {
          id: 'call_issues',
          name: 'search_issues',
          args: {},
          type: 'tool_call',
        },
      ],
    });
  const answer = () => new AIMessage('Brute-force attempts; see the issues.');

  // Without the middleware: the model reads both results whole.
  const plain = new ScriptedChatModel([fetchBoth, answer]);
  await createAgent({ model: plain, tools: [fetchLogs, searchIssues] }).invoke({
    messages: [new HumanMessage('Why are logins failing?')],
  });

  // With it: compressed results, then the model pulls back one marker.
  let marker = '';
  const adapted = new ScriptedChatModel([
    fetchBoth,
    (received) => {
      const ref = received
        .filter((message) => ToolMessage.isInstance(message))
        .flatMap((message) => parseMarkers(textOf(message)))[0];
      if (!ref) return answer();
      marker = `sc:${ref.key}#${ref.spanId}`;
      return call('call_back', RETRIEVAL_TOOL_NAME, { marker });
    },
    answer,
  ]);
  const { messages } = await createAgent({
    model: adapted,
    tools: [fetchLogs, searchIssues],
    middleware: [sharedContextMiddleware({ ctx, agent: 'on-call' })],
  }).invoke({ messages: [new HumanMessage('Why are logins failing?')] });

  const results = messages.filter((message) => ToolMessage.isInstance(message));
  let originalsExact = true;
  for (const message of results) {
    const info = sharedContextInfo(message);
    if (!info) continue;
    const expected =
      message.name === 'fetch_logs' ? payloads.logs : payloads.issues;
    if ((await ctx.get(info.key, { full: true })) !== expected)
      originalsExact = false;
  }
  const retrieved = textOf(
    results.find((message) => message.name === RETRIEVAL_TOOL_NAME) ??
      new ToolMessage({ content: '', tool_call_id: 'none' }),
  );
  const retrievedExact =
    retrieved.length > 0 &&
    retrieved
      .split('\n')
      .every(
        (line) =>
          payloads.logs.includes(line) || payloads.issues.includes(line),
      );

  // Model view: a transcript carried in from an earlier session holds a
  // whole tool result; the model is sent it compressed, the state keeps it.
  const history = [
    new HumanMessage('Earlier: pull the auth log.'),
    call('call_old', 'fetch_logs'),
    new ToolMessage({
      content: payloads.logs,
      tool_call_id: 'call_old',
      name: 'fetch_logs',
    }),
    new AIMessage('Noted.'),
    new HumanMessage('Anything new since then?'),
  ];
  const plainView = new ScriptedChatModel([answer]);
  await createAgent({ model: plainView, tools: [fetchLogs] }).invoke({
    messages: history,
  });
  const adaptedView = new ScriptedChatModel([answer]);
  const continued = await createAgent({
    model: adaptedView,
    tools: [fetchLogs],
    middleware: [sharedContextMiddleware({ ctx, keep: { messages: 0 } })],
  }).invoke({ messages: history });
  const stateUntouched = continued.messages.some(
    (message) =>
      ToolMessage.isInstance(message) && message.content === payloads.logs,
  );

  const figure = (
    label: string,
    without: BaseMessage[],
    withAdapter: BaseMessage[],
  ): CallFigure => {
    const withoutTokens = tokens(ctx, without);
    const withTokens = tokens(ctx, withAdapter);
    return {
      label,
      withoutTokens,
      withTokens,
      savingsPercent: savingsPercent(withoutTokens, withTokens),
    };
  };
  const calls = [
    figure(
      'model call after the tools',
      plain.received[1]!,
      adapted.received[1]!,
    ),
    figure(
      'model call on carried-in history',
      plainView.received[0]!,
      adaptedView.received[0]!,
    ),
  ];

  log(
    `Payloads: ${payloads.source === 'corpus' ? 'shared corpus (OpenSSH_2k.log, octokit-search-issues.json)' : 'seeded generator (no corpus found)'}; tokenizer ${ctx.tokenizerName}`,
  );
  log('');
  log('                                    without   with middleware   saved');
  for (const row of calls)
    log(
      `${row.label.padEnd(34)} ${row.withoutTokens.toLocaleString('en-US').padStart(9)}   ${row.withTokens.toLocaleString('en-US').padStart(15)}   ${row.savingsPercent}%`,
    );
  log('');
  for (const entry of (
    await Promise.all((await ctx.keys()).map((key) => ctx.getEntry(key)))
  ).filter((entry) => entry !== null))
    log(
      `  ${entry.key.padEnd(36)} ${entry.originalTokens} → ${entry.compressedTokens} tokens (${entry.savingsPercent}% saved)`,
    );
  log('');
  log(
    `Originals byte-exact: ${originalsExact}; retrieved ${retrieved.length} chars for ${marker || 'no marker'} (verbatim: ${retrievedExact}); carried-in result whole in state: ${stateUntouched}`,
  );
  return {
    source: payloads.source,
    calls,
    originalsExact,
    retrieved,
    retrievedExact,
    stateUntouched,
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
