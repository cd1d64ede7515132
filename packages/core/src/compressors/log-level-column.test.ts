import { seededRandom } from '@sharedcontext-internal/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { compress } from '../compress.ts';
import { tiktokenTokenizer } from '../tokenizer/index.ts';
import { indexLines } from './line-index.ts';
import { columnLevel, findLevelColumn } from './log-level-column.ts';

const o200k = tiktokenTokenizer('o200k_base');
beforeAll(() => o200k.load());

/** `header` fields of ids, nodes and clocks, then a level, then `message`. */
function line(
  draw: () => number,
  header: number,
  level: string,
  message: string,
): string {
  const fields = Array.from({ length: header }, (_, i) =>
    i % 3 === 0
      ? String(1_700_000_000 + Math.floor(draw() * 1e6))
      : i % 3 === 1
        ? `R${Math.floor(draw() * 64)}-M${Math.floor(draw() * 2)}-N${'0123456789ABCDEF'[Math.floor(draw() * 16)]}`
        : ['SYS', 'HW', 'APP'][i % 3],
  );
  return [...fields, level, message].join(' ');
}

describe('level columns past the leading fields', () => {
  it('finds the field holding a level in most lines, wherever it sits', () => {
    for (const header of [8, 11, 15]) {
      const draw = seededRandom(header);
      const content = Array.from({ length: 300 }, (_, i) =>
        line(draw, header, i % 9 === 0 ? 'FATAL' : 'INFO', `step ${i} done`),
      ).join('\n');
      expect(findLevelColumn(content, indexLines(content))).toBe(header);
      expect(columnLevel(`${'x '.repeat(header)}FATAL boom`, header)).toBe(2);
      expect(columnLevel(`${'x '.repeat(header)}W boom`, header)).toBe(1);
    }
  });

  it('leaves the leading fields to answer, and a column most lines do not share', () => {
    const draw = seededRandom(3);
    const early = Array.from({ length: 100 }, () =>
      line(draw, 4, 'ERROR', 'oops'),
    ).join('\n');
    expect(findLevelColumn(early, indexLines(early))).toBeUndefined();
    const sparse = Array.from({ length: 100 }, (_, i) =>
      line(draw, 10, i % 2 === 0 ? 'INFO' : 'ready', 'ok'),
    ).join('\n');
    expect(findLevelColumn(sparse, indexLines(sparse))).toBeUndefined();
  });

  it('keeps a verbatim line of every fatal event behind a wide header, even without an error word', async () => {
    const draw = seededRandom(14);
    // Twelve events whose only signal is the level column: they share the
    // header and the token count, and differ in two words, never in an
    // error word. Read as ordinary lines, they fold into one template whose
    // word positions take too many values to be categories.
    const first = [
      'data',
      'instruction',
      'machine',
      'core',
      'program',
      'store',
      'cache',
      'memory',
      'bus',
      'page',
      'stack',
      'timer',
    ];
    const second = [
      'address',
      'pointer',
      'check',
      'register',
      'counter',
      'operation',
      'parity',
      'bank',
      'lane',
      'table',
      'frame',
      'tick',
    ];
    const events = first.map(
      (word, i) => `${word} ${second[i]}: 0x${(i * 4099).toString(16)}`,
    );
    const lines = Array.from({ length: 1500 }, (_, i) =>
      i % 23 === 0
        ? line(draw, 9, 'FATAL', events[(i / 23) % events.length]!)
        : line(draw, 9, 'INFO', `generating core.${i % 400}`),
    );
    const result = await compress(lines.join('\n'), {
      tokenizer: o200k,
      key: 'cf256b1ef',
    });
    const kept = new Set(result.compressed.split('\n'));
    expect(result.contentType).toBe('log');
    for (const event of events)
      expect(
        lines.some(
          (text) => text.endsWith(` FATAL ${event}`) && kept.has(text),
        ),
        event,
      ).toBe(true);
    expect(result.savingsPercent).toBeGreaterThanOrEqual(80);
  });
});
