import { describe, expect, it } from 'vitest';
import { headLines } from './sample.ts';

describe('headLines', () => {
  it('splits at line feeds and takes one carriage return off each line end', () => {
    expect(headLines('a\r\nb\n\r\nc\r\r\nd\r', 10)).toEqual([
      'a',
      'b',
      '',
      'c\r',
      'd',
    ]);
  });

  it('keeps a carriage return inside a line and an empty last line', () => {
    expect(headLines('a\rb\n', 10)).toEqual(['a\rb', '']);
    expect(headLines('\r', 10)).toEqual(['']);
    expect(headLines('', 10)).toEqual(['']);
  });

  it('stops at the line and character limits', () => {
    expect(headLines('1\n2\n3\n4', 2)).toEqual(['1', '2']);
    expect(headLines('abcdef\nghi', 10, 4)).toEqual(['abcd']);
  });
});
