/**
 * Seeded generators of tool output for behaviour tests that must run on a
 * fresh clone (no ../shared/corpus): the same shapes as the corpus (a
 * service log, a JSON API result; search output is `generateSearchOutput`),
 * generated here because the loghub data may not be vendored. Equal seeds
 * give equal text.
 */

import { pick, seededRandom } from './seeded.ts';

const COMPONENTS = [
  'dfs.DataNode',
  'dfs.FSNamesystem',
  'net.Server',
  'ipc.Client',
];
const ROUTINE = [
  (n: () => number) =>
    `Receiving block blk_${Math.floor(n() * 1e12)} src: /10.0.${Math.floor(n() * 255)}.${Math.floor(n() * 255)}:${40000 + Math.floor(n() * 9999)}`,
  (n: () => number) =>
    `PacketResponder ${Math.floor(n() * 3)} for block blk_${Math.floor(n() * 1e12)} terminating`,
  (n: () => number) =>
    `Verification succeeded for blk_${Math.floor(n() * 1e12)} in ${Math.floor(n() * 900)} ms`,
  (n: () => number) =>
    `Served block blk_${Math.floor(n() * 1e12)} to /10.0.${Math.floor(n() * 255)}.${Math.floor(n() * 255)}`,
];
const PROBLEMS = [
  (n: () => number) =>
    `WARN Slow BlockReceiver write packet to mirror took ${1000 + Math.floor(n() * 9000)}ms`,
  (n: () => number) =>
    `ERROR DataXceiver error processing WRITE_BLOCK operation src: /10.0.${Math.floor(n() * 255)}.${Math.floor(n() * 255)}: java.io.IOException: Connection reset by peer`,
];

/** Options of {@link sampleServiceLog}. */
export interface SampleServiceLogOptions {
  /** @default 2000 */
  lines?: number;
  /** @default 7 */
  seed?: number;
}

/**
 * A service log: timestamped routine INFO lines with a few WARN and ERROR
 * lines (every 97th and 131st line), e.g. for handoff and retrieval tests.
 */
export function sampleServiceLog({
  lines = 2000,
  seed = 7,
}: SampleServiceLogOptions = {}): string {
  const next = seededRandom(seed);
  const start = Date.UTC(2026, 10, 24, 9, 0, 0);
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    const stamp = new Date(start + i * 1370).toISOString().replace('T', ' ');
    const problem = i % 97 === 41 ? 0 : i % 131 === 17 ? 1 : -1;
    const message =
      problem >= 0
        ? PROBLEMS[problem]!(next)
        : `INFO ${pick(next, ROUTINE)(next)}`;
    out.push(
      `${stamp.slice(0, 23)} ${1000 + (i % 40)} ${pick(next, COMPONENTS)}: ${message}`,
    );
  }
  return `${out.join('\n')}\n`;
}

/** Options of {@link sampleJsonRecords}. */
export interface SampleJsonRecordsOptions {
  /** @default 400 */
  count?: number;
  /** @default 11 */
  seed?: number;
}

/**
 * A pretty-printed JSON API result: `{ total_count, items: [...] }` of
 * issue-like records with nested users and labels; every 53rd is `open`
 * with a `bug` label, the rest closed.
 */
export function sampleJsonRecords({
  count = 400,
  seed = 11,
}: SampleJsonRecordsOptions = {}): string {
  const next = seededRandom(seed);
  const users = ['octocat', 'hubot', 'monalisa', 'defunkt', 'mojombo'];
  const labels = ['docs', 'enhancement', 'question', 'dependencies'];
  const start = Date.UTC(2026, 0, 1);
  const items = Array.from({ length: count }, (_, i) => {
    const bug = i % 53 === 29;
    const login = pick(next, users);
    return {
      id: 1_000_000 + i * 7,
      number: 100 + i,
      title: bug
        ? `Crash when retrying request ${i}`
        : `Update ${pick(next, labels)} for module ${Math.floor(next() * 40)}`,
      state: bug ? 'open' : 'closed',
      user: {
        login,
        id: 500 + users.indexOf(login),
        html_url: `https://github.com/${login}`,
      },
      labels: [{ name: bug ? 'bug' : pick(next, labels) }],
      comments: Math.floor(next() * 12),
      created_at: new Date(start + i * 86_400_000).toISOString(),
    };
  });
  return `${JSON.stringify({ total_count: count, items }, null, 2)}\n`;
}
