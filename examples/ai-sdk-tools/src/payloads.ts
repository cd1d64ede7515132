import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The tool results the agent fetches. */
export interface Payloads {
  /** A service log (2,000 lines). */
  logs: string;
  /** An issue list (JSON). */
  issues: string;
  /** Where they came from: the shared corpus or the seeded generator. */
  source: 'corpus' | 'generated';
}

const here = dirname(fileURLToPath(import.meta.url));

// mulberry32: a fresh clone without the corpus still gets the same
// realistic-looking payloads on every run.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

function generatedLogs(next: () => number): string {
  const events = [
    'Accepted publickey for deploy from {ip} port {port} ssh2',
    'Failed password for invalid user admin from {ip} port {port} ssh2',
    'Connection closed by {ip} [preauth]',
    'Received disconnect from {ip}: 11: Bye Bye [preauth]',
  ];
  return Array.from({ length: 2000 }, (_, index) => {
    const ip = `10.${Math.floor(next() * 4)}.${Math.floor(next() * 250)}.${Math.floor(next() * 250)}`;
    const event = events[Math.floor(next() ** 2 * events.length)]!.replace(
      '{ip}',
      ip,
    ).replace('{port}', String(30000 + Math.floor(next() * 30000)));
    const second = String(index % 60).padStart(2, '0');
    return `Mar 14 06:${String(Math.floor(index / 60) % 60).padStart(2, '0')}:${second} gateway sshd[${20000 + Math.floor(next() * 9000)}]: ${event}`;
  }).join('\n');
}

function generatedIssues(next: () => number): string {
  const words = ['login', 'timeout', 'gateway', 'token', 'retry', 'session'];
  const items = Array.from({ length: 120 }, (_, index) => ({
    number: 4000 + index,
    title: `${words[Math.floor(next() * words.length)]} ${words[Math.floor(next() * words.length)]} fails after upgrade`,
    state: next() < 0.3 ? 'closed' : 'open',
    labels: [{ name: next() < 0.5 ? 'bug' : 'question' }],
    comments: Math.floor(next() * 40),
    user: { login: `user${Math.floor(next() * 500)}`, type: 'User' },
    created_at: new Date(
      Date.UTC(2026, 0, 1) + index * 86_400_000,
    ).toISOString(),
  }));
  return JSON.stringify({ total_count: items.length, items }, null, 2);
}

/**
 * Real corpus payloads when `../shared/corpus` is present (or
 * `SHAREDCONTEXT_CORPUS` points at one), else seeded synthetic ones; set
 * `SHAREDCONTEXT_EXAMPLE_GENERATED=1` to force the generator.
 */
export function loadPayloads(): Payloads {
  const dir =
    process.env.SHAREDCONTEXT_CORPUS ??
    resolve(here, '../../../../shared/corpus');
  const logs = join(dir, 'logs/Apache_2k.log');
  const issues = join(dir, 'json/octokit-paginate-issues.json');
  if (
    process.env.SHAREDCONTEXT_EXAMPLE_GENERATED !== '1' &&
    existsSync(logs) &&
    existsSync(issues)
  )
    return {
      logs: readFileSync(logs, 'utf8'),
      issues: readFileSync(issues, 'utf8'),
      source: 'corpus',
    };
  const next = random(17);
  return {
    logs: generatedLogs(next),
    issues: generatedIssues(next),
    source: 'generated',
  };
}
