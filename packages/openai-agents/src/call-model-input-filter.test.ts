import { Agent, type AgentInputItem, Runner, tool } from '@openai/agents';
import {
  assistantMessage,
  functionCall,
  modelResponder,
  ScriptedModel,
} from '@openai/agents/testing';
import {
  memoryDriver,
  SharedContext,
  type StoreDriver,
  StoreDriverError,
} from '@sharedcontext/core';
import {
  lineDropCompressor,
  storeTestText,
} from '@sharedcontext-internal/test-utils';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  assertCallsPaired,
  outputText,
  runHandoff,
  USER_TURN,
} from './__fixtures__/handoff-scenario.ts';
import { withoutRepeats } from './__fixtures__/without-repeats.ts';
import {
  type CompressModelInputFilter,
  compressModelInput,
} from './call-model-input-filter.ts';
import { compressHandoffInput } from './handoff-input-filter.ts';

const LOGS = storeTestText('datanode', 80);

/** An async store (like Redis) over a Map; `written` shows what reached it. */
function asyncDriver({ failWrites = false } = {}) {
  const inner = memoryDriver();
  const written = new Set<string>();
  const later = () => new Promise<void>((resolve) => setImmediate(resolve));
  const driver: StoreDriver = {
    specificationVersion: 'v1',
    name: 'async-test',
    async get(key) {
      await later();
      return inner.get(key);
    },
    async set(key, record, options) {
      await later();
      if (failWrites) throw new Error('disk full');
      written.add(key);
      return inner.set(key, record, options);
    },
    async delete(key) {
      await later();
      return inner.delete(key);
    },
    async list() {
      await later();
      return inner.list();
    },
    async clear() {
      await later();
      inner.clear();
    },
  };
  return { driver, written };
}

/** One agent that calls fetch_logs, then answers from what its model got. */
async function runAnalyst(filter: CompressModelInputFilter) {
  const seen: { input: AgentInputItem[]; systemInstructions?: string }[] = [];
  const model = new ScriptedModel([
    [functionCall('fetch_logs', {}, { callId: 'call_logs' })],
    modelResponder((call) => {
      seen.push({
        input: call.request.input as AgentInputItem[],
        ...(call.request.systemInstructions === undefined
          ? {}
          : { systemInstructions: call.request.systemInstructions }),
      });
      return [assistantMessage('done')];
    }),
  ]);
  const fetchLogs = tool({
    name: 'fetch_logs',
    description: 'Returns the DataNode logs.',
    parameters: z.object({}),
    execute: () => LOGS,
  });
  const agent = new Agent({
    name: 'Analyst',
    instructions: 'Find failed blocks.',
    model,
    tools: [fetchLogs],
  });
  const runner = new Runner({
    tracingDisabled: true,
    callModelInputFilter: filter,
  });
  const result = await runner.run(agent, USER_TURN);
  return { result, model, seen };
}

describe('compressModelInput', () => {
  it('compresses large tool outputs before each model call and keeps instructions and user turn', async () => {
    const context = new SharedContext({
      model: 'gpt-4o',
      compressors: [lineDropCompressor()],
      minTokens: 0,
    });
    const filter = compressModelInput({ ctx: context, minChars: 200 });
    const { result, seen } = await runAnalyst(filter);

    expect(result.finalOutput).toBe('done');
    const [second] = seen;
    assertCallsPaired(second!.input);
    expect(second!.systemInstructions).toBe('Find failed blocks.');
    expect(second!.input[0]).toMatchObject({
      role: 'user',
      content: USER_TURN,
    });
    const output = outputText(
      second!.input.find((item) => item.type === 'function_call_result')!,
    );
    expect(output).toMatch(
      /76 lines omitted · sc:model:call_logs\.[0-9a-f]{8}#1/,
    );
    expect(filter.stats.map((stats) => stats.items)).toEqual([0, 1]);
    expect(filter.stats[1]).toMatchObject({ agent: 'Analyst' });
    expect(await context.get(filter.stats[1]!.keys[0]!, { full: true })).toBe(
      LOGS,
    );
    // The run's own history keeps the original.
    expect(JSON.stringify(result.history)).toContain(
      JSON.stringify(LOGS).slice(1, -1),
    );
  });

  it('makes every original durable on an async store before the model is called', async () => {
    const { driver, written } = asyncDriver();
    const context = new SharedContext({
      model: 'gpt-4o',
      store: driver,
      compressors: [lineDropCompressor()],
      minTokens: 0,
    });
    const handoffFilter = compressHandoffInput({ ctx: context, minChars: 200 });
    await handoffFilter.ready();
    let writtenAtModelCall: string[] = [];
    const modelFilter = compressModelInput({ ctx: context, minChars: 200 });
    const { specialistInput, result } = await runHandoff({
      toolOutputs: { fetch_logs: LOGS },
      inputFilter: handoffFilter,
      runConfig: { callModelInputFilter: modelFilter },
      specialistSteps: [
        modelResponder(() => {
          writtenAtModelCall = [...written];
          return [assistantMessage('done')];
        }),
      ],
    });
    expect(result.finalOutput).toBe('done');
    const handoffKeys = handoffFilter.stats[0]!.keys;
    expect(handoffKeys).toHaveLength(1);
    expect(writtenAtModelCall).toEqual(expect.arrayContaining(handoffKeys));
    // What the handoff filter compressed is not compressed a second time.
    expect(modelFilter.stats.at(-1)).toMatchObject({
      agent: 'Specialist',
      items: 0,
    });
    const output = outputText(
      specialistInput().find((item) => item.type === 'function_call_result')!,
    );
    expect(output).toContain(`sc:${handoffKeys[0]}#1`);
  });

  it('fails the run with StoreDriverError before the model sees a marker whose original could not be written', async () => {
    const { driver } = asyncDriver({ failWrites: true });
    const context = new SharedContext({
      model: 'gpt-4o',
      store: driver,
      compressors: [lineDropCompressor()],
      minTokens: 0,
    });
    const filter = compressModelInput({ ctx: context, minChars: 200 });
    const failure = await runAnalyst(filter).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(StoreDriverError.isInstance(failure)).toBe(true);
    expect((failure as Error).message).toMatch(/disk full/);
    // No record for the failed call; the original is still held by the
    // context, readable, and retried by the next flush().
    expect(filter.stats.map((stats) => stats.items)).toEqual([0]);
    const keys = await context.keys();
    expect(keys).toEqual([expect.stringMatching(/^model:call_logs\./)]);
    expect(await context.get(keys[0]!, { full: true })).toBe(LOGS);
  });

  it('uses the calling agent instructions as the query when asked', async () => {
    const queries: (string | undefined)[] = [];
    const base = lineDropCompressor();
    const context = new SharedContext({
      model: 'gpt-4o',
      minTokens: 0,
      compressors: [
        {
          ...base,
          compress(input) {
            queries.push(input.query);
            return base.compress(input);
          },
        },
      ],
    });
    await runAnalyst(
      compressModelInput({
        ctx: context,
        minChars: 200,
        instructionsAsQuery: true,
      }),
    );
    // The router may try a compressor once per candidate type: count puts.
    expect(withoutRepeats(queries)).toEqual(['Find failed blocks.']);
  });

  it('rejects bad options with InvalidArgumentError', () => {
    expect(() => compressModelInput({ minChars: -5 })).toThrow(
      expect.objectContaining({
        code: 'INVALID_ARGUMENT',
        parameter: 'minChars',
      }),
    );
  });
});
