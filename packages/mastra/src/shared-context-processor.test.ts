import { Agent } from '@mastra/core/agent';
import { createTool } from '@mastra/core/tools';
import {
  sampleJsonRecords,
  sampleServiceLog,
} from '@sharedcontext-internal/test-utils';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { thrown } from './__fixtures__/payloads.ts';
import { promptTexts, scriptedModel } from './__fixtures__/scripted-model.ts';
import { InvalidArgumentError, parseMarkers, SharedContext } from './index.ts';
import { sharedContextProcessor } from './shared-context-processor.ts';

function toolResultsIn(
  prompt: ReturnType<typeof scriptedModel>['prompts'][number],
): string[] {
  return prompt
    .filter((message) => message.role === 'tool')
    .flatMap((message) => promptTexts([message]));
}

function agentWith(ctx: SharedContext, payload: string, turns = 2) {
  const { model, prompts } = scriptedModel([
    { tool: 'fetchIssues', input: { repo: 'octokit' }, id: 'call-1' },
    ...(turns > 2 ? [{ tool: 'fetchIssues', input: { repo: 'x' } }] : []),
    { text: 'Three issues are open.' },
  ]);
  const fetchIssues = createTool({
    id: 'fetchIssues',
    description: 'Lists the issues of a repository as the API returns them.',
    inputSchema: z.object({ repo: z.string() }),
    execute: async () => payload,
  });
  const agent = new Agent({
    id: 'triage',
    name: 'triage',
    instructions: 'Answer from the tool results.',
    model,
    tools: { fetchIssues },
    inputProcessors: [sharedContextProcessor({ ctx })],
  });
  return { agent, prompts };
}

describe('sharedContextProcessor', () => {
  const issues = sampleJsonRecords();

  it('compresses a large tool result before the next model call sees it', async () => {
    const ctx = new SharedContext();
    const { agent, prompts } = agentWith(ctx, issues);
    const result = await agent.generate('Which issues are open?');

    expect(result.text).toBe('Three issues are open.');
    expect(prompts).toHaveLength(2);
    const entry = await ctx.getEntry('fetchIssues-call-1');
    expect(entry).not.toBeNull();
    expect(entry!.original).toBe(issues);
    expect(entry!.compressedTokens).toBeLessThan(entry!.originalTokens);
    const seen = toolResultsIn(prompts[1]!);
    expect(seen).toEqual([entry!.compressed]);
    expect(seen[0]!.length).toBeLessThan(issues.length);
  });

  it('leaves the original in the run result and in the store', async () => {
    const ctx = new SharedContext();
    const { agent } = agentWith(ctx, issues);
    const result = await agent.generate('Which issues are open?');

    const toolResult = result.toolResults[0] as {
      payload: { result: unknown };
    };
    expect(toolResult.payload.result).toBe(issues);
    expect(await ctx.get('fetchIssues-call-1', { full: true })).toBe(issues);
  });

  it('resolves every marker the model saw to a part of the original', async () => {
    const ctx = new SharedContext();
    const log = sampleServiceLog();
    const { agent, prompts } = agentWith(ctx, log);
    await agent.generate('Any failing blocks?');

    const seen = toolResultsIn(prompts[1]!).join('\n');
    const entry = await ctx.getEntry('fetchIssues-call-1');
    expect(entry!.original).toBe(log);
    expect(seen).toBe(
      entry!.compressedTokens < entry!.originalTokens ? entry!.compressed : log,
    );
    for (const ref of parseMarkers(seen)) {
      const span = await ctx.resolveMarker(`sc:${ref.key}#${ref.spanId}`);
      expect(span).not.toBeNull();
      expect(log).toContain(span!.split('\n')[0]);
    }
  });

  it('stores each tool result once across the steps of a run', async () => {
    const ctx = new SharedContext();
    const { agent, prompts } = agentWith(ctx, issues, 3);
    await agent.generate('Which issues are open?');

    expect(prompts).toHaveLength(3);
    const [first] = toolResultsIn(prompts[1]!);
    expect(toolResultsIn(prompts[2]!)[0]).toBe(first);
    expect((await ctx.keys()).sort()).toEqual([
      'fetchIssues-call-1',
      'fetchIssues-call-2',
    ]);
  });

  it('compresses a large handed-over user message', async () => {
    const ctx = new SharedContext();
    const { model, prompts } = scriptedModel([{ text: 'ok' }]);
    const agent = new Agent({
      id: 'writer',
      name: 'writer',
      instructions: 'Summarise what you are handed.',
      model,
      inputProcessors: [sharedContextProcessor({ ctx })],
    });
    await agent.generate([
      { role: 'user', content: issues },
      { role: 'user', content: 'Summarise the issues above.' },
    ]);

    const [key] = await ctx.keys();
    expect(key).toMatch(/^msg-/);
    const entry = await ctx.getEntry(key!);
    expect(entry!.original).toBe(issues);
    const seen = promptTexts(prompts[0]!);
    expect(seen).toContain(entry!.compressed);
    expect(seen).not.toContain(issues);
    expect(seen).toContain('Summarise the issues above.');
  });
});

describe('sharedContextProcessor', () => {
  it('leaves small tool results alone and writes nothing', async () => {
    const ctx = new SharedContext();
    const { agent, prompts } = agentWith(ctx, '{"open": 3}');
    await agent.generate('How many?');

    expect(toolResultsIn(prompts[1]!)).toEqual(['{"open": 3}']);
    expect(await ctx.keys()).toEqual([]);
  });

  it('passes text that already carries markers through untouched', async () => {
    const ctx = new SharedContext();
    const { model, prompts } = scriptedModel([{ text: 'ok' }]);
    const agent = new Agent({
      id: 'writer',
      name: 'writer',
      instructions: 'Summarise.',
      model,
      inputProcessors: [sharedContextProcessor({ ctx, minChars: 10 })],
    });
    const handed = `${'x'.repeat(2000)}\n[… 340 lines omitted · sc:logs#3 …]`;
    await agent.generate(handed);

    expect(promptTexts(prompts[0]!)).toContain(handed);
    expect(await ctx.keys()).toEqual([]);
  });

  it('throws InvalidArgumentError without a SharedContext', () => {
    const error = thrown(() =>
      sharedContextProcessor({ ctx: {} as SharedContext }),
    );
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ parameter: 'ctx' });
  });
});
