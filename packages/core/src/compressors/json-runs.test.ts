import { describe, expect, it } from 'vitest';
import { runNotation, stringTemplate } from './json-runs.ts';

describe('runNotation', () => {
  it('writes ranges, repeats and repeated groups', () => {
    expect(runNotation(['start', 0, 1, 2, 3, 4, 'end', 'end', 'end'])).toBe(
      'start,0..4,end×3',
    );
    expect(runNotation([10, 11, 12, 10, 11, 12, 7])).toBe('(10,11,12)×2,7');
    expect(runNotation([null, true, false])).toBe('null,true,false');
    expect(runNotation(['1', 'a,b', 'x×2', '(a)', 'a..b', 'ok'])).toBe(
      '"1","a,b","x×2","(a)","a..b",ok',
    );
  });
});

describe('stringTemplate', () => {
  it('extracts one shape with the numbers as rows', () => {
    expect(stringTemplate(['seq 1 of 3', 'seq 2 of 3', 'seq 3 of 3'])).toEqual({
      template: 'seq {} of {}',
      rows: ['1,3', '2,3', '3,3'],
    });
  });

  it('refuses strings of different shapes or without numbers', () => {
    expect(stringTemplate(['a 1', 'b 2', 'c 3'])).toBeUndefined();
    expect(stringTemplate(['a', 'a', 'a'])).toBeUndefined();
  });
});
