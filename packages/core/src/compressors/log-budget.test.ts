import {
  generateSparseLog,
  runCompressor,
} from '@sharedcontext-internal/test-utils';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compress } from '../compress.ts';
import { MARKER_PATTERN, spanText } from '../retrieval/index.ts';
import { SharedContext } from '../shared-context.ts';
import { tiktokenTokenizer } from '../tokenizer/index.ts';
import { overBudget } from './log-budget.ts';
import { logCompressor } from './log-compressor.ts';

const o200k = tiktokenTokenizer('o200k_base');
beforeAll(() => o200k.load());

const WORDS =
  'bridge zone clock port table mapped region reserved early driver probed static vector timer legacy shared console module attached scanned'.split(
    ' ',
  );
/** A log of unique lines: nothing repeats, one error in the middle. */
const UNIQUE = Array.from({ length: 300 }, (_, i) => {
  const stamp = `[${(i * 0.37).toFixed(6).padStart(12)}]`;
  if (i === 150) return `${stamp} eth0: link failed to come up after reset`;
  const words = Array.from(
    { length: 3 + (i % 7) },
    (_, j) => WORDS[(i * 7 + j * j * 13 + j) % WORDS.length],
  );
  return `${stamp} ${words.join(' ')} ${i * 7919}`;
});

describe('overBudget', () => {
  const candidate = (cost: number, members = 1, position = 10) => ({
    cost,
    members,
    position,
    nearSignal: false,
  });

  it('drops nothing when the output fits, and the least signal per character first when not', () => {
    const candidates = [
      candidate(100),
      candidate(400),
      candidate(100, 63),
      candidate(100),
    ];
    expect(overBudget(candidates, 100, 500, 600, 40, 80).size).toBe(0);
    // 740 characters against 400: the long single line goes first.
    expect([...overBudget(candidates, 100, 700, 400, 40, 80)]).toEqual([1]);
    // A template written 63 times outranks a line written once.
    const dropped = overBudget(candidates, 100, 700, 200, 40, 80);
    expect(dropped.has(2)).toBe(false);
    expect(dropped.size).toBe(3);
  });

  it('ranks the opening lines and an error line’s context higher, and drops nothing that does not pay for its marker', () => {
    const candidates = [
      candidate(200, 1, 1),
      { ...candidate(200), nearSignal: true },
      candidate(200),
    ];
    expect([...overBudget(candidates, 100, 600, 440, 40, 80)]).toEqual([2]);
    expect(overBudget([candidate(60)], 100, 300, 250, 40, 80).size).toBe(0);
  });
});

describe('the line budget of logCompressor', () => {
  it('keeps every error line, the first and last lines, and saves most of a log that never repeats', () => {
    const content = UNIQUE.join('\n');
    const result = runCompressor(logCompressor(), content, {
      tokenizer: o200k,
    });
    const lines = result.output.split('\n');
    expect(result.labels).toEqual(['log:templates', 'log:budget']);
    expect(lines[0]).toBe(UNIQUE[0]);
    expect(lines).toContain(UNIQUE[150]);
    expect(lines).toContain(UNIQUE.at(-1));
    expect(lines.at(-1)).toMatch(
      /^\[… \d+ lines of \d+ rarer templates omitted · sc:k#\w+ …\]$/,
    );
    expect(o200k.count(result.output)).toBeLessThan(o200k.count(content) / 5);
    const omitted = result.spans.at(-1)!;
    for (const line of spanText(content, omitted).split('\n'))
      expect(UNIQUE).toContain(line);
    // A trailing newline does not make a blank line the log's last.
    const ended = runCompressor(logCompressor(), `${content}\n`, {
      tokenizer: o200k,
    });
    expect(ended.output.split('\n')).toContain(UNIQUE.at(-1));
  });

  it('keeps every rare line of content that is not read as a log', () => {
    const content = UNIQUE.join('\n');
    const hinted = runCompressor(logCompressor(), content, {
      tokenizer: o200k,
      detection: { contentType: 'text', confidence: 0.5 },
    });
    expect(hinted.labels).not.toContain('log:budget');
    // A runner-up after search hits: their paths never go to a budget.
    const runnerUp = runCompressor(logCompressor(), content, {
      tokenizer: o200k,
      detection: {
        contentType: 'search',
        confidence: 0.9,
        alternatives: [{ contentType: 'log', confidence: 0.8 }],
      },
    });
    expect(runnerUp.labels).not.toContain('log:budget');
    const forced = runCompressor(logCompressor({ targetRatio: 1 }), content, {
      tokenizer: o200k,
    });
    expect(forced.labels).not.toContain('log:budget');
  });

  it('gives a dropped line back to a query', async () => {
    const ctx = new SharedContext({ tokenizer: o200k, minTokens: 0 });
    const content = UNIQUE.join('\n');
    const entry = await ctx.put('boot', content, { contentType: 'log' });
    expect(entry.compressed).not.toContain(UNIQUE[201]);
    expect(
      await ctx.retrieve('boot', { query: UNIQUE[201]!.slice(15) }),
    ).toContain(UNIQUE[201]);
  });
});

describe('generated logs that seldom repeat (issue 14)', () => {
  it('keeps a verbatim line of every injected error and warning template, and saves at least 80%', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 300, max: 900 }),
        async (seed, lines) => {
          const generated = generateSparseLog(seed, { lines });
          const result = await compress(generated.content, {
            tokenizer: o200k,
            key: 'cf256b1ef',
          });
          const kept = new Set(result.compressed.split('\n'));
          const context = `seed ${seed}, ${lines} lines (${generated.layout}): ${result.transforms.join(',')}`;
          for (const template of generated.signalTemplates)
            expect(
              template.lines.some((line) => kept.has(line)),
              `${context} lost the ${template.level} template of ${template.lines[0]}`,
            ).toBe(true);
          expect(result.savingsPercent, context).toBeGreaterThanOrEqual(80);
        },
      ),
      { numRuns: 30, seed: 1414 },
    );
  });

  it('routes without throwing, stores the original byte for byte, and gives back every marker’s span', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        async (seed) => {
          const { content } = generateSparseLog(seed, { lines: 300 });
          const ctx = new SharedContext({ tokenizer: o200k });
          const entry = await ctx.put('log', content);
          expect(await ctx.get('log', { full: true })).toBe(content);
          const markers = entry.compressed.match(MARKER_PATTERN) ?? [];
          expect(markers.length).toBeGreaterThan(0);
          for (const marker of markers) {
            const text = await ctx.retrieve('log', { marker });
            expect(text).toBeTruthy();
            expect(content).toContain(text!.split('\n')[0]);
          }
        },
      ),
      { numRuns: 10, seed: 2026 },
    );
  });
});
