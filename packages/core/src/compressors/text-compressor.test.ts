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
  type TextCompressorOptions,
  textCompressor,
} from './text-compressor.ts';

const o200k = tiktokenTokenizer('o200k_base');
/** Fixture figures are measured with a key as long as compress() makes. */
const REALISTIC_KEY = 'cf256b1ef';
beforeAll(() => o200k.load());

function run(
  content: string,
  options: TextCompressorOptions = {},
  extra: { query?: string; targetRatio?: number; key?: string } = {},
) {
  return runCompressor(textCompressor(options), content, {
    tokenizer: o200k,
    ...extra,
  });
}

const FILLER = [
  'The weather was pleasant and the team walked to lunch together.',
  'Everyone agreed that the coffee tasted better than last week.',
  'A few people mentioned that the office plants needed water.',
  'Someone suggested moving the meeting to a larger room next time.',
];

const DOC = [
  '# Caching guide',
  '',
  'The cache stores responses for `staleTime` milliseconds (default 0). ' +
    FILLER.join(' '),
  '',
  '## Settings',
  '',
  `- \`gcTime\` defaults to 300000 ms. ${FILLER[0]}`,
  `- Unused entries are removed after gcTime. ${FILLER[1]}`,
  `  - Nested detail about https://example.com/gc for readers. ${FILLER[2]}`,
  '',
  '```ts',
  'const client = new QueryClient({ defaultOptions: { queries: { staleTime: 5000 } } })',
  '```',
  '',
  FILLER.join(' '),
  FILLER.join(' '),
].join('\n');

describe('textCompressor', () => {
  it('keeps headings, list markers, indentation and fences, and marks every dropped run', () => {
    const result = run(DOC);
    const lines = result.output.split('\n');
    expect(lines[0]).toBe('# Caching guide');
    expect(lines).toContain('## Settings');
    expect(result.output).toContain('- `gcTime` defaults to 300000 ms.');
    expect(result.output).toContain(
      'The cache stores responses for `staleTime` milliseconds (default 0).',
    );
    expect(result.spans.length).toBeGreaterThan(0);
    for (const span of result.spans) {
      const marker = `sc:k#${span.id}`;
      expect(result.output).toContain(marker);
      expect(DOC).toContain(spanText(DOC, span));
    }
    expect(o200k.count(result.output)).toBeLessThanOrEqual(
      o200k.count(DOC) * 0.5 + 5,
    );
  });

  it('chooses first the lines that open with an error or warning level, as tool output writes them', () => {
    const signals = [
      'E: Unable to locate package libfoo-dev',
      'W: Skipping acquire of configured file main/binary-i386/Packages',
      'ERROR failed to start the indexer',
      'warning: unused variable `count`',
    ];
    const content = Array.from({ length: 40 }, (_, i) =>
      i % 10 === 9
        ? signals[(i - 9) / 10]!
        : `Inst package-${i} (1.${i}.0 Debian:12/stable [amd64]) ${FILLER[i % 4]}`,
    ).join('\n');
    const result = run(content);
    const kept = new Set(result.output.split('\n'));
    for (const line of signals) expect(kept.has(line), line).toBe(true);
    expect(result.output.length).toBeLessThan(content.length * 0.7);
  });

  it('honours the target ratio from the input over the option', () => {
    const loose = o200k.count(run(DOC, { targetRatio: 0.9 }).output);
    const tight = o200k.count(
      run(DOC, { targetRatio: 0.9 }, { targetRatio: 0.3 }).output,
    );
    expect(tight).toBeLessThan(loose);
    expect(tight).toBeLessThanOrEqual(o200k.count(DOC) * 0.3 + 5);
  });

  it('prefers sentences matching the query', () => {
    const output = run(
      DOC,
      {},
      { query: 'office plants', targetRatio: 0.3 },
    ).output;
    expect(output).toContain(
      'A few people mentioned that the office plants needed water.',
    );
  });

  it('drops exact duplicates first, folding back-to-back repeats into a count', () => {
    const repeated = Array.from({ length: 10 }, () => FILLER[0]).join('\n');
    const content = `${repeated}\n${FILLER.slice(1).join('\n')}`;
    const result = run(content, { targetRatio: 0.9 });
    expect(result.output.split('\n')).toEqual([
      `${FILLER[0]} (×10)`,
      ...FILLER.slice(1),
    ]);
  });

  it('leaves a marker for duplicates that are not back to back', () => {
    const content = [
      FILLER[0],
      FILLER[1],
      FILLER[0],
      FILLER[0],
      ...FILLER.slice(2),
    ].join('\n');
    const result = run(content, { targetRatio: 0.9 });
    expect(result.output).toMatch(/\[… 2 sentences omitted · sc:k#1 …\]/);
  });

  it('keeps fenced code whole or drops it whole', () => {
    const result = run(DOC, {}, { targetRatio: 0.2 });
    const fence = DOC.slice(
      DOC.indexOf('```ts'),
      DOC.indexOf('```\n', DOC.indexOf('```ts') + 3) + 3,
    );
    const kept = result.output.includes('```ts');
    expect(
      kept
        ? result.output.includes(fence)
        : !result.output.includes('QueryClient({'),
    ).toBe(true);
  });

  it('leaves short or incompressible text unchanged', () => {
    expect(run('one thing. two thing.')).toMatchObject({
      output: 'one thing. two thing.',
      lossless: true,
    });
  });

  it('is deterministic and survives binary text, a 1 MB line and a large input', () => {
    expect(run(DOC).output).toBe(run(DOC).output);
    expect(() =>
      run('\u0000\u0001 binary. \u0000 more.\n'.repeat(1000)),
    ).not.toThrow();
    const longLine = `${'word '.repeat(200_000)}\n${DOC}`;
    expect(run(longLine).output.length).toBeLessThan(longLine.length);
    const big = Array.from(
      { length: 20_000 },
      (_, i) => `Paragraph ${i} says something. ${FILLER[i % 4]}`,
    ).join('\n\n');
    expect(run(big, { exactCountLimit: 0 }).output.length).toBeLessThan(
      big.length * 0.7,
    );
  });

  it('leaves markers a reader can copy back into SharedContext.retrieve', async () => {
    const ctx = new SharedContext({ tokenizer: o200k, minTokens: 0 });
    const entry = await ctx.put('notes', DOC, { contentType: 'text' });
    expect(entry.transforms).toContain('text:extract');
    for (const marker of entry.compressed.match(/\[… [^\]]*\]/g) ?? []) {
      const span = entry.spans.find(
        (s) => s.id === parseMarkers(marker)[0]!.spanId,
      )!;
      expect(await ctx.retrieve('notes', { marker })).toBe(spanText(DOC, span));
    }
    const result = await compress(DOC, {
      contentType: 'text',
      tokenizer: o200k,
      minTokens: 0,
      targetRatio: 0.4,
    });
    expect(result.compressedTokens).toBeLessThanOrEqual(
      result.originalTokens * 0.4 + 5,
    );
  });
});

describe('textCompressor repeated lines', () => {
  it('folds a line repeated back to back into one line with a count, no marker', () => {
    const repeated =
      'The quick brown fox jumps over the very lazy dog every single morning.';
    const facts = Array.from(
      { length: 8 },
      (_, i) =>
        `A distinct fact about subsystem ${i} is recorded plainly here.`,
    );
    const content = [
      ...Array.from({ length: 10 }, () => repeated),
      ...facts,
    ].join('\n');
    const result = run(content, {}, { targetRatio: 0.9, key: REALISTIC_KEY });
    expect(result.output.split('\n')[0]).toBe(`${repeated} (×10)`);
    // The eight facts count through one number: written once, as a range.
    expect(result.output.split('\n')[1]).toBe(
      'A distinct fact about subsystem {0..7} is recorded plainly here.',
    );
    expect(result.output).not.toContain('sc:');
  });

  it('writes kept lines that count through a number as one range line', () => {
    const content = [
      'The deploy ran in three phases and every worker checked in on time.',
      ...Array.from(
        { length: 6 },
        (_, i) =>
          `Worker ${i + 1} on rack B reported ready after its warm-up checks passed.`,
      ),
      'Then the health checks ran against the new release for ten minutes.',
      'No errors were seen, and latency stayed under the 80 ms budget.',
    ].join('\n');
    const result = run(content, {}, { targetRatio: 0.95 });
    const range = result.output
      .split('\n')
      .map((line) =>
        /^Worker \{1\.\.(\d)\} on rack B reported ready after its warm-up checks passed\.$/.exec(
          line,
        ),
      )
      .find(Boolean);
    expect(Number(range?.[1])).toBeGreaterThanOrEqual(3);
    expect(result.output).not.toContain('Worker 1 on rack');
  });
});

describeCorpus('textCompressor against Headroom text_crusher fixtures', () => {
  for (const fixture of readHeadroomFixtures('text_crusher')) {
    const input = fixture.input as {
      content: string;
      context: string;
      target_ratio: number | null;
    };
    const headroom = (fixture.output as { compressed: string }).compressed;
    it(`is no larger than Headroom's output on ${fixture.name} (${fixture.label})`, () => {
      const result = run(
        input.content,
        {},
        {
          ...(input.context ? { query: input.context } : {}),
          ...(input.target_ratio ? { targetRatio: input.target_ratio } : {}),
          key: REALISTIC_KEY,
        },
      );
      const tokens = o200k.count(result.output);
      expect(tokens).toBeLessThanOrEqual(o200k.count(headroom));
      if (input.target_ratio)
        expect(tokens).toBeLessThanOrEqual(
          o200k.count(input.content) * input.target_ratio,
        );
    });
  }
});

describeCorpus('textCompressor on the prose corpus', () => {
  for (const name of listCorpus('prose').filter((file) =>
    file.endsWith('.md'),
  )) {
    it(`halves ${name} and keeps every heading`, () => {
      const content = readCorpus(`prose/${name}`);
      const result = run(content);
      expect(o200k.count(result.output)).toBeLessThanOrEqual(
        o200k.count(content) * 0.55,
      );
      let inFence = false;
      for (const line of content.split('\n')) {
        if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
        if (!inFence && /^#{1,6}\s/.test(line))
          expect(result.output).toContain(line);
      }
    });
  }
});

describe('textCompressor options', () => {
  it('rejects a bad option with an InvalidArgumentError naming it', () => {
    expect(() => textCompressor({ targetRatio: 0 })).toThrow(
      InvalidArgumentError,
    );
    expect(() => textCompressor({ targetRatio: 2 })).toThrow(
      InvalidArgumentError,
    );
    expect(() => textCompressor({ markerTokens: -1 })).toThrow(
      InvalidArgumentError,
    );
    try {
      textCompressor({ targetRatio: 0 });
    } catch (error) {
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as InvalidArgumentError).parameter).toBe('targetRatio');
    }
  });
});
