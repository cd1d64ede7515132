import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  corpusPath,
  describeCorpus,
  readCorpus,
} from '@sharedcontext-internal/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

function cli(
  args: string[],
  { input, cwd }: { input?: string; cwd?: string } = {},
) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    input,
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

let work: string;
beforeAll(() => {
  if (!existsSync(BIN))
    throw new Error(`Build the CLI first (pnpm build): ${BIN} is missing`);
  work = mkdtempSync(join(tmpdir(), 'sharedcontext-cli-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('sharedcontext', () => {
  it('prints help for every command and exits 0', () => {
    for (const command of [
      [],
      ['compress'],
      ['put'],
      ['get'],
      ['keys'],
      ['stats'],
      ['retrieve'],
      ['bench'],
    ]) {
      const result = cli([...command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Usage: sharedcontext/);
    }
  });

  it('exits 2 on an unknown command or option, with the error on stderr', () => {
    const unknown = cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command/);
    expect(cli(['compress', '--nope']).code).toBe(2);
  });

  it('reports user errors on stderr without a stack trace', () => {
    const missing = cli(['compress', join(work, 'nope.txt')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^sharedcontext: Invalid argument for file: cannot read .*no such file/,
    );
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    expect(
      cli(['compress', '--type', 'pdf', '-'], { input: 'x' }).stderr,
    ).toMatch(/--type: expected one of/);
    expect(cli(['keys', '--store', 'ftp://nope']).code).toBe(1);
  });

  it('compresses stdin, summary to stderr', () => {
    const text = Array.from({ length: 120 }, (_, i) => ({
      id: i,
      name: `row-${i}`,
      ok: i % 9 !== 0,
    }));
    const result = cli(['compress', '-', '--model', 'gpt-4o'], {
      input: JSON.stringify(text, null, 2),
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^\d+ → \d+ tokens \([\d.]+% saved, o200k_base\) · router:json:/,
    );
    expect(result.stdout.length).toBeLessThan(
      JSON.stringify(text, null, 2).length,
    );
  });
});

describeCorpus('sharedcontext on the corpus', () => {
  it('compresses a log file, with --json giving the machine-readable result', () => {
    const file = corpusPath('logs/HDFS_2k.log');
    const result = cli(['compress', file, '--json', '--model', 'gpt-4o']);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.originalTokens).toBeGreaterThan(parsed.compressedTokens);
    expect(parsed.transforms[0]).toMatch(/^router:/);
  });

  it('forces a content type with --type', () => {
    const result = cli([
      'compress',
      corpusPath('prose/tanstack-query-invalidation.md'),
      '--type',
      'log',
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).contentType).toBe('log');
  });

  it('shares context between invocations through a SQLite file', () => {
    const store = `sqlite:${join(work, 'shared.db')}`;
    const json = readCorpus('json/npm-packages-1500.json');
    const put = cli([
      'put',
      'npm',
      corpusPath('json/npm-packages-1500.json'),
      '--store',
      store,
      '--agent',
      'researcher',
      '--json',
    ]);
    expect(put.code).toBe(0);
    expect(JSON.parse(put.stdout).agent).toBe('researcher');
    expect(
      cli(['put', 'log', corpusPath('logs/OpenSSH_2k.log'), '--store', store])
        .code,
    ).toBe(0);
    expect(cli(['keys', '--store', store]).stdout).toBe('npm\nlog\n');
    expect(cli(['get', 'npm', '--full', '--store', store]).stdout).toBe(json);
    const compressed = cli(['get', 'npm', '--store', store]).stdout;
    expect(compressed.length).toBeLessThan(json.length);
    const stats = JSON.parse(cli(['stats', '--json', '--store', store]).stdout);
    expect(stats.entries).toBe(2);
    expect(stats.agents.researcher.entries).toBe(1);
    const marker = /sc:[^\s#\]]+#[0-9a-z]+/.exec(
      cli(['get', 'log', '--store', store]).stdout,
    )?.[0];
    if (marker) {
      const span = cli(['retrieve', marker, '--store', store]);
      expect(span.code).toBe(0);
      expect(readCorpus('logs/OpenSSH_2k.log')).toContain(
        span.stdout.split('\n')[0],
      );
    }
    expect(
      cli(['retrieve', 'npm', '--query', 'left-pad', '--store', store]).code,
    ).toBe(0);
    expect(cli(['get', 'missing', '--store', store]).code).toBe(1);
    expect(cli(['delete', 'npm', '--store', store]).code).toBe(0);
    expect(cli(['keys', '--store', store]).stdout).toBe('log\n');
  });

  it('keeps namespaces of one store apart with --namespace', () => {
    const store = `sqlite:${join(work, 'tenants.db')}`;
    const put = (namespace: string, text: string) =>
      cli(['put', 'notes', '-', '--store', store, '--namespace', namespace], {
        input: text,
      }).code;
    expect(put('tenant1', 'first tenant')).toBe(0);
    expect(put('tenant10', 'second tenant')).toBe(0);
    const get = (namespace: string) =>
      cli(['get', 'notes', '--full', '--store', store, '-n', namespace]).stdout;
    expect(get('tenant1')).toBe('first tenant');
    expect(cli(['clear', '--store', store, '-n', 'tenant1']).code).toBe(0);
    expect(get('tenant10')).toBe('second tenant');
    expect(cli(['keys', '--store', store]).stdout).toBe('');
  }, 300_000);

  it('benchmarks a directory into a Markdown table and an SVG chart', () => {
    const out = join(work, 'bench');
    const result = cli(['bench', corpusPath('search'), '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/\[1\/3\] grep-driver-unstorage\.txt/);
    const markdown = readFileSync(join(out, 'bench.md'), 'utf8');
    expect(markdown).toMatch(/\| grep-throw-unstorage\.txt \| search \|/);
    expect(readFileSync(join(out, 'bench.svg'), 'utf8')).toMatch(
      /^<svg[^>]*>[\s\S]*grep-driver-unstorage\.txt[\s\S]*<\/svg>\n$/,
    );
  });
});
