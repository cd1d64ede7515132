import { pathToFileURL } from 'node:url';
import { Agent } from '@mastra/core/agent';
import { createStep, createWorkflow } from '@mastra/core/workflows';
import {
  compressedStep,
  createRetrievalTool,
  parseMarkers,
  SharedContext,
  sharedContextProcessor,
} from '@sharedcontext/mastra';
import { MockLanguageModelV3 } from 'ai/test';
import { z } from 'zod';
import { ordersJson } from './generate.ts';

type Prompt = Parameters<MockLanguageModelV3['doGenerate']>[0]['prompt'];

/** What the example measured, and what the analyst actually received. */
export interface WorkflowSummary {
  /** The collector's output, byte for byte. */
  original: string;
  /** What the analyse step received as `inputData.orders`. */
  received: string;
  /** Every text the analyst's model was sent on its first call. */
  modelSaw: string[];
  /** What the retrieval tool gave the model back (asked for ord_100003). */
  retrieved: string;
  /** Each marker the analyse step received, with the original text it resolves to. */
  markers: Array<{ marker: string; original: string | null }>;
  answer: string;
  originalTokens: number;
  compressedTokens: number;
  savingsPercent: number;
  tokenizer: string;
}

// Offline stand-in for an LLM: the AI SDK's MockLanguageModelV3. On its
// first call it asks the retrieval tool for one order in full (the kind of
// detail compression may drop); then it answers.
function analystModel(prompts: Prompt[]): MockLanguageModelV3 {
  const usage = {
    inputTokens: { total: 0, noCache: 0, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: 0, text: 0, reasoning: 0 },
  };
  return new MockLanguageModelV3({
    doGenerate: async ({ prompt }) => {
      prompts.push(prompt);
      if (prompts.length === 1) {
        const input = { key: 'orders', query: 'ord_100003' };
        return {
          content: [
            {
              type: 'tool-call',
              toolCallId: 'retrieve-1',
              toolName: 'sharedcontext_retrieve',
              input: JSON.stringify(input),
            },
          ],
          finishReason: { unified: 'tool-calls', raw: undefined },
          usage,
          warnings: [],
        };
      }
      return {
        content: [
          { type: 'text', text: 'Five orders failed: payment timeouts.' },
        ],
        finishReason: { unified: 'stop', raw: undefined },
        usage,
        warnings: [],
      };
    },
  });
}

function texts(prompt: Prompt, role: 'user' | 'tool'): string[] {
  const out: string[] = [];
  for (const message of prompt) {
    if (message.role !== role || typeof message.content === 'string') continue;
    for (const part of message.content) {
      if (part.type === 'text') out.push(part.text);
      if (part.type === 'tool-result' && part.output.type === 'text') {
        out.push(part.output.value);
      }
      if (part.type === 'tool-result' && part.output.type === 'json') {
        out.push(JSON.stringify(part.output.value));
      }
    }
  }
  return out;
}

/**
 * A two-step Mastra workflow: `collect` fetches 300 orders, and
 * `compressedStep` hands them to `analyse` compressed; the analyst agent
 * pulls the failed orders back through the retrieval tool.
 */
export async function main({
  print = true,
}: {
  print?: boolean;
} = {}): Promise<WorkflowSummary> {
  const log = print ? console.log : () => {};
  const ctx = new SharedContext({ model: 'gpt-4o' });
  const original = ordersJson();
  const prompts: Prompt[] = [];
  const received: string[] = [];

  const analyst = new Agent({
    id: 'analyst',
    name: 'analyst',
    instructions: 'Find failed orders. Expand [… sc:… …] markers if needed.',
    model: analystModel(prompts),
    tools: { sharedcontext_retrieve: createRetrievalTool({ ctx }) },
    inputProcessors: [sharedContextProcessor({ ctx })],
  });

  const collect = createStep({
    id: 'collect',
    inputSchema: z.object({ day: z.string() }),
    outputSchema: z.object({ orders: z.string() }),
    execute: async () => ({ orders: original }),
  });
  const analyse = createStep({
    id: 'analyse',
    inputSchema: z.object({ orders: z.string() }),
    outputSchema: z.object({ answer: z.string() }),
    execute: async ({ inputData }) => {
      received.push(inputData.orders);
      const result = await analyst.generate(
        `Orders (full list stored under key "orders"):\n${inputData.orders}\n\nWhich orders failed, and why?`,
      );
      return { answer: result.text };
    },
  });
  const workflow = createWorkflow({
    id: 'order-review',
    inputSchema: z.object({ day: z.string() }),
    outputSchema: z.object({ answer: z.string() }),
  })
    .then(
      compressedStep(collect, {
        ctx,
        key: () => 'orders',
        query: 'failed PAYMENT_TIMEOUT',
      }),
    )
    .then(analyse)
    .commit();

  const run = await workflow.createRun();
  const result = await run.start({ inputData: { day: '2026-11-24' } });
  if (result.status !== 'success') {
    throw new Error(`workflow ${result.status}`);
  }
  const entry = (await ctx.getEntry('orders'))!;
  const summary: WorkflowSummary = {
    original,
    received: received[0]!,
    modelSaw: texts(prompts[0]!, 'user'),
    retrieved: texts(prompts[1]!, 'tool').join('\n'),
    markers: await Promise.all(
      parseMarkers(received[0]!).map(async ({ key, spanId }) => ({
        marker: `sc:${key}#${spanId}`,
        original: await ctx.resolveMarker(`sc:${key}#${spanId}`),
      })),
    ),
    answer: result.result.answer,
    originalTokens: entry.originalTokens,
    compressedTokens: entry.compressedTokens,
    savingsPercent: entry.savingsPercent,
    tokenizer: entry.tokenizer,
  };

  log('SharedContext × Mastra: collect → analyse\n');
  log(
    `collect output     ${summary.originalTokens} tokens (${entry.tokenizer})`,
  );
  log(
    `analyse received   ${summary.compressedTokens} tokens (${entry.transforms.join(', ')})`,
  );
  log(`saved              ${summary.savingsPercent}%`);
  log(
    `markers handed on  ${summary.markers.map((m) => m.marker).join(', ') || 'none'}`,
  );
  log(`retrieval tool     ${summary.retrieved.length} chars back to the model`);
  log(
    `original intact    ${(await ctx.get('orders', { full: true })) === original ? 'yes' : 'NO'}`,
  );
  log(`answer             ${summary.answer}`);
  return summary;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
}
