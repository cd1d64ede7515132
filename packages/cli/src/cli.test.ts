import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseMarkers } from '@sharedcontext/core';
import {
  generateSearchOutput,
  sampleJsonRecords,
  sampleServiceLog,
} from '@sharedcontext-internal/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

function cli(
  args: string[],
  { input, cwd }: { input?: string; cwd?: string } = {},
) {
  // In the temporary folder by default: `compress` writes ./sharedcontext.db.
  const result = spawnSync(process.execPath, [BIN, ...args], {
    input,
    cwd: cwd ?? work,
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
    const result = cli(['compress', '-', '--model', 'gpt-4o', '--no-store'], {
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

describe('sharedcontext on generated tool output', () => {
  const log = sampleServiceLog({ lines: 1500 });
  const json = sampleJsonRecords({ count: 300 });
  let logFile: string;
  let jsonFile: string;
  beforeAll(() => {
    logFile = join(work, 'service.log');
    jsonFile = join(work, 'issues.json');
    writeFileSync(logFile, log);
    writeFileSync(jsonFile, json);
  });

  it('compresses a log file, with --json giving the machine-readable result', () => {
    const result = cli([
      'compress',
      logFile,
      '--json',
      '--model',
      'gpt-4o',
      '--no-store',
    ]);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.originalTokens).toBeGreaterThan(parsed.compressedTokens);
    expect(parsed.transforms[0]).toMatch(/^router:/);
    expect(parsed.stored).toBeNull();
  });

  it('forces a content type with --type', () => {
    const result = cli([
      'compress',
      jsonFile,
      '--type',
      'log',
      '--json',
      '--no-store',
    ]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).contentType).toBe('log');
  });

  it('shares context between invocations through a SQLite file', () => {
    const store = `sqlite:${join(work, 'shared.db')}`;
    const put = cli([
      'put',
      'issues',
      jsonFile,
      '--store',
      store,
      '--agent',
      'researcher',
      '--json',
    ]);
    expect(put.code).toBe(0);
    expect(JSON.parse(put.stdout).agent).toBe('researcher');
    expect(cli(['put', 'log', logFile, '--store', store]).code).toBe(0);
    expect(cli(['keys', '--store', store]).stdout).toBe('issues\nlog\n');
    expect(cli(['get', 'issues', '--full', '--store', store]).stdout).toBe(
      json,
    );
    const compressed = cli(['get', 'issues', '--store', store]).stdout;
    expect(compressed.length).toBeLessThan(json.length);
    const stats = JSON.parse(cli(['stats', '--json', '--store', store]).stdout);
    expect(stats.entries).toBe(2);
    expect(stats.agents.researcher.entries).toBe(1);
    const marker = /sc:[^\s#\]]+#[0-9a-z]+/.exec(
      cli(['get', 'log', '--store', store]).stdout,
    )?.[0];
    expect(marker).toBeDefined();
    const span = cli(['retrieve', marker!, '--store', store]);
    expect(span.code).toBe(0);
    for (const line of span.stdout.trimEnd().split('\n'))
      expect(log).toContain(line);
    const bugs = cli([
      'retrieve',
      'issues',
      '--query',
      'Crash',
      '--store',
      store,
    ]);
    expect(bugs.code).toBe(0);
    expect(bugs.stdout).toContain('Crash when retrying request');
    expect(cli(['get', 'missing', '--store', store]).code).toBe(1);
    expect(cli(['delete', 'issues', '--store', store]).code).toBe(0);
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

  it('benchmarks a directory into a Markdown table and an SVG chart, naming the tokenizer', () => {
    const dir = join(work, 'bench-input');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'grep-a.txt'),
      generateSearchOutput(1, { layout: 'path-line', files: 20 }).content,
    );
    writeFileSync(
      join(dir, 'grep-b.txt'),
      generateSearchOutput(2, { layout: 'path-line', files: 20 }).content,
    );
    writeFileSync(join(dir, 'service.log'), log);
    const out = join(work, 'bench');
    const result = cli(['bench', dir, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/\[1\/3\] grep-a\.txt/);
    const markdown = readFileSync(join(out, 'bench.md'), 'utf8');
    expect(markdown).toMatch(/\| grep-b\.txt \| search \|/);
    expect(markdown).toContain('Tokens counted with estimate:claude.');
    expect(readFileSync(join(out, 'bench.svg'), 'utf8')).toMatch(
      /^<svg[^>]*>[\s\S]*grep-a\.txt[\s\S]*<\/svg>\n$/,
    );
  });
});

describe('sharedcontext compress and the store (issue 18)', () => {
  const log = sampleServiceLog({ lines: 1200, seed: 3 });

  it('stores the entry, so a later `retrieve` resolves the printed markers', () => {
    const dir = mkdtempSync(join(work, 'compress-'));
    writeFileSync(join(dir, 'app.log'), log);
    const compressed = cli(['compress', 'app.log'], { cwd: dir });
    expect(compressed.code).toBe(0);
    expect(compressed.stderr).toMatch(
      /stored as "app\.log" in sqlite:sharedcontext\.db/,
    );
    expect(existsSync(join(dir, 'sharedcontext.db'))).toBe(true);
    const markers = parseMarkers(compressed.stdout);
    expect(markers.length).toBeGreaterThan(0);
    // A few are enough: each lookup is a process start.
    for (const ref of markers.slice(0, 3)) {
      const span = cli(['retrieve', `sc:${ref.key}#${ref.spanId}`], {
        cwd: dir,
      });
      expect(span.code).toBe(0);
      for (const line of span.stdout.trimEnd().split('\n'))
        expect(log).toContain(line);
    }
    expect(cli(['get', 'app.log', '--full'], { cwd: dir }).stdout).toBe(log);
  });

  it('stores into the namespace --namespace names, where retrieve finds it', () => {
    const dir = mkdtempSync(join(work, 'namespace-'));
    const compressed = cli(['compress', '-n', 'run-1'], {
      cwd: dir,
      input: log,
    });
    expect(compressed.code).toBe(0);
    // Markers written in a namespace name it (`sc:key@run-1#1`).
    const marker = /sc:\S+@run-1#[0-9a-z]+/.exec(compressed.stdout)?.[0];
    expect(marker).toBeDefined();
    const span = cli(['retrieve', marker!, '-n', 'run-1'], { cwd: dir });
    expect(span.code).toBe(0);
    expect(log).toContain(span.stdout.split('\n')[0]);
    expect(cli(['keys'], { cwd: dir }).stdout).toBe('');
  });

  it('keys stdin by a hash of its content', () => {
    const dir = mkdtempSync(join(work, 'stdin-'));
    const first = cli(['compress'], { cwd: dir, input: log });
    expect(first.code).toBe(0);
    const key = /stored as "(stdin-[0-9a-f]{10})"/.exec(first.stderr)?.[1];
    expect(key).toBeDefined();
    expect(cli(['get', key!, '--full'], { cwd: dir }).stdout).toBe(log);
  });

  it('with --no-store keeps nothing and says the markers will not resolve', () => {
    const dir = mkdtempSync(join(work, 'no-store-'));
    const result = cli(['compress', '--no-store'], { cwd: dir, input: log });
    expect(result.code).toBe(0);
    expect(parseMarkers(result.stdout).length).toBeGreaterThan(0);
    expect(result.stderr).toMatch(
      /not stored \(--no-store\): the (\d+ markers|marker) above will not resolve/,
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('counts with one default model in every command, named in the summary', () => {
    const dir = mkdtempSync(join(work, 'model-'));
    writeFileSync(join(dir, 'app.log'), log);
    const compressed = cli(['compress', 'app.log', '--json'], { cwd: dir });
    const put = cli(['put', 'again', 'app.log', '--json'], { cwd: dir });
    const fromCompress = JSON.parse(compressed.stdout);
    const fromPut = JSON.parse(put.stdout);
    expect(fromCompress.tokenizer).toBe('estimate:claude');
    expect(fromPut.tokenizer).toBe(fromCompress.tokenizer);
    expect(fromPut.originalTokens).toBe(fromCompress.originalTokens);
    expect(compressed.stderr).toContain('estimate:claude');
  });

  it('labels code by its file extension: .js is javascript', () => {
    const dir = mkdtempSync(join(work, 'code-'));
    const source = Array.from(
      { length: 40 },
      (_, i) =>
        `export function handler${i}(event) {\n  const total = event.items.reduce((sum, item) => sum + item.price, 0);\n  if (total > ${i * 10}) {\n    return { ok: false, total };\n  }\n  return { ok: true, total };\n}\n`,
    ).join('\n');
    writeFileSync(join(dir, 'handlers.js'), source);
    writeFileSync(join(dir, 'handlers.ts'), source);
    const js = JSON.parse(
      cli(['compress', 'handlers.js', '--json', '--no-store'], { cwd: dir })
        .stdout,
    );
    const ts = JSON.parse(
      cli(['compress', 'handlers.ts', '--json', '--no-store'], { cwd: dir })
        .stdout,
    );
    expect(js.transforms.join(' ')).toMatch(/code:javascript/);
    expect(ts.transforms.join(' ')).toMatch(/code:typescript/);
  });

  it('never creates a database from a read-only command', () => {
    const dir = mkdtempSync(join(work, 'read-only-'));
    expect(cli(['keys'], { cwd: dir })).toMatchObject({ code: 0, stdout: '' });
    expect(
      JSON.parse(cli(['stats', '--json'], { cwd: dir }).stdout).entries,
    ).toBe(0);
    expect(cli(['get', 'nothing'], { cwd: dir }).code).toBe(1);
    expect(cli(['retrieve', 'sc:nothing#1'], { cwd: dir }).code).toBe(1);
    expect(cli(['delete', 'nothing'], { cwd: dir }).code).toBe(1);
    expect(cli(['clear'], { cwd: dir }).code).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
  });
});
