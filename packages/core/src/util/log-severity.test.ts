import { seededRandom } from '@sharedcontext-internal/test-utils';
import { describe, expect, it } from 'vitest';
import {
  fieldLevel,
  LEVEL_FIELDS,
  leadingFields,
  leadingLevel,
  lineLevel,
  lineSeverity,
  wordSeverity,
} from './log-severity.ts';

describe('wordSeverity', () => {
  it.each([
    ['Connection REFUSED by peer', 2],
    ['state_change.unavailable', 2],
    ['AssocFail on port 7', 2],
    ['HTTPError 500', 2],
    ['request timed out after 30s', 2],
    ['not ok 3 - parses list', 2],
    ['    not ok 17 - batch 10', 2],
    ['ok 4 - nothing to note', 0],
    ['oom-killer invoked', 2],
    ['Segfault in worker', 2],
    ['Deprecated API used', 1],
    ['retrying in 5s', 1],
    ['CannotOpen the file', 1],
    ['Warnings: 3', 1],
    ['all good, 200 OK', 0],
    ['', 0],
    ['room zoom bloom: no signal', 0],
  ] as const)('%j → %i', (text, severity) => {
    expect(wordSeverity(text)).toBe(severity);
  });
});

describe('fieldLevel', () => {
  it.each([
    ['E', 2],
    ['[ERROR]', 2],
    ['<crit>', 2],
    ['level=warning,', 1],
    ['W/ActivityManager(123):', 1],
    ['INFO', 0],
    ['info:', 0],
    ['hello', undefined],
    ['--', undefined],
    ['-.', undefined],
    ['=Warn=', 1],
    ['(fatal),', 2],
    ['x=', undefined],
    ['ERRORS', undefined],
    ['a-very-long-field-that-is-not-a-level', undefined],
  ] as const)('%j → %s', (field, level) => {
    expect(fieldLevel(field)).toBe(level);
  });
});

describe('lineSeverity', () => {
  it('takes the leading level or the words, whichever is worse', () => {
    expect(lineSeverity('12:00:01 W disk almost full')).toBe(1);
    expect(lineSeverity('12:00:01 I upload failed')).toBe(2);
    expect(lineSeverity('12:00:01 E all fine')).toBe(2);
    expect(lineSeverity('12:00:01 I all fine')).toBe(0);
  });
});

describe('lineLevel', () => {
  it('reads the leading fields in place as leadingLevel reads them cut out', () => {
    const draw = seededRandom(14);
    const pieces = [
      ...' \t|;[](){}<>"\'=:,*-./',
      'E',
      'W',
      'i',
      'warn',
      'ERROR',
      'Info',
      'level=',
      'crit',
      'E/Tag',
      'x',
      '12:00',
      'hello',
      'fatal',
    ];
    for (let i = 0; i < 5000; i++) {
      let line = '';
      const length = Math.floor(draw() * 12);
      for (let j = 0; j < length; j++)
        line += pieces[Math.floor(draw() * pieces.length)];
      expect(lineLevel(line), JSON.stringify(line)).toBe(
        leadingLevel(leadingFields(line, LEVEL_FIELDS)),
      );
      expect(lineLevel(line, 1), JSON.stringify(line)).toBe(
        leadingLevel(leadingFields(line, 1)),
      );
    }
  });
});
