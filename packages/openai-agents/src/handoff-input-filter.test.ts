import {
  Agent,
  type AgentInputItem,
  type HandoffInputData,
  RunHandoffOutputItem,
  RunMessageOutputItem,
  RunToolCallOutputItem,
  user,
} from '@openai/agents';
import { assistantMessage } from '@openai/agents/testing';
import {
  type Compressor,
  InvalidArgumentError,
  NotReadyError,
  SharedContext,
} from '@sharedcontext/core';
import {
  lineDropCompressor,
  sampleJsonRecords,
  sampleServiceLog,
  storeTestText,
} from '@sharedcontext-internal/test-utils';
import { describe, expect, it } from 'vitest';
import {
  assertCallsPaired,
  inputChars,
  outputText,
  runHandoff,
  SPECIALIST_INSTRUCTIONS,
  USER_TURN,
} from './__fixtures__/handoff-scenario.ts';
import { withoutRepeats } from './__fixtures__/without-repeats.ts';
import {
  compressHandoffInput,
  type HandoffStats,
} from './handoff-input-filter.ts';

/** lineDropCompressor, recording the query each call got. */
function spyCompressor(queries: (string | undefined)[]): Compressor {
  const base = lineDropCompressor();
  return {
    ...base,
    compress(input) {
      queries.push(input.query);
      return base.compress(input);
    },
  };
}

function resultByCall(items: AgentInputItem[], callId: string): AgentInputItem {
  const found = items.find(
    (item) => item.type === 'function_call_result' && item.callId === callId,
  );
  if (!found) throw new Error(`no result for ${callId}`);
  return found;
}

describe('compressHandoffInput (generated payloads)', () => {
  const logs = sampleServiceLog();
  const issues = sampleJsonRecords();
  const toolOutputs = { fetch_logs: logs, list_issues: issues };

  it('hands the receiving model compressed tool outputs, call ids paired, prompt and user turn intact', async () => {
    const context = new SharedContext({ model: 'gpt-4o' });
    const filter = compressHandoffInput({ ctx: context });
    await filter.ready();
    const baseline = await runHandoff({ toolOutputs });
    const filtered = await runHandoff({ toolOutputs, inputFilter: filter });

    expect(filtered.result.finalOutput).toBe('done');
    expect(filtered.result.lastAgent?.name).toBe('Specialist');
    const before = baseline.specialistInput();
    const after = filtered.specialistInput();
    assertCallsPaired(after);
    expect(after.map((item) => item.type)).toEqual(
      before.map((item) => item.type),
    );
    expect(after[0]).toEqual(before[0]);
    expect(after[0]).toMatchObject({ role: 'user', content: USER_TURN });
    expect(filtered.specialistModel.firstCall?.request.systemInstructions).toBe(
      SPECIALIST_INSTRUCTIONS,
    );

    const issuesText = outputText(resultByCall(after, 'call_list_issues'));
    expect(issuesText.length).toBeLessThan(issues.length);
    expect(inputChars(after)).toBeLessThan(inputChars(before));
    for (const name of Object.keys(toolOutputs)) {
      const text = outputText(resultByCall(after, `call_${name}`));
      if (text !== toolOutputs[name as keyof typeof toolOutputs]) {
        expect(text.length).toBeLessThan(
          toolOutputs[name as keyof typeof toolOutputs].length,
        );
      }
    }

    const [stats] = filter.stats;
    expect(filter.stats).toHaveLength(1);
    expect(stats).toMatchObject({ from: 'Triage', to: 'Specialist' });
    expect(stats!.items).toBeGreaterThanOrEqual(1);
    expect(stats!.compressedTokens).toBeLessThan(stats!.originalTokens);
    const originals = await Promise.all(
      stats!.keys.map((key) => context.get(key, { full: true })),
    );
    for (const original of originals) {
      expect([logs, issues]).toContain(original);
    }
    expect(originals).toContain(issues);
  });
});

describe('compressHandoffInput', () => {
  const logs = storeTestText('datanode', 80);
  const analysis = storeTestText('analysis', 40);

  it('compresses tool outputs and long assistant messages in the items handed over', async () => {
    const context = new SharedContext({
      model: 'gpt-4o',
      compressors: [lineDropCompressor()],
      minTokens: 0,
    });
    const filter = compressHandoffInput({ ctx: context, minChars: 200 });
    await filter.ready();
    const { specialistInput, result } = await runHandoff({
      toolOutputs: { fetch_logs: logs },
      triageMessage: analysis,
      inputFilter: filter,
    });
    expect(result.finalOutput).toBe('done');
    const input = specialistInput();
    assertCallsPaired(input);
    const logText = outputText(resultByCall(input, 'call_fetch_logs'));
    expect(logText).toMatch(
      /\[… 76 lines omitted · sc:handoff:call_fetch_logs\.[0-9a-f]{8}#1 …\]/,
    );
    const message = input.find(
      (item) => item.type === 'message' && item.role === 'assistant',
    );
    expect(JSON.stringify(message)).toContain('36 lines omitted');
    expect(filter.stats[0]).toMatchObject({
      items: 2,
      from: 'Triage',
      to: 'Specialist',
    });
  });

  it('works run-wide as the run config handoffInputFilter', async () => {
    const context = new SharedContext({
      model: 'gpt-4o',
      compressors: [lineDropCompressor()],
      minTokens: 0,
    });
    const seen: HandoffStats[] = [];
    const filter = compressHandoffInput({
      context,
      minChars: 200,
      onStats: (stats) => seen.push(stats),
    });
    await filter.ready();
    const { specialistInput } = await runHandoff({
      toolOutputs: { fetch_logs: logs },
      runConfig: { handoffInputFilter: filter },
    });
    expect(
      outputText(resultByCall(specialistInput(), 'call_fetch_logs')),
    ).toContain('lines omitted');
    expect(seen).toEqual(filter.stats);
    expect(seen).toHaveLength(1);
  });

  it('compresses earlier turns given as input items, keeps the latest user turn, and survives streaming and RunState serialisation', async () => {
    const context = new SharedContext({
      model: 'gpt-4o',
      compressors: [lineDropCompressor()],
      minTokens: 0,
    });
    const filter = compressHandoffInput({ ctx: context, minChars: 200 });
    await filter.ready();
    const latest = user(`Now the ingest failed again: ${logs}`);
    const earlier: AgentInputItem[] = [
      user('What happened last night?'),
      {
        type: 'function_call',
        name: 'fetch_logs',
        callId: 'yesterday',
        arguments: '{}',
        status: 'completed',
      },
      {
        type: 'function_call_result',
        name: 'fetch_logs',
        callId: 'yesterday',
        status: 'completed',
        output: { type: 'text', text: logs },
      },
      latest,
    ];
    const { specialistInput, result } = await runHandoff({
      toolOutputs: { fetch_logs: storeTestText('tonight', 80) },
      inputFilter: filter,
      input: earlier,
      stream: true,
    });
    expect(result.finalOutput).toBe('done');
    const input = specialistInput();
    assertCallsPaired(input);
    expect(input.slice(0, 4).map((item) => item.type)).toEqual([
      'message',
      'function_call',
      'function_call_result',
      'message',
    ]);
    expect(outputText(resultByCall(input, 'yesterday'))).toContain(
      'lines omitted',
    );
    expect(outputText(resultByCall(input, 'call_fetch_logs'))).toContain(
      'lines omitted',
    );
    expect(input[3]).toEqual(latest);
    expect(filter.stats[0]!.items).toBe(2);
    const state = JSON.parse(result.state.toString()) as object;
    expect(JSON.stringify(state)).toContain('lines omitted');
  });

  it('passes the receiving agent instructions as the query when asked, and `query` over them', async () => {
    const queries: (string | undefined)[] = [];
    const context = new SharedContext({
      model: 'gpt-4o',
      compressors: [spyCompressor(queries)],
      minTokens: 0,
    });
    await context.ready();
    await runHandoff({
      toolOutputs: { fetch_logs: logs },
      inputFilter: compressHandoffInput({
        context,
        minChars: 200,
        instructionsAsQuery: true,
      }),
    });
    await runHandoff({
      toolOutputs: { fetch_logs: logs },
      inputFilter: compressHandoffInput({
        context,
        minChars: 200,
        instructionsAsQuery: true,
        query: 'blk_ exceptions',
      }),
    });
    await runHandoff({
      toolOutputs: { fetch_logs: logs },
      inputFilter: compressHandoffInput({ ctx: context, minChars: 200 }),
    });
    // The router may try a compressor once per candidate type: count puts.
    expect(withoutRepeats(queries)).toEqual([
      SPECIALIST_INSTRUCTIONS,
      'blk_ exceptions',
      undefined,
    ]);
  });

  it('leaves user and system messages, small items and string input alone', async () => {
    const context = new SharedContext({
      model: 'gpt-4o',
      compressors: [lineDropCompressor()],
      minTokens: 0,
    });
    const filter = compressHandoffInput({ ctx: context, minChars: 200 });
    await filter.ready();
    const history: AgentInputItem[] = [
      { role: 'system', content: logs },
      user(logs),
      {
        type: 'function_call',
        name: 'fetch_logs',
        callId: 'early',
        arguments: '{}',
      },
      {
        type: 'function_call_result',
        name: 'fetch_logs',
        callId: 'early',
        status: 'completed',
        output: logs,
      },
      { type: 'function_call', name: 'ping', callId: 'small', arguments: '{}' },
      {
        type: 'function_call_result',
        name: 'ping',
        callId: 'small',
        status: 'completed',
        output: 'pong',
      },
      user(`latest: ${logs}`),
    ];
    const out = filter({
      inputHistory: history,
      preHandoffItems: [],
      newItems: [],
    });
    const filtered = out.inputHistory as AgentInputItem[];
    expect(filtered).toHaveLength(history.length);
    for (const index of [0, 1, 2, 4, 5, 6])
      expect(filtered[index]).toBe(history[index]);
    expect(outputText(filtered[3]!)).toContain('lines omitted');
    expect(history[3]).toMatchObject({ output: logs });

    const asString = filter({
      inputHistory: logs,
      preHandoffItems: [],
      newItems: [],
    });
    expect(asString.inputHistory).toBe(logs);
  });

  it('returns copies of run items with the same class and fields, leaving the originals as they were', async () => {
    const context = new SharedContext({
      model: 'gpt-4o',
      compressors: [lineDropCompressor()],
      minTokens: 0,
    });
    const filter = compressHandoffInput({ ctx: context, minChars: 200 });
    await filter.ready();
    const source = new Agent({ name: 'Triage' });
    const target = new Agent({ name: 'Specialist' });
    const toolItem = new RunToolCallOutputItem(
      {
        type: 'function_call_result',
        name: 'fetch_logs',
        callId: 'c1',
        status: 'completed',
        output: { type: 'text', text: logs },
      },
      source,
      logs,
    );
    const messageItem = new RunMessageOutputItem(
      assistantMessage(analysis),
      source,
    );
    const handoffItem = new RunHandoffOutputItem(
      {
        type: 'function_call_result',
        name: 'transfer_to_specialist',
        callId: 'h1',
        status: 'completed',
        output: 'ok',
      },
      source,
      target,
    );
    const input: HandoffInputData = {
      inputHistory: [user('hi')],
      preHandoffItems: [toolItem],
      newItems: [messageItem, handoffItem],
    };
    const out = filter(input);

    const [toolCopy] = out.preHandoffItems;
    expect(toolCopy).toBeInstanceOf(RunToolCallOutputItem);
    expect(toolCopy).not.toBe(toolItem);
    expect(toolCopy).toMatchObject({
      type: 'tool_call_output_item',
      agent: source,
      output: logs,
    });
    expect(JSON.stringify(toolCopy!.rawItem)).toContain('lines omitted');
    expect(toolItem.rawItem).toMatchObject({
      output: { type: 'text', text: logs },
    });
    expect(out.newItems[0]).toBeInstanceOf(RunMessageOutputItem);
    expect((out.newItems[0] as RunMessageOutputItem).content).toContain(
      'lines omitted',
    );
    expect(messageItem.content).toBe(analysis);
    expect(out.newItems[1]).toBe(handoffItem);
    expect(filter.stats[0]).toMatchObject({
      from: 'Triage',
      to: 'Specialist',
      items: 2,
    });
  });

  it('throws NotReadyError naming filter.ready() when the context was never readied', () => {
    const lazy = {
      name: 'lazy',
      exact: false,
      loaded: false,
      load: async () => {},
      count: (text: string) => text.length,
    };
    const filter = compressHandoffInput({
      ctx: new SharedContext({ tokenizer: lazy }),
      minChars: 10,
    });
    const input: HandoffInputData = {
      inputHistory: [
        {
          type: 'function_call_result',
          name: 't',
          callId: 'c',
          status: 'completed',
          output: logs,
        },
      ],
      preHandoffItems: [],
      newItems: [],
    };
    expect(() => filter(input)).toThrow(/await filter\.ready\(\)/);
    try {
      filter(input);
    } catch (error) {
      expect(NotReadyError.isInstance(error)).toBe(true);
    }
  });

  it('rejects bad options with InvalidArgumentError', () => {
    for (const options of [
      null,
      { minChars: -1 },
      { minChars: Number.NaN },
      { keyPrefix: 3 },
    ]) {
      expect(() => compressHandoffInput(options as never)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      );
    }
    expect(
      InvalidArgumentError.isInstance(
        catchError(() => compressHandoffInput({ minChars: -1 })),
      ),
    ).toBe(true);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
