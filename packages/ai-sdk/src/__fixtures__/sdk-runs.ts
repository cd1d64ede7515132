import {
  type CompressionEvent,
  InvalidArgumentError,
  parseMarkers,
  RETRIEVAL_TOOL_NAME,
  SharedContext,
} from '@sharedcontext/core';
import type * as AI from 'ai';
import { describe, expect, it } from 'vitest';
import { compressToolResults, sharedContextPrepareStep } from '../compress-tool-results.ts';
import { compressedTool, compressedTools } from '../compressed-tool.ts';
import { createRetrievalTool } from '../retrieval-tool.ts';
import { sharedContextInfo } from '../tool-output.ts';
import { logOutput, orders } from './payloads.ts';
import {
  type MockModelClass,
  outputText,
  promptToolResults,
  scriptedModel,
  type Step,
} from './scripted-model.ts';

/** The parts of the SDK the runs use, from whichever major is under test. */
export interface Sdk {
  generateText: typeof AI.generateText;
  streamText: typeof AI.streamText;
  tool: typeof AI.tool;
  jsonSchema: typeof AI.jsonSchema;
  stepCountIs: typeof AI.stepCountIs;
  ToolLoopAgent: typeof AI.ToolLoopAgent;
  Mock: MockModelClass;
}

const LOGS = logOutput(21);
const ORDERS = orders(4);

async function context(): Promise<SharedContext> {
  const ctx = new SharedContext({ model: 'gpt-4o' });
  await ctx.ready();
  return ctx;
}

/**
 * Every adapter behaviour through the SDK's real generateText/streamText
 * loop and its mock model; run once per major in the peer range.
 */
export function describeSdkRuns(label: string, sdk: Sdk): void {
  const { generateText, streamText, tool, jsonSchema, stepCountIs, ToolLoopAgent, Mock } = sdk;
  const noInput = jsonSchema<Record<string, never>>({ type: 'object', properties: {} });
  const tools = () => ({
    fetch_logs: tool({ description: 'Fetches the service logs.', inputSchema: noInput, execute: async () => LOGS }),
    fetch_orders: tool({ description: 'Lists the orders.', inputSchema: noInput, execute: async () => ORDERS }),
    ping: tool({ description: 'Checks the service.', inputSchema: noInput, execute: async () => 'pong' }),
  });
  const run = async (
    mode: 'generate' | 'stream',
    script: Step[],
    options: Record<string, unknown>,
  ) => {
    const { model, prompts } = scriptedModel<AI.LanguageModel>(script, Mock);
    const settings = { model, prompt: 'What happened?', stopWhen: stepCountIs(6), ...options } as Parameters<typeof generateText>[0];
    if (mode === 'generate') {
      const result = await generateText(settings);
      return { prompts, steps: result.steps, text: result.text };
    }
    const result = streamText(settings as Parameters<typeof streamText>[0]);
    return { prompts, steps: await result.steps, text: await result.text };
  };

  describe(`${label}: compressedTools`, () => {
    for (const mode of ['generate', 'stream'] as const)
      it(`sends the model the compressed result and the app the full one (${mode})`, async () => {
        const events: CompressionEvent[] = [];
        const ctx = new SharedContext({ model: 'gpt-4o', onCompress: (event) => events.push(event) });
        const { prompts, steps, text } = await run(
          mode,
          [
            { calls: [{ id: 'c1', name: 'fetch_logs' }, { id: 'c2', name: 'fetch_orders' }, { id: 'c3', name: 'ping' }] },
            { text: 'Two retries.' },
          ],
          { tools: compressedTools(tools(), { ctx, agent: 'ops' }) },
        );
        expect(text).toBe('Two retries.');
        const [logs, rows, pong] = promptToolResults(prompts[1]!);
        for (const [part, original] of [[logs!, LOGS], [rows!, JSON.stringify(ORDERS)]] as const) {
          const info = sharedContextInfo(part.output)!;
          expect(info.compressedTokens).toBeLessThan(info.originalTokens);
          expect(outputText(part.output).length).toBeLessThan(original.length);
          expect(await ctx.get(info.key, { full: true })).toBe(original);
          expect((await ctx.getEntry(info.key))!.agent).toBe('ops');
        }
        expect(parseMarkers(outputText(logs!.output)).length).toBeGreaterThan(0);
        expect(pong!.output).toEqual({ type: 'text', value: 'pong' });
        // One savings event per compressed result, agent and tool named.
        expect(events.map(({ agent, tool }) => ({ agent, tool }))).toEqual([
          { agent: 'ops', tool: 'fetch_logs' },
          { agent: 'ops', tool: 'fetch_orders' },
        ]);
        // The application keeps the tools' own results.
        const results = steps[0]!.toolResults.map((result) => result.output);
        expect(results).toEqual([LOGS, ORDERS, 'pong']);
      });

    it("compresses what the tool's own toModelOutput returns", async () => {
      const ctx = await context();
      const summary = tool({
        description: 'Logs as lines.',
        inputSchema: noInput,
        execute: async () => LOGS.split('\n'),
        toModelOutput: ({ output }: { output: string[] }) => ({ type: 'text' as const, value: output.join('\n') }),
      });
      const { prompts } = await run('generate', [{ calls: [{ id: 'c1', name: 'summary' }] }, { text: 'ok' }], {
        tools: { summary: compressedTool(summary, { ctx }) },
      });
      const info = sharedContextInfo(promptToolResults(prompts[1]!)[0]!.output)!;
      expect(await ctx.get(info.key, { full: true })).toBe(LOGS);
    });
  });

  describe(`${label}: createRetrievalTool`, () => {
    it('pulls back the dropped text behind a marker the model copied', async () => {
      const ctx = await context();
      let marker = '';
      const { prompts, steps } = await run(
        'generate',
        [
          { calls: [{ id: 'c1', name: 'fetch_logs' }] },
          (prompt) => {
            const ref = parseMarkers(outputText(promptToolResults(prompt)[0]!.output))[0]!;
            marker = `sc:${ref.key}#${ref.spanId}`;
            return { calls: [{ id: 'c2', name: RETRIEVAL_TOOL_NAME, input: { marker } }] };
          },
          { text: 'Found it.' },
        ],
        {
          // Wrapped together: compressedTools leaves the retrieval tool alone.
          tools: compressedTools(
            {
              fetch_logs: tools().fetch_logs,
              [RETRIEVAL_TOOL_NAME]: createRetrievalTool({ ctx }),
            },
            { ctx, minTokens: 1 },
          ),
        },
      );
      const expected = await ctx.retrieve(parseMarkers(marker)[0]!.key, { marker });
      expect(steps[1]!.toolResults[0]!.output).toBe(expected);
      const seen = promptToolResults(prompts[2]!)[1]!;
      expect(seen.output).toEqual({ type: 'text', value: expected });
      for (const line of String(expected).split('\n')) expect(LOGS).toContain(line);
    });
  });

  describe(`${label}: sharedContextPrepareStep`, () => {
    const script: Step[] = [
      { calls: [{ id: 'c1', name: 'fetch_logs' }] },
      { calls: [{ id: 'c2', name: 'fetch_orders' }] },
      { text: 'Done.' },
    ];
    for (const mode of ['generate', 'stream'] as const)
      it(`compresses earlier tool results in messages, keeping the newest (${mode})`, async () => {
        const events: CompressionEvent[] = [];
        const ctx = new SharedContext({ model: 'gpt-4o', onCompress: (event) => events.push(event) });
        const { prompts, steps } = await run(mode, script, {
          tools: tools(),
          prepareStep: sharedContextPrepareStep({ ctx, keep: { messages: 1 } }),
        });
        const [older, newest] = promptToolResults(prompts[2]!);
        expect(older!.toolCallId).toBe('c1');
        const info = sharedContextInfo(older!.output)!;
        expect(await ctx.get(info.key, { full: true })).toBe(LOGS);
        expect(outputText(newest!.output)).toBe(JSON.stringify(ORDERS));
        // Step 2 still saw the first result whole: it was the newest then.
        expect(outputText(promptToolResults(prompts[1]!)[0]!.output)).toBe(LOGS);
        expect(steps[0]!.toolResults[0]!.output).toBe(LOGS);
        // Compressed once though later steps see it again; the tool is named.
        expect(events.map((event) => event.tool)).toEqual(['fetch_logs']);
      });

    it('works in a ToolLoopAgent with compressed tools', async () => {
      const ctx = await context();
      const { model, prompts } = scriptedModel<AI.LanguageModel>(script, Mock);
      const agent = new ToolLoopAgent({
        model,
        tools: compressedTools(tools(), { ctx }),
        stopWhen: stepCountIs(6),
        prepareStep: sharedContextPrepareStep({ ctx, keep: { messages: 0 } }),
      });
      const result = await agent.generate({ prompt: 'What happened?' });
      expect(result.text).toBe('Done.');
      const seen = promptToolResults(prompts[2]!);
      expect(seen.map((part) => sharedContextInfo(part.output) !== undefined)).toEqual([true, true]);
      expect(result.steps[1]!.toolResults[0]!.output).toEqual(ORDERS);
    });

    it('waits for the trigger', async () => {
      const ctx = await context();
      const { prompts } = await run('generate', script, {
        tools: tools(),
        prepareStep: sharedContextPrepareStep({ ctx, keep: { messages: 0 }, trigger: { tokens: 10_000_000 } }),
      });
      expect(promptToolResults(prompts[2]!).map((part) => outputText(part.output))).toEqual([LOGS, JSON.stringify(ORDERS)]);
    });
  });
}

/** Option errors, independent of the SDK major. */
export function describeOptionErrors(): void {
  describe('option errors', () => {
    it('throws InvalidArgumentError for a missing ctx and malformed sizes', async () => {
      const ctx = new SharedContext();
      const bad = [
        () => compressedTool({} as never, {} as never),
        () => sharedContextPrepareStep({} as never),
        () => sharedContextPrepareStep({ ctx, keep: { messages: -1 } }),
        () => sharedContextPrepareStep({ ctx, keep: {} as never }),
        () => sharedContextPrepareStep({ ctx, trigger: {} }),
        () => createRetrievalTool({} as never),
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
      await expect(compressToolResults([], { ctx, keep: { tokens: 1.5 } })).rejects.toSatisfy(InvalidArgumentError.isInstance);
    });
  });
}
