import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The tool results the researcher fetches. */
export interface Payloads {
  /** An HDFS log (2,000 lines). */
  logs: string;
  /** An npm package search result (JSON array of 1,500 packages). */
  packages: string;
  /** Where they came from: the shared corpus or the seeded generator. */
  source: 'corpus' | 'generated';
}

const here = dirname(fileURLToPath(import.meta.url));

function corpusDir(): string {
  return (
    process.env.SHAREDCONTEXT_CORPUS ??
    resolve(here, '../../../../shared/corpus')
  );
}

// A small seeded PRNG (mulberry32) so a fresh clone without the corpus
// still gets the same realistic-looking payloads on every run.
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generatedLogs(next: () => number): string {
  const lines: string[] = [];
  for (let index = 0; index < 2000; index++) {
    const block = `blk_${Math.floor(next() * 1e18) - 5e17}`;
    const host = `10.250.${Math.floor(next() * 20)}.${Math.floor(next() * 250)}`;
    const time = `081109 ${String(200000 + index * 3).padStart(6, '0')}`;
    const roll = next();
    if (roll < 0.01)
      lines.push(
        `${time} ${1000 + index} WARN dfs.DataNode$DataXceiver: ${host}:50010:Got exception while serving ${block} to /${host}:`,
      );
    else if (roll < 0.5)
      lines.push(
        `${time} ${1000 + index} INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block ${block} terminating`,
      );
    else
      lines.push(
        `${time} ${1000 + index} INFO dfs.DataNode$DataXceiver: Receiving block ${block} src: /${host}:54106 dest: /${host}:50010`,
      );
  }
  return lines.join('\n');
}

function generatedPackages(next: () => number): string {
  const scopes = ['@hdfs', '@apache', '@cloud', '', ''];
  const words = [
    'client',
    'block',
    'replica',
    'stream',
    'utils',
    'fetch',
    'rpc',
    'proto',
    'codec',
    'retry',
  ];
  const packages = Array.from({ length: 1500 }, (_, index) => {
    const scope = scopes[Math.floor(next() * scopes.length)]!;
    const name = `${words[Math.floor(next() * words.length)]}-${words[Math.floor(next() * words.length)]}-${index}`;
    return {
      name: scope ? `${scope}/${name}` : name,
      version: `${Math.floor(next() * 5)}.${Math.floor(next() * 20)}.${Math.floor(next() * 10)}`,
      downloads_a_month: Math.floor(next() * 1e7),
      summary: `A ${words[Math.floor(next() * words.length)]} helper for ${words[Math.floor(next() * words.length)]} pipelines`,
    };
  });
  return JSON.stringify(packages, null, 2);
}

/**
 * Real corpus payloads when `../shared/corpus` is present (or
 * `SHAREDCONTEXT_CORPUS` points at one), else seeded synthetic ones; set
 * `SHAREDCONTEXT_EXAMPLE_GENERATED=1` to force the generator.
 */
export function loadPayloads(): Payloads {
  const dir = corpusDir();
  const logs = join(dir, 'logs/HDFS_2k.log');
  const packages = join(dir, 'json/npm-packages-1500.json');
  if (
    process.env.SHAREDCONTEXT_EXAMPLE_GENERATED !== '1' &&
    existsSync(logs) &&
    existsSync(packages)
  ) {
    return {
      logs: readFileSync(logs, 'utf8'),
      packages: readFileSync(packages, 'utf8'),
      source: 'corpus',
    };
  }
  const next = random(42);
  return {
    logs: generatedLogs(next),
    packages: generatedPackages(next),
    source: 'generated',
  };
}
