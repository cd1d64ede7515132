import {
  describeCorpus,
  listCorpus,
  readCorpus,
  readHeadroomFixtures,
  runCompressor,
} from '@sharedcontext-internal/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { compress } from '../compress.ts';
import { InvalidArgumentError } from '../errors/index.ts';
import { parseMarkers, spanText } from '../retrieval/index.ts';
import { SharedContext } from '../shared-context.ts';
import { tiktokenTokenizer } from '../tokenizer/index.ts';
import {
  type DiffCompressorOptions,
  diffCompressor,
  isBulkPath,
} from './diff-compressor.ts';

const o200k = tiktokenTokenizer('o200k_base');
/** Corpus savings are measured with a key as long as compress() makes. */
const REALISTIC_KEY = 'cf256b1ef';
beforeAll(() => o200k.load());

function run(
  content: string,
  options: DiffCompressorOptions = {},
  query?: string,
  key = 'k',
) {
  return runCompressor(diffCompressor(options), content, {
    tokenizer: o200k,
    query,
    key,
  });
}

const HEADER_LINE =
  /^(?:diff --git |--- |\+\+\+ |@@ |rename (?:from|to) |(?:new|deleted) file mode |old mode |new mode )/;

function context(from: number, count: number): string[] {
  return Array.from(
    { length: count },
    (_, i) => ` const line${from + i} = compute(${from + i});`,
  );
}

const DIFF = [
  'diff --git a/src/app.ts b/src/app.ts',
  'index 1a2b3c4..5d6e7f8 100644',
  '--- a/src/app.ts',
  '+++ b/src/app.ts',
  '@@ -1,13 +1,13 @@',
  ...context(1, 6),
  '-const answer = 41;',
  '+const answer = 42;',
  ...context(7, 6),
  'diff --git a/old.ts b/new.ts',
  'similarity index 90%',
  'rename from old.ts',
  'rename to new.ts',
].join('\n');

describe('diffCompressor', () => {
  it('keeps headers, hunk headers and changes, trims context to one line each side', () => {
    const result = run(DIFF);
    expect(result.output.split('\n')).toEqual([
      'diff --git a/src/app.ts b/src/app.ts',
      '--- a/src/app.ts',
      '+++ b/src/app.ts',
      '@@ -1,13 +1,13 @@',
      ' const line6 = compute(6);',
      '-const answer = 41;',
      '+const answer = 42;',
      ' const line7 = compute(7);',
      '[… 11 lines omitted · sc:k#1 …]',
      'diff --git a/old.ts b/new.ts',
      'similarity index 90%',
      'rename from old.ts',
      'rename to new.ts',
    ]);
    const lines = DIFF.split('\n');
    expect(spanText(DIFF, result.spans[0]!).split('\n')).toEqual([
      lines[1],
      ...context(1, 5),
      ...context(8, 5),
    ]);
  });

  it('keeps more context when asked and context lines matching the query', () => {
    expect(run(DIFF, { contextLines: 3 }).output).toContain(
      ' const line4 = compute(4);',
    );
    expect(run(DIFF, {}, 'line2').output).toContain(
      ' const line2 = compute(2);',
    );
  });

  const bigFile = (path: string) => {
    const added = Array.from(
      { length: 100 },
      (_, i) => `+export const value${i} = ${i};`,
    );
    const content = [
      `diff --git a/${path} b/${path}`,
      'new file mode 100644',
      '--- /dev/null',
      `+++ b/${path}`,
      '@@ -0,0 +1,100 @@',
      ...added,
    ].join('\n');
    return { added, content };
  };

  it('keeps every added and removed line of a source file', () => {
    const { added, content } = bigFile('src/big.ts');
    const output = run(content, { maxAddedRun: 8 }).output;
    for (const line of added) expect(output).toContain(line);
    expect(output).not.toContain('sc:');
  });

  it('cuts the middle of very long added runs of a test file with a marker in place', () => {
    const { added, content } = bigFile('src/__tests__/big.test.ts');
    const result = run(content, { maxAddedRun: 8 });
    const lines = result.output.split('\n');
    expect(lines.slice(5, 11)).toEqual(added.slice(0, 6));
    expect(lines[11]).toBe('[… 92 added lines omitted · sc:k#1 …]');
    expect(lines.slice(12)).toEqual(added.slice(98));
    expect(spanText(content, result.spans[0]!)).toBe(
      added.slice(6, 98).join('\n'),
    );
  });

  it('keeps test declarations and query matches inside a cut run, one marker per piece between', () => {
    const body = (name: string, i: number): string[] => [
      `+  it('${name}', () => {`,
      ...Array.from({ length: 12 }, (_, j) =>
        i === 2 && j === 7
          ? '+    expect(overflowGuard(7)).toBe(true);'
          : `+    expect(compute(${i * 100 + j})).toBe(${j});`,
      ),
      '+  })',
    ];
    const added = [
      "+describe('compute', () => {",
      ...['adds', 'subtracts', 'handles overflow', 'rounds'].flatMap(body),
      '+})',
    ];
    const content = [
      'diff --git a/src/compute.test.ts b/src/compute.test.ts',
      'new file mode 100644',
      '--- /dev/null',
      '+++ b/src/compute.test.ts',
      `@@ -0,0 +1,${added.length} @@`,
      ...added,
    ].join('\n');
    const result = run(content, { maxAddedRun: 4 }, 'overflowGuard');
    const lines = result.output.split('\n');
    for (const name of ['subtracts', 'handles overflow', 'rounds'])
      expect(lines).toContain(`+  it('${name}', () => {`);
    expect(lines).toContain('+    expect(overflowGuard(7)).toBe(true);');
    const markers = lines.filter((line) => line.includes('sc:k#'));
    expect(markers.length).toBeGreaterThan(3);
    // The pieces' spans are disjoint and, with the kept lines, rebuild the run.
    const cut = result.spans.map((span) => spanText(content, span));
    for (const piece of cut) expect(content).toContain(piece);
    const shown = lines.filter(
      (line) => line.startsWith('+') && !line.startsWith('+++'),
    );
    expect(shown.length + cut.join('\n').split('\n').length).toBe(added.length);
  });

  it('cuts runs in any file with cutRuns "all", in none with "none", or by a predicate', () => {
    const { content } = bigFile('src/big.ts');
    expect(run(content, { maxAddedRun: 8, cutRuns: 'all' }).output).toContain(
      '[… 92 added lines omitted',
    );
    const test = bigFile('src/big.test.ts').content;
    expect(run(test, { maxAddedRun: 8, cutRuns: 'none' }).output).not.toContain(
      'sc:',
    );
    const byPath = run(content, {
      maxAddedRun: 8,
      cutRuns: (path) => path.endsWith('big.ts'),
    }).output;
    expect(byPath).toContain('[… 92 added lines omitted');
  });

  it('treats tests, lockfiles, snapshots, generated and vendored files as bulk', () => {
    for (const path of [
      'packages/query-core/src/__tests__/queryClient.test.tsx',
      'packages/vue-query/src/__tests__/queryOptions.test-d.ts',
      'packages/svelte-query/tests/createQuery.svelte.test.ts',
      'pnpm-lock.yaml',
      'Cargo.lock',
      'go.sum',
      'src/__snapshots__/view.test.ts.snap',
      'public/app.min.js',
      'vendor/lib/util.go',
      'api/service_pb2.py',
      'pkg/server_test.go',
      'tests/test_store.py',
    ])
      expect(isBulkPath(path), path).toBe(true);
    for (const path of [
      'packages/query-core/src/queryClient.ts',
      'src/testing-library.ts',
      'docs/guides/testing.md',
      'package.json',
      'src/latest.ts',
      'crates/core/src/lib.rs',
    ])
      expect(isBulkPath(path), path).toBe(false);
  });

  it('shows a repeated edit once and names where it was', () => {
    const hunk = (file: string): string[] => [
      `diff --git a/${file} b/${file}`,
      `--- a/${file}`,
      `+++ b/${file}`,
      '@@ -10,3 +10,3 @@ export function options(',
      '-): Options & { queryKey: DataTag<TQueryKey, TQueryFnData, TError> }',
      '+): Options & QueryKeyWithDataTag<TQueryKey, TQueryFnData, TError>',
      ' ',
    ];
    const content = [
      ...hunk('react/options.ts'),
      ...hunk('vue/options.ts'),
    ].join('\n');
    const output = run(content).output;
    expect(output).toContain(
      '@@ -10,3 +10,3 @@ export function options(\n[… 2 lines repeat the edit in options.ts · sc:k#1 …]',
    );
    expect(output).toContain('diff --git a/vue/options.ts b/vue/options.ts');
  });

  it('keeps commit headers and unindents the message', () => {
    const content = [
      'commit 0123456789abcdef',
      'Author: A <a@example.com>',
      '',
      '    fix: the answer',
      '',
      DIFF,
    ].join('\n');
    const output = run(content).output;
    expect(
      output.startsWith(
        'commit 0123456789abcdef\nAuthor: A <a@example.com>\n\nfix: the answer\n',
      ),
    ).toBe(true);
  });

  it('tolerates wrong hunk counts, binary text and 1 MB lines', () => {
    const wrong = DIFF.replace('@@ -1,13 +1,13 @@', '@@ -1,3 +1,3 @@');
    expect(run(wrong).output).toContain('+const answer = 42;');
    const weird = `diff --git a/x b/x\n@@ -1 +1 @@\n-\u0000\u0001\n+${'z'.repeat(1_000_000)}\n`;
    expect(run(weird).output).toContain('z'.repeat(1000));
    const big = Array.from({ length: 2000 }, () => DIFF).join('\n');
    expect(run(big).output.length).toBeLessThan(big.length);
  });

  it('is deterministic and leaves markers a reader can copy into SharedContext.retrieve', async () => {
    expect(run(DIFF).output).toBe(run(DIFF).output);
    const ctx = new SharedContext({ tokenizer: o200k, minTokens: 0 });
    const entry = await ctx.put('patch', DIFF, { contentType: 'diff' });
    const marker = entry.compressed.match(/\[… [^\]]*\]/)![0];
    const span = entry.spans.find(
      (s) => s.id === parseMarkers(marker)[0]!.spanId,
    )!;
    expect(await ctx.retrieve('patch', { marker })).toBe(spanText(DIFF, span));
    const result = await compress(DIFF, {
      contentType: 'diff',
      tokenizer: o200k,
      minTokens: 0,
    });
    expect(result.transforms).toContain('diff:context');
  });
});

describeCorpus('diffCompressor on real commits', () => {
  for (const name of listCorpus('diffs').filter((file) =>
    file.endsWith('.diff'),
  )) {
    it(`saves at least 30% on ${name} with every file and hunk header verbatim`, () => {
      const content = readCorpus(`diffs/${name}`);
      const result = run(content, {}, undefined, REALISTIC_KEY);
      expect(
        1 - o200k.count(result.output) / o200k.count(content),
      ).toBeGreaterThanOrEqual(0.3);
      const kept = new Set(result.output.split('\n'));
      const headers = content
        .split('\n')
        .filter((line) => HEADER_LINE.test(line));
      expect(headers.filter((line) => !kept.has(line))).toEqual([]);
      // Every added and removed line of a file that is not bulk (tests,
      // lockfiles, generated) is kept verbatim.
      const missing: string[] = [];
      for (const section of content.split(/^(?=diff --git )/m)) {
        const path = /^diff --git a\/\S+ b\/(\S+)/.exec(section)?.[1];
        if (!path || isBulkPath(path)) continue;
        const body = section.split('\n');
        const firstHunk = body.findIndex((line) => line.startsWith('@@'));
        for (const line of body.slice(firstHunk))
          if (/^[+-]/.test(line) && !kept.has(line)) missing.push(line);
      }
      // (A hunk repeating an earlier hunk's exact edit names it; its lines
      // are still on the page, in the earlier hunk.)
      expect(missing).toEqual([]);
    });
  }
});

describeCorpus(
  'diffCompressor against Headroom diff_compressor fixtures',
  () => {
    for (const fixture of readHeadroomFixtures('diff_compressor')) {
      it(`is no larger than Headroom's output on ${fixture.name}`, () => {
        const input = fixture.input as string;
        const headroom = (fixture.output as { compressed: string }).compressed;
        const output = run(input, {}, undefined, REALISTIC_KEY).output;
        expect(o200k.count(output)).toBeLessThanOrEqual(o200k.count(headroom));
        const kept = new Set(output.split('\n'));
        for (const line of input.split('\n'))
          if (HEADER_LINE.test(line)) expect(kept).toContain(line);
      });
    }
  },
);

describe('diffCompressor options', () => {
  it('rejects a bad option with an InvalidArgumentError naming it', () => {
    expect(() => diffCompressor({ contextLines: -1 })).toThrow(
      InvalidArgumentError,
    );
    expect(() => diffCompressor({ maxAddedRun: 0 })).toThrow(
      InvalidArgumentError,
    );
    expect(() =>
      diffCompressor({ maxAddedRun: Number.POSITIVE_INFINITY }),
    ).not.toThrow();
    try {
      diffCompressor({ contextLines: -1 });
    } catch (error) {
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as InvalidArgumentError).parameter).toBe('contextLines');
    }
    expect(() =>
      diffCompressor({ cutRuns: 'some' as unknown as 'all' }),
    ).toThrow(/cutRuns/);
  });
});
