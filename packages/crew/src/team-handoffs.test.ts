import './__fixtures__/telemetry-off.ts';
import {
  sampleJsonRecords,
  sampleServiceLog,
} from '@sharedcontext-internal/test-utils';
import { Agent, Task, Team } from 'kaibanjs';
import { describe, expect, it } from 'vitest';
import { RecordingChatModel } from './__fixtures__/recording-chat-model.ts';
import { InvalidArgumentError, parseMarkers, SharedContext } from './index.ts';
import { compressTeamHandoffs } from './team-handoffs.ts';

function crew(
  researchOutput: string,
  writerDescription = 'Write a status report.',
) {
  const researcherLlm = new RecordingChatModel([researchOutput]);
  const writerLlm = new RecordingChatModel(['Report: three issues open.']);
  const researcher = new Agent({
    name: 'Riley',
    role: 'Researcher',
    goal: 'Collect the raw data',
    background: 'Data gathering',
    llmInstance: researcherLlm as never,
  });
  const writer = new Agent({
    name: 'Wren',
    role: 'Writer',
    goal: 'Summarise findings',
    background: 'Technical writing',
    llmInstance: writerLlm as never,
  });
  const research = new Task({
    description: 'Fetch the open issues of {repo}.',
    expectedOutput: 'The issues as JSON',
    agent: researcher,
  });
  const report = new Task({
    description: writerDescription,
    expectedOutput: 'A short report',
    agent: writer,
  });
  const team = new Team({
    name: 'Issue triage',
    agents: [researcher, writer],
    tasks: [research, report],
    inputs: { repo: 'octokit/fixtures' },
    logLevel: 'error',
  });
  return { team, writerLlm };
}

describe('compressTeamHandoffs', () => {
  const issues = sampleJsonRecords();

  it('hands the next task the compressed result and keeps the original', async () => {
    const ctx = new SharedContext();
    const { team, writerLlm } = crew(issues);
    compressTeamHandoffs(team, { ctx });
    const output = await team.start();

    expect(output.status).toBe('FINISHED');
    expect(output.result).toBe('Report: three issues open.');
    const entry = await ctx.getEntry('task1');
    expect(entry!.original).toBe(issues);
    expect(entry!.agent).toBe('Riley');
    expect(entry!.compressedTokens).toBeLessThan(entry!.originalTokens);
    const received = writerLlm.receivedText();
    expect(received).toContain(entry!.compressed);
    expect(received).not.toContain(issues);
    const done = team
      .getStore()
      .getState()
      .workflowLogs.filter(
        (log) =>
          log.logType === 'TaskStatusUpdate' && log.taskStatus === 'DONE',
      )
      .map((log) => (log.metadata as { result?: unknown }).result);
    expect(done).toEqual([issues, 'Report: three issues open.']);
  });

  it('fills {taskResult:task1} placeholders with the compressed result', async () => {
    const ctx = new SharedContext();
    const { team, writerLlm } = crew(
      issues,
      'Write a status report from: {taskResult:task1}',
    );
    compressTeamHandoffs(team, { ctx });
    await team.start();

    const entry = await ctx.getEntry('task1');
    const received = writerLlm.receivedText();
    expect(received).toContain(`from: ${entry!.compressed}`);
    expect(received).not.toContain(issues);
  });

  it('resolves every marker the next agent saw', async () => {
    const ctx = new SharedContext();
    const log = sampleServiceLog({ seed: 23 });
    const { team, writerLlm } = crew(log);
    compressTeamHandoffs(team, { ctx, query: 'Failed password' });
    await team.start();

    expect(await ctx.get('task1', { full: true })).toBe(log);
    for (const ref of parseMarkers(writerLlm.receivedText())) {
      const span = await ctx.retrieve(ref.key, {
        marker: `${ref.key}#${ref.spanId}`,
      });
      // A span may join several ranges of the original with '\n'.
      for (const line of span!.split('\n')) expect(log).toContain(line);
    }
  });

  it('stores each result once and compresses every earlier result a task receives', async () => {
    const ctx = new SharedContext();
    const log = sampleServiceLog();
    const llms = [
      new RecordingChatModel([issues]),
      new RecordingChatModel([log]),
      new RecordingChatModel(['Done.']),
    ];
    const agents = llms.map(
      (llm, i) =>
        new Agent({
          name: `agent${i + 1}`,
          role: 'Analyst',
          goal: 'Work the task',
          background: 'Operations',
          llmInstance: llm as never,
        }),
    );
    const tasks = agents.map(
      (agent, i) =>
        new Task({
          description: `Step ${i + 1} of the incident review.`,
          expectedOutput: 'Findings',
          agent,
        }),
    );
    const team = new Team({ name: 'Review', agents, tasks, logLevel: 'error' });
    compressTeamHandoffs(team, { ctx });
    await team.start();

    expect((await ctx.keys()).sort()).toEqual(['task1', 'task2']);
    const first = await ctx.getEntry('task1');
    const second = await ctx.getEntry('task2');
    expect(first!.original).toBe(issues);
    expect(second!.original).toBe(log);
    const third = llms[2]!.receivedText();
    expect(third).toContain(first!.compressed);
    expect(third).not.toContain(issues);
    if (second!.compressedTokens < second!.originalTokens) {
      expect(third).toContain(second!.compressed);
    }
    expect(llms[1]!.receivedText()).toContain(first!.compressed);
  });

  it('restores the team when uninstalled', async () => {
    const ctx = new SharedContext();
    const { team, writerLlm } = crew(issues);
    const uninstall = compressTeamHandoffs(team, { ctx });
    uninstall();
    await team.start();

    expect(writerLlm.receivedText()).toContain(issues);
    expect(await ctx.keys()).toEqual([]);
  });
});

describe('compressTeamHandoffs', () => {
  it('hands small results over unchanged', async () => {
    const ctx = new SharedContext();
    const { team, writerLlm } = crew('Three issues: #1, #2, #3.');
    compressTeamHandoffs(team, { ctx });
    await team.start();

    expect(writerLlm.receivedText()).toContain(
      'Result: Three issues: #1, #2, #3.',
    );
    expect(await ctx.keys()).toEqual([]);
  });

  it('uses the key and query you give it', async () => {
    const ctx = new SharedContext({ compressors: [] });
    const results = Array.from({ length: 200 }, (_, i) => `row ${i}`).join(
      '\n',
    );
    const { team } = crew(results);
    const asked: string[] = [];
    compressTeamHandoffs(team, {
      ctx,
      key: (task, index) => `triage/${index}/${task.title || 'untitled'}`,
      query: (task) => {
        asked.push(task.description);
        return 'row 7';
      },
    });
    await team.start();

    expect(await ctx.keys()).toEqual(['triage/0/untitled']);
    expect(asked).toEqual(['Write a status report.']);
    expect(await ctx.get('triage/0/untitled', { full: true })).toBe(results);
  });

  it('throws InvalidArgumentError for a value that is not a Team', () => {
    let error: unknown;
    try {
      compressTeamHandoffs({} as never, { ctx: new SharedContext() });
    } catch (caught) {
      error = caught;
    }
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
  });
});
