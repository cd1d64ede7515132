import type {
  AgentInputItem,
  HandoffInputData,
  RunHandoffOutputItem,
  RunItem,
} from '@openai/agents';
import { NotReadyError, type SharedContext } from '@sharedcontext/core';
import { type ContextOptions, resolveContext } from './context-option.ts';
import {
  assertFilterOptions,
  emptyTally,
  HistoryCompressor,
  type PassOptions,
} from './history-compressor.ts';
import { itemText } from './item-text.ts';

/** Options of {@link nestHandoffHistory}. */
export interface NestHandoffHistoryOptions extends ContextOptions {
  /**
   * Tool outputs and assistant messages shorter than this many characters
   * are nested as they are, never stored.
   * @default 1000
   */
  minChars?: number;
  /** What the receiving agent will look for: matching lines and items are kept. */
  query?: string;
  /** Use the receiving agent's string `instructions` as the `query`. @default false */
  instructionsAsQuery?: boolean;
  /** Prepended to every key this filter stores. @default 'nest:' */
  keyPrefix?: string;
  /** The line before the nested transcript. @default Python's preamble */
  preamble?: string;
  /** Wraps the nested transcript. @default ['<CONVERSATION HISTORY>', '</CONVERSATION HISTORY>'] */
  wrappers?: readonly [start: string, end: string];
}

/** A handoff input filter that also exposes its SharedContext. */
export interface NestHandoffHistoryFilter {
  (input: HandoffInputData): HandoffInputData;
  /** Where the originals are. */
  readonly ctx: SharedContext;
  /** Loads what compression needs; await it once before the run. */
  ready(): Promise<void>;
}

const PREAMBLE =
  'For context, here is the conversation so far between the user and the previous agent:';
const WRAPPERS = ['<CONVERSATION HISTORY>', '</CONVERSATION HISTORY>'] as const;

/**
 * The JS counterpart of Python's `nest_handoff_history`, compressed and
 * retrievable: a synchronous `HandoffInputFilter` that folds the prior
 * transcript (history, earlier items, and this turn's items other than the
 * handoff itself) into one assistant message, wrapped in `<CONVERSATION
 * HISTORY>` and numbered. Large tool outputs and assistant messages inside
 * it are compressed, each original stored in `ctx` behind a `[… · sc:key#n
 * …]` marker that `createRetrievalTool({ ctx })` resolves. Leading system
 * messages stay in front and user turns are nested word for word; the
 * handoff call and its output stay as a pair after the summary, so no tool
 * call is ever orphaned. Await `filter.ready()` once before the run.
 *
 * @example
 * const ctx = new SharedContext({ model: 'gpt-4o' });
 * const nest = nestHandoffHistory({ ctx });
 * await nest.ready();
 * const specialist = new Agent({ name: 'Specialist', tools: [createRetrievalTool({ ctx })] });
 * const triage = new Agent({ name: 'Triage', handoffs: [handoff(specialist, { inputFilter: nest })] });
 */
export function nestHandoffHistory(
  options: NestHandoffHistoryOptions = {},
): NestHandoffHistoryFilter {
  assertFilterOptions(options);
  const ctx = resolveContext(options);
  const {
    minChars = 1000,
    query,
    instructionsAsQuery = false,
    keyPrefix = 'nest:',
    lossless,
    preamble = PREAMBLE,
    wrappers = WRAPPERS,
  } = options;
  const compressor = new HistoryCompressor(ctx, {
    minChars,
    keyPrefix,
    lossless,
  });

  const filter = (input: HandoffInputData): HandoffInputData => {
    const handoffOutput = input.newItems.find(
      (item): item is RunHandoffOutputItem =>
        item.type === 'handoff_output_item',
    );
    const target = handoffOutput?.targetAgent;
    const pass: PassOptions = {
      query:
        query ??
        (instructionsAsQuery && typeof target?.instructions === 'string'
          ? target.instructions
          : undefined),
      tally: emptyTally(),
      agent: handoffOutput?.sourceAgent.name,
    };
    const history: AgentInputItem[] =
      typeof input.inputHistory === 'string'
        ? [{ type: 'message', role: 'user', content: input.inputHistory }]
        : input.inputHistory;
    let leading = 0;
    while (leading < history.length && isSystem(history[leading]!)) leading++;
    const handoffCallId = callIdOf(handoffOutput);
    const kept = input.newItems.filter(
      (item) => handoffCallId !== undefined && callIdOf(item) === handoffCallId,
    );
    const folded = [
      ...history.slice(leading),
      ...rawItems(input.preHandoffItems),
      ...rawItems(input.newItems.filter((item) => !kept.includes(item))),
    ];
    let lines: string[];
    try {
      lines = folded.map(
        (item, index) =>
          `${index + 1}. ${describe(compressor.inputItem(item, pass))}`,
      );
    } catch (error) {
      if (NotReadyError.isInstance(error))
        throw new NotReadyError({
          what: `nestHandoffHistory(): the SharedContext's ${ctx.tokenizerName} tokenizer (await filter.ready() before run())`,
        });
      throw error;
    }
    const summary: AgentInputItem = {
      type: 'message',
      role: 'assistant',
      status: 'completed',
      content: [
        {
          type: 'output_text',
          text: [
            preamble,
            wrappers[0],
            ...(lines.length > 0 ? lines : ['(no previous turns recorded)']),
            wrappers[1],
          ].join('\n'),
        },
      ],
    };
    return {
      ...input,
      inputHistory: [...history.slice(0, leading), summary],
      preHandoffItems: [],
      newItems: kept,
    };
  };
  return Object.assign(filter, { ctx, ready: () => ctx.ready() });
}

function isSystem(item: AgentInputItem): boolean {
  return 'role' in item && item.role === 'system';
}

function callIdOf(item: RunItem | undefined): string | undefined {
  const raw = item?.rawItem as { callId?: unknown } | undefined;
  return typeof raw?.callId === 'string' ? raw.callId : undefined;
}

// Approval placeholders and reasoning are not conversation: Python leaves
// reasoning out of forwarded input too, since it can be orphaned.
function rawItems(items: readonly RunItem[]): AgentInputItem[] {
  return items
    .filter(
      (item) =>
        item.type !== 'tool_approval_item' && item.type !== 'reasoning_item',
    )
    .map((item) => item.rawItem as AgentInputItem);
}

function describe(item: AgentInputItem): string {
  if (item.type === 'function_call')
    return `tool call ${item.name} [${item.callId}]: ${item.arguments}`;
  if (item.type === 'function_call_result')
    return `tool result ${item.name} [${item.callId}]: ${itemText(item)}`;
  if ('role' in item) return `${item.role}: ${itemText(item)}`;
  return `${item.type}: ${itemText(item)}`;
}
