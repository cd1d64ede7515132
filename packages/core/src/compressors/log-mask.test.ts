import { seededRandom } from '@sharedcontext-internal/test-utils';
import { describe, expect, it } from 'vitest';
import { mask } from './log-templates.ts';

/** The masking as first written: every hex run, each kept unless it holds a digit. */
function referenceMask(line: string): string {
  return line
    .replace(/-?[0-9A-Fa-f]+/g, (run) => (/\d/.test(run) ? '0' : run))
    .replace(
      /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/g,
      'D',
    );
}

describe('mask', () => {
  it('masks the same runs as matching every hex run, on seeded random lines', () => {
    const random = seededRandom(7);
    const alphabet = [
      'a',
      'F',
      'g',
      'z',
      '0',
      '9',
      '-',
      '--',
      ' ',
      '_',
      ':',
      'Mon',
      'Dec',
      'x1',
    ];
    for (let i = 0; i < 2000; i++) {
      let line = '';
      const length = Math.floor(random() * 16);
      for (let j = 0; j < length; j++)
        line += alphabet[Math.floor(random() * alphabet.length)];
      expect(mask(line)).toBe(referenceMask(line));
    }
  });

  it('masks ids, signed numbers and calendar words; letters-only runs stay', () => {
    expect(mask('Mon Dec 4 blk_-4212 0xdeadbeef cafe ab-12')).toBe(
      'D D 0 blk_0 0xdeadbeef cafe ab0',
    );
  });
});
