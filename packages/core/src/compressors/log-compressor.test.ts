import {
  describeCorpus,
  listCorpus,
  parseCsv,
  readCorpus,
  readHeadroomFixtures,
  runCompressor,
} from '@sharedcontext-internal/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { compress } from '../compress.ts';
import { InvalidArgumentError } from '../errors/index.ts';
import { MARKER_PATTERN, parseMarkers, spanText } from '../retrieval/index.ts';
import { SharedContext } from '../shared-context.ts';
import { tiktokenTokenizer } from '../tokenizer/index.ts';
import { type LogCompressorOptions, logCompressor } from './log-compressor.ts';

const o200k = tiktokenTokenizer('o200k_base');
/** Corpus savings are measured with a key as long as compress() makes. */
const REALISTIC_KEY = 'cf256b1ef';
beforeAll(() => o200k.load());

function run(
  content: string,
  options: LogCompressorOptions = {},
  query?: string,
  key = 'k',
) {
  return runCompressor(logCompressor(options), content, {
    tokenizer: o200k,
    query,
    key,
  });
}

/** Level columns: words, and logcat's one-letter E, W, F. */
const ERROR_LEVEL =
  /^(?:error|fatal|crit|critical|warn|warning|emerg|alert|E|W|F)$/i;
/** The bench's needle words: a csv without a Level column says so in the text. */
const ERROR_TEXT =
  /error|fail|invalid|denied|refused|break-in|exception|fatal/i;

const REPEATED = Array.from(
  { length: 40 },
  (_, i) =>
    `2026-01-0${1 + (i % 9)}T10:00:${String(i).padStart(2, '0')}Z INFO request ${1000 + i} served in ${i * 3}ms from 10.0.0.${i}`,
);

describe('logCompressor', () => {
  it('collapses lines that differ only in numbers, ids and times into one exemplar and a marker', () => {
    const content = ['boot', ...REPEATED, 'shutdown'].join('\n');
    const result = run(content);
    expect(result.output.split('\n')).toEqual([
      'boot',
      REPEATED[0],
      '[… 39 similar lines omitted · sc:k#1 …]',
      'shutdown',
    ]);
    expect(spanText(content, result.spans[0]!)).toBe(
      REPEATED.slice(1).join('\n'),
    );
    expect(result.lossless).toBe(false);
    expect(result.labels).toEqual(['log:templates']);
  });

  it('keeps one verbatim line per distinct error template with its stack trace', () => {
    const trace = [
      'ERROR job 7 failed: NullPointerException',
      '    at com.acme.Job.run(Job.java:42)',
      '    at java.lang.Thread.run(Thread.java:750)',
    ];
    const content = [
      ...REPEATED.slice(0, 20),
      ...trace,
      ...REPEATED.slice(20),
      'ERROR job 8 failed: NullPointerException',
      '    at com.acme.Job.run(Job.java:42)',
      'WARN disk 91% full',
      'WARN disk 92% full',
      'ERROR connection refused by db-1',
    ].join('\n');
    const lines = run(content).output.split('\n');
    for (const line of trace) expect(lines).toContain(line);
    expect(lines).toContain('WARN disk 91% full');
    expect(lines).toContain('ERROR connection refused by db-1');
    expect(lines.at(-1)).toBe('ERROR connection refused by db-1');
  });

  it('writes a trace line shared by later kept errors once, the rest of each trace in place', async () => {
    const frames = [
      '    at Runner.runTest (runner.js:120:9)',
      '    at Runner.runSuite (runner.js:88:14)',
      '    at async Runner.run (runner.js:40:5)',
      '    at async main (cli.js:12:3)',
    ];
    const failures = ['parses list', 'reads config', 'times out'].map(
      (name, i) => [
        `FAIL ${name}: expected ${i + 1} to equal ${i + 2}`,
        `    at Context.<anonymous> (suite.test.js:${10 + i * 7}:5)`,
        ...frames,
      ],
    );
    const content = [
      ...REPEATED.slice(0, 10),
      ...failures[0]!,
      ...REPEATED.slice(10, 20),
      ...failures[1]!,
      ...REPEATED.slice(20),
      ...failures[2]!,
    ].join('\n');
    const ctx = new SharedContext({ model: 'gpt-4o', minTokens: 0 });
    const entry = await ctx.put('t', content, { contentType: 'log' });
    expect(entry.transforms).toContain('log:traces');
    const lines = entry.compressed.split('\n');
    // Every failure's head and own frame stay; the shared frames once.
    for (const failure of failures) {
      expect(lines).toContain(failure[0]);
      expect(lines).toContain(failure[1]);
    }
    for (const frame of frames)
      expect(lines.filter((line) => line === frame)).toHaveLength(1);
    const markers = lines.filter((line) =>
      line.includes('repeated trace lines omitted'),
    );
    expect(markers).toHaveLength(2);
    for (const marker of markers)
      expect(await ctx.retrieve('t', { marker })).toBe(frames.join('\n'));
  });

  it('keeps Python tracebacks whole, up to the exception line', () => {
    const content = [
      ...REPEATED.slice(0, 10),
      'Traceback (most recent call last):',
      '  File "app.py", line 3, in <module>',
      '    main()',
      'ValueError: bad input',
      ...REPEATED.slice(10),
    ].join('\n');
    const output = run(content).output;
    expect(output).toContain(
      'Traceback (most recent call last):\n  File "app.py", line 3, in <module>\n    main()\nValueError: bad input',
    );
  });

  it('works on short logs and leaves logs without repeats unchanged', () => {
    const short = [
      'step 1 started at 10:00:01',
      'step 2 started at 10:00:02',
      'step 3 started at 10:00:03',
      'step 4 started at 10:00:04',
      'step 5 started at 10:00:05',
      'done',
    ].join('\n');
    expect(run(short).output).toBe(
      'step 1 started at 10:00:01\n[… 4 similar lines omitted · sc:k#1 …]\ndone',
    );
    const unique = 'alpha starts\nbeta follows\ngamma ends';
    expect(run(unique)).toMatchObject({ output: unique, lossless: true });
  });

  it('keeps lines matching the query verbatim', () => {
    const content = REPEATED.join('\n');
    const output = run(content, {}, 'request 1017').output;
    expect(output).toContain(REPEATED[17]);
  });

  it('is deterministic', () => {
    const content = [...REPEATED, ...REPEATED].join('\n');
    expect(run(content).output).toBe(run(content).output);
  });

  it('survives binary text, a 1 MB line and a large log', () => {
    const binary = `\u0000\u0001garbage\u0000\n`.repeat(500);
    expect(() => run(binary)).not.toThrow();
    const longLine = `INFO ${'x'.repeat(1_000_000)}\n${REPEATED.join('\n')}`;
    expect(run(longLine).output.startsWith('INFO xxx')).toBe(true);
    // About 50 MB: one pass, one exemplar per template.
    const big = Array.from(
      { length: 700_000 },
      (_, i) => `${REPEATED[i % 40]} ${i % 7 === 0 ? 'ERROR retry' : 'ok'}`,
    ).join('\n');
    expect(big.length).toBeGreaterThan(50_000_000);
    const result = run(big);
    expect(result.output.length).toBeLessThan(10_000);
    expect(result.output).toContain('ERROR retry');
  });

  it('leaves markers a reader can copy back into SharedContext.retrieve', async () => {
    const ctx = new SharedContext({ tokenizer: o200k, minTokens: 0 });
    const content = [
      'boot',
      ...REPEATED,
      'ERROR out of memory',
      ...REPEATED,
    ].join('\n');
    const entry = await ctx.put('worker-log', content, { contentType: 'log' });
    expect(entry.transforms).toContain('log:templates');
    const copied = entry.compressed.match(/\[… [^\]]*\]/g) ?? [];
    expect(copied.length).toBeGreaterThan(0);
    for (const marker of copied) {
      const [ref] = parseMarkers(marker);
      const span = entry.spans.find(
        (candidate) => candidate.id === ref!.spanId,
      )!;
      expect(await ctx.retrieve('worker-log', { marker })).toBe(
        spanText(content, span),
      );
    }
    const first = entry.compressed.match(MARKER_PATTERN)![0];
    const text = await ctx.retrieve('worker-log', { marker: first });
    expect(text!.split('\n').every((line) => REPEATED.includes(line))).toBe(
      true,
    );
  });

  it('is chosen by compress() when the route is forced to log', async () => {
    const result = await compress(REPEATED.join('\n'), {
      contentType: 'log',
      tokenizer: o200k,
      minTokens: 0,
    });
    expect(result.transforms).toContain('log:templates');
    expect(result.savingsPercent).toBeGreaterThan(50);
  });
});

describeCorpus('line templates on the loghub logs, through compress()', () => {
  const names = listCorpus('logs')
    .filter((file) => file.endsWith('_2k.log'))
    .map((file) => file.replace(/_2k\.log$/, ''));

  it('covers all eight systems', () => {
    expect(names).toHaveLength(8);
  });

  for (const name of names) {
    it(`saves at least 80% on ${name}_2k.log and keeps every error-level event verbatim`, async () => {
      const content = readCorpus(`logs/${name}_2k.log`);
      const rows = parseCsv(readCorpus(`logs/${name}_2k.log_structured.csv`));
      const result = await compress(content, {
        tokenizer: o200k,
        key: REALISTIC_KEY,
      });
      expect(result.contentType).toBe('log');
      expect(result.savingsPercent).toBeGreaterThanOrEqual(80);
      const kept = new Set(result.compressed.split('\n'));
      const lines = content.split('\n');
      const errorEvents = new Map<string, boolean>();
      rows.forEach((row, i) => {
        // Error level by the Level column where there is one, and error
        // words in the template everywhere (Windows' CBS log is all Info).
        const isError =
          ERROR_LEVEL.test(row.Level ?? '') ||
          ERROR_TEXT.test(row.EventTemplate ?? '');
        if (!isError) return;
        const id = row.EventId!;
        errorEvents.set(
          id,
          (errorEvents.get(id) ?? false) || kept.has(lines[i]!),
        );
      });
      expect(errorEvents.size).toBeGreaterThan(0);
      expect([...errorEvents].filter(([, present]) => !present)).toEqual([]);
      // A span holds whole lines, or the tail of one line's list of items.
      for (const span of result.spans) {
        const text = spanText(content, span);
        if (span.summary.endsWith('more items omitted'))
          expect(lines.some((line) => line.endsWith(text))).toBe(true);
        else for (const line of text.split('\n')) expect(lines).toContain(line);
      }
    });
  }
});

describeCorpus('logCompressor against Headroom log_compressor fixtures', () => {
  for (const fixture of readHeadroomFixtures('log_compressor')) {
    it(`is no larger than Headroom's output on ${fixture.name}`, () => {
      const input = fixture.input as string;
      const headroom = (fixture.output as { compressed: string }).compressed;
      expect(
        o200k.count(run(input, {}, undefined, REALISTIC_KEY).output),
      ).toBeLessThanOrEqual(o200k.count(headroom));
    });
  }
});

describe('logCompressor options', () => {
  it('rejects a bad option with an InvalidArgumentError naming it', () => {
    expect(() => logCompressor({ similarity: 1.5 })).toThrow(
      InvalidArgumentError,
    );
    expect(() => logCompressor({ maxEntryLines: 0 })).toThrow(
      InvalidArgumentError,
    );
    expect(() => logCompressor({ maxTemplatesPerShape: 2.5 })).toThrow(
      InvalidArgumentError,
    );
    try {
      logCompressor({ similarity: 1.5 });
    } catch (error) {
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as InvalidArgumentError).parameter).toBe('similarity');
    }
  });
});
