import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The two tool outputs the triage agent collects. */
export interface Payload {
  /** Where they came from. */
  source: 'shared corpus' | 'seeded generator';
  /** A DataNode log (`fetch_logs`). */
  logs: string;
  /** GitHub issues as pretty-printed JSON (`search_issues`). */
  issues: string;
}

const here = dirname(fileURLToPath(import.meta.url));

/** `../shared/corpus` beside the checkout (or `SHAREDCONTEXT_CORPUS`). */
function corpusDir(): string {
  return (
    process.env.SHAREDCONTEXT_CORPUS ??
    resolve(here, '../../../../shared/corpus')
  );
}

/**
 * Real content from the shared corpus when it is there (loghub's HDFS log,
 * an octokit issues fixture); otherwise the same shapes from a seeded
 * generator, so the demo runs anywhere and prints the same numbers twice.
 */
export function loadPayload(): Payload {
  const dir = corpusDir();
  const logs = join(dir, 'logs/HDFS_2k.log');
  const issues = join(dir, 'json/octokit-paginate-issues.json');
  if (existsSync(logs) && existsSync(issues)) {
    return {
      source: 'shared corpus',
      logs: readFileSync(logs, 'utf8'),
      issues: readFileSync(issues, 'utf8'),
    };
  }
  return {
    source: 'seeded generator',
    logs: generatedLogs(),
    issues: generatedIssues(),
  };
}

/** mulberry32: a small deterministic PRNG. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** 2,000 HDFS-style DataNode lines, a few of them warnings and errors. */
export function generatedLogs(seed = 7): string {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T =>
    items[Math.floor(next() * items.length)]!;
  const block = () => `blk_${Math.floor(next() * 9e18) - 4e18}`;
  const ip = () =>
    `10.251.${Math.floor(next() * 255)}.${Math.floor(next() * 255)}:50010`;
  const lines: string[] = [];
  for (let index = 0; index < 2000; index++) {
    const time = `0811${10 + Math.floor(index / 400)} ${String(200000 + index * 3).slice(0, 6)}`;
    const thread = Math.floor(next() * 5000);
    const roll = next();
    if (roll < 0.01) {
      lines.push(
        `${time} ${thread} ERROR dfs.DataNode: ${ip()}:DataXceiver: java.io.IOException: Connection reset by peer`,
      );
    } else if (roll < 0.04) {
      lines.push(
        `${time} ${thread} WARN dfs.DataNode$PacketResponder: IOException in BlockReceiver.lastNodeRun: java.io.IOException: Broken pipe`,
      );
    } else {
      lines.push(
        pick([
          `${time} ${thread} INFO dfs.DataNode$PacketResponder: PacketResponder ${Math.floor(next() * 3)} for block ${block()} terminating`,
          `${time} ${thread} INFO dfs.DataNode$DataXceiver: Receiving block ${block()} src: /${ip()} dest: /${ip()}`,
          `${time} ${thread} INFO dfs.FSNamesystem: BLOCK* NameSystem.addStoredBlock: blockMap updated: ${ip()} is added to ${block()} size 67108864`,
        ]),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}

/** 60 GitHub-style issues, pretty-printed like a recorded API response. */
export function generatedIssues(seed = 11): string {
  const next = random(seed);
  const titles = [
    'DataNode drops packets under load',
    'Flaky ingest job',
    'Block report timeout',
    'Docs: replication factor',
    'NameNode GC pauses',
  ];
  const issues = Array.from({ length: 60 }, (_, index) => ({
    url: `https://api.github.com/repos/acme/storage/issues/${index + 1}`,
    number: index + 1,
    title: titles[Math.floor(next() * titles.length)],
    state: next() < 0.3 ? 'closed' : 'open',
    user: {
      login: `user${Math.floor(next() * 40)}`,
      id: 1000 + Math.floor(next() * 9000),
      type: 'User',
    },
    labels: next() < 0.4 ? [{ name: 'bug', color: 'd73a4a' }] : [],
    comments: Math.floor(next() * 30),
    created_at: `2026-0${1 + Math.floor(next() * 9)}-1${Math.floor(next() * 9)}T0${Math.floor(next() * 9)}:00:00Z`,
    body: 'Seen during the nightly ingest; see attached DataNode logs.',
  }));
  return `${JSON.stringify(issues, null, 2)}\n`;
}
