import { describe, expect, it } from 'vitest';
import { collapseNumberedLines } from './numbered-lines.ts';

/** Expands `{a..b}` back into lines: the inverse the docs promise. */
function expand(lines: readonly string[]): string[] {
  return lines.flatMap((line) => {
    const match = /\{(\d+)\.\.(\d+)\}/.exec(line);
    if (!match) return [line];
    const from = Number(match[1]);
    const to = Number(match[2]);
    return Array.from({ length: to - from + 1 }, (_, i) =>
      line.replace(match[0], String(from + i)),
    );
  });
}

describe('collapseNumberedLines', () => {
  it('writes lines that count through one number once, with the range', () => {
    const lines = Array.from(
      { length: 8 },
      (_, i) =>
        `A distinct fact about subsystem ${i} is recorded plainly here.`,
    );
    const out = collapseNumberedLines(lines);
    expect(out).toEqual([
      'A distinct fact about subsystem {0..7} is recorded plainly here.',
    ]);
    expect(expand(out)).toEqual(lines);
  });

  it('leaves runs shorter than three, gaps, repeats and leading zeros alone', () => {
    const cases = [
      ['step 1', 'step 2'],
      ['step 1', 'step 3', 'step 4'],
      ['step 1', 'step 1', 'step 1'],
      ['run 01', 'run 02', 'run 03'],
      ['job 1 of 3', 'job 2 of 4', 'job 3 of 5'],
      ['{ "n": 1 }', '{ "n": 2 }', '{ "n": 3 }'],
    ];
    for (const lines of cases)
      expect(collapseNumberedLines(lines)).toEqual(lines);
  });

  it('finds a run that starts on the second line of a failed one', () => {
    const lines = ['a1 b5', 'a2 b5', 'a2 b6', 'a2 b7', 'tail'];
    const out = collapseNumberedLines(lines);
    expect(out).toEqual(['a1 b5', 'a2 b{5..7}', 'tail']);
    expect(expand(out)).toEqual(lines);
  });

  it('round-trips any mix of counting lines and other text', () => {
    const lines = [
      'header',
      ...Array.from(
        { length: 5 },
        (_, i) => `worker ${i + 3} ready on port 80${i}`,
      ),
      '',
      ...Array.from({ length: 4 }, (_, i) => `item ${i + 10}: ok`),
      'done',
    ];
    const out = collapseNumberedLines(lines);
    expect(out.length).toBeLessThan(lines.length);
    expect(expand(out)).toEqual(lines);
  });
});
