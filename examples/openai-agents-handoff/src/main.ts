import { pathToFileURL } from 'node:url';
import {
  Agent,
  type AgentInputItem,
  handoff,
  type ModelRequest,
  type ModelResponse,
  Runner,
  setTracingDisabled,
  tool,
} from '@openai/agents';
import {
  COMPRESSION_END,
  type CompressionEvent,
  compressHandoffInput,
  createRetrievalTool,
  nestHandoffHistory,
  parseMarkers,
  SharedContext,
  tokenizerForModel,
} from '@sharedcontext/openai-agents';
import { z } from 'zod';
import { FakeModel, FakeModelProvider } from './fake-model.ts';
import { loadPayload, type Payload } from './payload.ts';

/** What the demo measured. */
export interface DemoResult {
  payloadSource: Payload['source'];
  /** Tokens of the two tool outputs triage collected. */
  toolOutputTokens: number;
  /** Tokens in the specialist's first model input, without and with the filter. */
  handedOverWithout: number;
  handedOverWith: number;
  /** Rounded to 0.1. */
  savingsPercent: number;
  /** Tokens in the specialist's first model input through nestHandoffHistory. */
  handedOverNested: number;
  /** Rounded to 0.1. */
  nestedSavingsPercent: number;
  /** The compressions of the compressHandoffInput run, from `compression-end` events. */
  stats: HandoffSavings;
  /** The marker the specialist followed, or null when nothing was dropped. */
  marker: string | null;
  /** What sharedcontext_retrieve returned for it, byte for byte. */
  retrieved: string | null;
  /** Every stored original equals the tool output it replaced, byte for byte. */
  originalsIntact: boolean;
  /** The specialist's final answer. */
  answer: string;
  tokenizer: string;
}

/** What the `compression-end` events of one handoff add up to. */
export interface HandoffSavings {
  /** Agents credited (the agent handing over). */
  agents: string[];
  /** Tools whose outputs were compressed. */
  tools: string[];
  items: number;
  originalTokens: number;
  compressedTokens: number;
  /** SharedContext keys of the originals. */
  keys: string[];
}

function savingsOf(events: readonly CompressionEvent[]): HandoffSavings {
  const taken = events.filter(
    (event) => event.compressedTokens < event.originalTokens,
  );
  return {
    agents: [...new Set(taken.flatMap((event) => event.agent ?? []))],
    tools: [...new Set(taken.flatMap((event) => event.tool ?? []))],
    items: taken.length,
    originalTokens: taken.reduce((sum, event) => sum + event.originalTokens, 0),
    compressedTokens: taken.reduce(
      (sum, event) => sum + event.compressedTokens,
      0,
    ),
    keys: taken.map((event) => event.key),
  };
}

const SPECIALIST_INSTRUCTIONS =
  'You are the storage specialist. Find DataNode exceptions, failed blocks and open bug reports. ' +
  'Text like [… · sc:key#n …] stands for dropped content: call sharedcontext_retrieve with it to read it.';

type OutputItem = ModelResponse['output'][number];

function call(
  name: string,
  callId: string,
  args: Record<string, unknown> = {},
): OutputItem {
  return {
    type: 'function_call',
    name,
    callId,
    arguments: JSON.stringify(args),
    status: 'completed',
  };
}

function say(text: string): OutputItem {
  return {
    type: 'message',
    role: 'assistant',
    status: 'completed',
    content: [{ type: 'output_text', text }],
  };
}

/** The text each input item carries: messages, call arguments, tool outputs. */
function itemText(item: AgentInputItem): string {
  if (item.type === 'function_call') return item.arguments;
  if (item.type === 'function_call_result') {
    const { output } = item;
    if (typeof output === 'string') return output;
    if (Array.isArray(output))
      return output
        .map((part) => (part.type === 'input_text' ? part.text : ''))
        .join('');
    return output.type === 'text' ? output.text : '';
  }
  if ('content' in item) {
    if (typeof item.content === 'string') return item.content;
    return item.content
      .map((part) => ('text' in part ? part.text : ''))
      .join('');
  }
  return '';
}

/** One triage → specialist run on fake models; returns the specialist's requests. */
async function runIncident(
  payload: Payload,
  filter?: ReturnType<typeof compressHandoffInput | typeof nestHandoffHistory>,
) {
  const specialistModel = new FakeModel([
    // First turn: follow a marker if the handoff dropped something.
    (request) => {
      const text = (request.input as AgentInputItem[]).map(itemText).join('\n');
      const marker = /\[… [^\n]*? · sc:[^\s#\]…]+#[0-9a-z]+ …\]/u.exec(
        text,
      )?.[0];
      return marker
        ? [
            call('sharedcontext_retrieve', 'call_retrieve', {
              marker,
              key: null,
              query: null,
            }),
          ]
        : [
            say(
              'Nothing was dropped from the handoff; the DataNode IOExceptions in the logs are the cause.',
            ),
          ];
    },
    () => [
      say(
        'The ingest failed on DataNode IOExceptions (connection reset, broken pipe) while writing blocks.',
      ),
    ],
  ]);
  const ctx = filter?.ctx ?? new SharedContext({ model: 'gpt-4o' });
  const specialist = new Agent({
    name: 'Specialist',
    instructions: SPECIALIST_INSTRUCTIONS,
    model: 'specialist-model',
    tools: [createRetrievalTool({ ctx })],
  });
  const toSpecialist = handoff(
    specialist,
    filter ? { inputFilter: filter } : {},
  );
  const triageModel = new FakeModel([
    () => [
      call('fetch_logs', 'call_logs'),
      call('search_issues', 'call_issues'),
    ],
    () => [
      say('Collected the DataNode logs and the open storage issues.'),
      call(toSpecialist.toolName, 'call_handoff'),
    ],
  ]);
  const triage = new Agent({
    name: 'Triage',
    instructions: 'Collect evidence, then hand off to the right specialist.',
    model: 'triage-model',
    tools: [
      tool({
        name: 'fetch_logs',
        description: 'DataNode logs of the last night.',
        parameters: z.object({}),
        execute: () => payload.logs,
      }),
      tool({
        name: 'search_issues',
        description: 'Open storage issues.',
        parameters: z.object({}),
        execute: () => payload.issues,
      }),
    ],
    handoffs: [toSpecialist],
  });
  const runner = new Runner({
    modelProvider: new FakeModelProvider({
      'triage-model': triageModel,
      'specialist-model': specialistModel,
    }),
    tracingDisabled: true,
  });
  const result = await runner.run(
    triage,
    'The nightly ingest failed around 20:40. Find the cause.',
  );
  return { result, requests: specialistModel.requests };
}

/**
 * Triage collects a large log and an issue list, then hands off to a
 * specialist; once as the SDK does by default, once through
 * `compressHandoffInput`, once through `nestHandoffHistory`. Prints the
 * tokens the specialist was handed each time.
 */
export async function main({
  print = true,
}: {
  print?: boolean;
} = {}): Promise<DemoResult> {
  const log = print ? console.log : () => {};
  setTracingDisabled(true); // offline: no trace exporter, no warnings
  const payload = loadPayload();
  const tokenizer = tokenizerForModel('gpt-4o');
  await tokenizer.load();
  const tokens = (items: string | AgentInputItem[]) =>
    typeof items === 'string'
      ? tokenizer.count(items)
      : items.reduce((sum, item) => sum + tokenizer.count(itemText(item)), 0);
  const firstInput = (requests: ModelRequest[]) =>
    requests[0]!.input as AgentInputItem[];

  const without = await runIncident(payload);
  const ctx = new SharedContext({ model: 'gpt-4o' });
  // Stats come one way: the context's compression-end events.
  const events: CompressionEvent[] = [];
  ctx.addEventListener(COMPRESSION_END, (event) => events.push(event.detail));
  const filter = compressHandoffInput({ ctx, instructionsAsQuery: true });
  await filter.ready();
  const withFilter = await runIncident(payload, filter);
  const nest = nestHandoffHistory({
    ctx: new SharedContext({ model: 'gpt-4o' }),
  });
  await nest.ready();
  const nested = await runIncident(payload, nest);

  const stats = savingsOf(events);
  const handedOverWithout = tokens(firstInput(without.requests));
  const handedOverWith = tokens(firstInput(withFilter.requests));
  const retrieveResult =
    withFilter.requests[1] &&
    (withFilter.requests[1].input as AgentInputItem[]).find(
      (item) =>
        item.type === 'function_call_result' && item.callId === 'call_retrieve',
    );
  const retrieveCall =
    withFilter.requests[1] &&
    (withFilter.requests[1].input as AgentInputItem[]).find(
      (item) =>
        item.type === 'function_call' && item.callId === 'call_retrieve',
    );
  const marker =
    retrieveCall?.type === 'function_call'
      ? (JSON.parse(retrieveCall.arguments) as { marker: string }).marker
      : null;
  const retrieved = retrieveResult ? itemText(retrieveResult) : null;
  const originals = await Promise.all(
    stats.keys.map((key) => ctx.get(key, { full: true })),
  );
  const originalsIntact = originals.every(
    (original) => original === payload.logs || original === payload.issues,
  );
  const savingsPercent =
    Math.round((1 - handedOverWith / handedOverWithout) * 1000) / 10;
  const handedOverNested = tokens(firstInput(nested.requests));
  const nestedSavingsPercent =
    Math.round((1 - handedOverNested / handedOverWithout) * 1000) / 10;

  const result: DemoResult = {
    payloadSource: payload.source,
    toolOutputTokens: tokens(payload.logs) + tokens(payload.issues),
    handedOverWithout,
    handedOverWith,
    savingsPercent,
    handedOverNested,
    nestedSavingsPercent,
    stats,
    marker,
    retrieved,
    originalsIntact,
    answer: String(withFilter.result.finalOutput),
    tokenizer: tokenizer.name,
  };

  const number = (value: number) => value.toLocaleString('en-US');
  log(
    `OpenAI Agents handoff: Triage → Specialist (payload: ${payload.source}, tokenizer: ${tokenizer.name})\n`,
  );
  log(
    `Tool outputs collected by Triage:      ${number(result.toolOutputTokens)} tokens`,
  );
  log(
    `Handed to Specialist, default history: ${number(handedOverWithout)} tokens`,
  );
  log(
    `Handed to Specialist, compressHandoffInput: ${number(handedOverWith)} tokens (${savingsPercent}% fewer)`,
  );
  log(
    `Handed to Specialist, nestHandoffHistory:   ${number(handedOverNested)} tokens (${nestedSavingsPercent}% fewer)`,
  );
  log(
    `compression-end events: ${stats.items} items from ${stats.agents.join(', ')} (${stats.tools.join(', ')}), ${number(stats.originalTokens)} → ${number(stats.compressedTokens)} tokens`,
  );
  if (marker && retrieved !== null) {
    const [ref] = parseMarkers(marker);
    log(
      `Specialist followed ${marker} → ${number(retrieved.length)} characters back from entry ${ref?.key}`,
    );
  } else {
    log(
      'Nothing was dropped (only lossless compressors applied), so there was no marker to follow.',
    );
  }
  log(
    `Originals in the SharedContext equal the tool outputs byte for byte: ${originalsIntact ? 'yes' : 'NO'}`,
  );
  log(`Specialist: ${result.answer}`);
  return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
}
