import { pathToFileURL } from 'node:url';
import {
  compressedTools,
  createRetrievalTool,
  parseMarkers,
  RETRIEVAL_TOOL_NAME,
  SharedContext,
  savingsPercent,
  sharedContextPrepareStep,
} from '@sharedcontext/ai-sdk';
import { generateText, jsonSchema, stepCountIs, streamText, tool } from 'ai';
import { loadPayloads, type Payloads } from './payloads.ts';
import { type Prompt, promptTexts, scriptedModel } from './scripted-model.ts';

/** Tokens one model step received, without and with the adapter. */
export interface StepFigure {
  label: string;
  withoutTokens: number;
  withTokens: number;
  savingsPercent: number;
}

/** What {@link main} returns (and prints). */
export interface MainResult {
  source: Payloads['source'];
  steps: StepFigure[];
  /** Every stored original equals the tool output it came from, byte for byte. */
  originalsExact: boolean;
  /** The application's `toolResults` hold the full outputs. */
  appGotFullResults: boolean;
  /** The text the retrieval tool returned for the marker the model copied. */
  retrieved: string;
  /** True when every line of `retrieved` is verbatim in a tool's output. */
  retrievedExact: boolean;
}

/** A triage agent: fetch logs and issues, pull back one dropped part, answer. */
export async function main({
  log = console.log,
}: {
  log?: (line: string) => void;
} = {}): Promise<MainResult> {
  const payloads = loadPayloads();
  const issues: unknown = JSON.parse(payloads.issues);
  const ctx = new SharedContext({ model: 'gpt-4o' });
  await ctx.ready();
  const tokens = (prompt: Prompt) =>
    promptTexts(prompt).reduce((sum, text) => sum + ctx.countTokens(text), 0);

  const noInput = jsonSchema<Record<string, never>>({
    type: 'object',
    properties: {},
  });
  const tools = {
    fetch_logs: tool({
      description: "Fetches the web server's error log.",
      inputSchema: noInput,
      execute: async () => payloads.logs,
    }),
    list_issues: tool({
      description: 'Lists the open issues (JSON).',
      inputSchema: noInput,
      execute: async () => issues,
    }),
  };
  const fetchBoth = () => ({
    calls: [
      { id: 'call_logs', name: 'fetch_logs' },
      { id: 'call_issues', name: 'list_issues' },
    ],
  });
  const answer = () => ({ text: 'The worker restarts match the open issue.' });

  // 1. Per tool: without the adapter, then with compressedTools (streamed).
  const plain = scriptedModel([fetchBoth, answer]);
  await generateText({
    model: plain.model,
    prompt: 'Why does the site return 500s?',
    tools,
    stopWhen: stepCountIs(5),
  });
  let marker = '';
  const adapted = scriptedModel([
    fetchBoth,
    (prompt) => {
      const ref = parseMarkers(promptTexts(prompt).join('\n'))[0];
      if (!ref) return answer();
      marker = `sc:${ref.key}#${ref.spanId}`;
      return {
        calls: [
          { id: 'call_back', name: RETRIEVAL_TOOL_NAME, input: { marker } },
        ],
      };
    },
    answer,
  ]);
  const streamed = streamText({
    model: adapted.model,
    prompt: 'Why does the site return 500s?',
    tools: {
      ...compressedTools(tools, { ctx, agent: 'triage' }),
      [RETRIEVAL_TOOL_NAME]: createRetrievalTool({ ctx }),
    },
    stopWhen: stepCountIs(5),
  });
  const steps = await streamed.steps;
  const appResults = steps[0]?.toolResults.map((result) => result.output) ?? [];
  const appGotFullResults =
    appResults[0] === payloads.logs &&
    JSON.stringify(appResults[1]) === JSON.stringify(issues);
  const retrieved = String(steps[1]?.toolResults[0]?.output ?? '');
  // A span may join several ranges with '\n': each line is verbatim.
  const retrievedExact =
    retrieved.length > 0 &&
    retrieved
      .split('\n')
      .every(
        (line) =>
          payloads.logs.includes(line) || JSON.stringify(issues).includes(line),
      );

  // 2. History: plain tools, prepareStep compresses earlier results.
  const oneByOne = [
    () => ({ calls: [{ id: 'call_logs', name: 'fetch_logs' }] }),
    () => ({ calls: [{ id: 'call_issues', name: 'list_issues' }] }),
    answer,
  ];
  const plainHistory = scriptedModel(oneByOne);
  await generateText({
    model: plainHistory.model,
    prompt: 'Triage the 500s.',
    tools,
    stopWhen: stepCountIs(5),
  });
  const compactHistory = scriptedModel(oneByOne);
  await generateText({
    model: compactHistory.model,
    prompt: 'Triage the 500s.',
    tools,
    stopWhen: stepCountIs(5),
    prepareStep: sharedContextPrepareStep({ ctx, keep: { messages: 1 } }),
  });

  let originalsExact = true;
  const originals = new Set([payloads.logs, JSON.stringify(issues)]);
  for (const key of await ctx.keys())
    if (!originals.has((await ctx.get(key, { full: true })) ?? ''))
      originalsExact = false;

  const figure = (
    label: string,
    without: Prompt,
    withAdapter: Prompt,
  ): StepFigure => {
    const withoutTokens = tokens(without);
    const withTokens = tokens(withAdapter);
    return {
      label,
      withoutTokens,
      withTokens,
      savingsPercent: savingsPercent(withoutTokens, withTokens),
    };
  };
  const figures = [
    figure(
      'step after the tools (compressedTools)',
      plain.prompts[1]!,
      adapted.prompts[1]!,
    ),
    figure(
      'third step (sharedContextPrepareStep)',
      plainHistory.prompts[2]!,
      compactHistory.prompts[2]!,
    ),
  ];

  log(
    `Payloads: ${payloads.source === 'corpus' ? 'shared corpus (Apache_2k.log, octokit-paginate-issues.json)' : 'seeded generator (no corpus found)'}; tokenizer ${ctx.tokenizerName}`,
  );
  log('');
  log(
    '                                          without   with adapter   saved',
  );
  for (const row of figures)
    log(
      `${row.label.padEnd(40)} ${row.withoutTokens.toLocaleString('en-US').padStart(9)}   ${row.withTokens.toLocaleString('en-US').padStart(12)}   ${row.savingsPercent}%`,
    );
  log('');
  for (const key of await ctx.keys()) {
    const entry = await ctx.getEntry(key);
    if (entry)
      log(
        `  ${entry.key.padEnd(36)} ${entry.originalTokens} → ${entry.compressedTokens} tokens (${entry.savingsPercent}% saved)`,
      );
  }
  log('');
  log(
    `Originals byte-exact: ${originalsExact}; app got full results: ${appGotFullResults}; retrieved ${retrieved.length} chars for ${marker || 'no marker'} (verbatim: ${retrievedExact})`,
  );
  return {
    source: payloads.source,
    steps: figures,
    originalsExact,
    appGotFullResults,
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
