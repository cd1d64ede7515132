import './offline.ts';
import { pathToFileURL } from 'node:url';
import {
  type ContextEntry,
  compressTeamHandoffs,
  SharedContext,
} from '@sharedcontext/crew';
import { Agent, Task, Team } from 'kaibanjs';
import { FakeLlm } from './fake-llm.ts';
import { ordersJson, serviceLog } from './generate.ts';

/** What the example measured, and what the writer agent actually received. */
export interface PipelineSummary {
  /** The two collectors' results, byte for byte. */
  originals: { log: string; orders: string };
  /** Everything the writer's model was sent. */
  writerReceived: string;
  /** The stored entries of task1 (the log) and task2 (the orders). */
  entries: ContextEntry[];
  /** The team's final result. */
  result: unknown;
  totalOriginalTokens: number;
  totalCompressedTokens: number;
  savingsPercent: number;
}

/**
 * A three-task KaibanJS crew: two collectors fetch a service log and the
 * day's orders, and a writer reports on both. `compressTeamHandoffs` makes
 * the writer receive both results compressed; the originals stay in the
 * SharedContext (and in the team's own logs).
 */
export async function main({
  print = true,
}: {
  print?: boolean;
} = {}): Promise<PipelineSummary> {
  const log = print ? console.log : () => {};
  const ctx = new SharedContext({ model: 'gpt-4o' });
  const originals = { log: serviceLog(), orders: ordersJson() };
  const writerLlm = new FakeLlm('Incident: one payment timeout at 09:13.');

  const agent = (name: string, role: string, llm: FakeLlm) =>
    new Agent({
      name,
      role,
      goal: `${role} work for the daily incident review`,
      background: 'Site reliability',
      llmInstance: llm as never,
    });
  const logs = agent('Lena', 'Log collector', new FakeLlm(originals.log));
  const orders = agent(
    'Omar',
    'Orders collector',
    new FakeLlm(originals.orders),
  );
  const writer = agent('Wren', 'Report writer', writerLlm);
  const team = new Team({
    name: 'Incident review',
    agents: [logs, orders, writer],
    tasks: [
      new Task({
        description: 'Fetch the service log for {day}.',
        expectedOutput: 'The raw log',
        agent: logs,
      }),
      new Task({
        description: 'Fetch the orders for {day}.',
        expectedOutput: 'The orders as JSON',
        agent: orders,
      }),
      new Task({
        description: 'Write the incident report for {day}.',
        expectedOutput: 'A short report',
        agent: writer,
      }),
    ],
    inputs: { day: '2026-11-24' },
    logLevel: 'error',
  });
  compressTeamHandoffs(team, { ctx, query: 'ERROR WARN failed' });

  const output = await team.start();
  const entries = [
    (await ctx.getEntry('task1'))!,
    (await ctx.getEntry('task2'))!,
  ];
  const stats = await ctx.stats();
  const summary: PipelineSummary = {
    originals,
    writerReceived: writerLlm.receivedText(),
    entries,
    result: output.result,
    totalOriginalTokens: stats.totalOriginalTokens,
    totalCompressedTokens: stats.totalCompressedTokens,
    savingsPercent: stats.savingsPercent,
  };

  log('SharedContext × KaibanJS: logs + orders → writer\n');
  for (const entry of entries) {
    log(
      `${entry.key} (${entry.agent}, ${entry.contentType})`.padEnd(36) +
        `${entry.originalTokens} → ${entry.compressedTokens} tokens (${entry.savingsPercent}%)  ${entry.transforms.join(', ')}`,
    );
  }
  log(
    `\nwriter handed ${stats.totalCompressedTokens} of ${stats.totalOriginalTokens} tokens (${stats.savingsPercent}% saved)`,
  );
  log(
    `originals intact: ${(await ctx.get('task1', { full: true })) === originals.log && (await ctx.get('task2', { full: true })) === originals.orders ? 'yes' : 'NO'}`,
  );
  log(`team result: ${String(output.result)}`);
  return summary;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
}
