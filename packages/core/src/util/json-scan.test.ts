import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  arrayElementSpans,
  arrayElementStart,
  minifyJsonText,
  objectMemberStarts,
  valueEnd,
} from './json-scan.ts';

describe('arrayElementSpans', () => {
  it('finds item boundaries in pretty-printed and minified JSON, strings with brackets included', () => {
    const text = '[ {"a": "]}"}, [1, [2]] ,"x\\"y", 3.5e2 , null ]';
    const spans = arrayElementSpans(text, 0)!;
    expect(spans.map(([start, end]) => text.slice(start, end))).toEqual([
      '{"a": "]}"}',
      '[1, [2]]',
      '"x\\"y"',
      '3.5e2',
      'null',
    ]);
  });

  it('matches JSON.parse on any array', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue()), fc.boolean(), (items, pretty) => {
        const text = JSON.stringify(items, null, pretty ? 2 : undefined);
        const spans = arrayElementSpans(text, 0)!;
        expect(
          spans.map(([start, end]) => JSON.parse(text.slice(start, end))),
        ).toEqual(JSON.parse(text));
      }),
    );
  });

  it('returns undefined for truncated or mismatched input', () => {
    expect(arrayElementSpans('[{"a": 1}, {"a"', 0)).toBeUndefined();
    expect(arrayElementSpans('[{"a": 1]', 0)).toBeUndefined();
    expect(valueEnd('{"a": "unterminated', 0)).toBe(-1);
  });
});

describe('arrayElementStart', () => {
  it('finds the start of one element without scanning past it', () => {
    const text = '[ {"a": "],"} , [1, [2]],\n  "x" , {"unclosed": ';
    expect(text.slice(arrayElementStart(text, 0, 1))).toMatch(/^\[1, \[2\]\]/);
    expect(text[arrayElementStart(text, 0, 2)]).toBe('"');
    expect(text[arrayElementStart(text, 0, 3)]).toBe('{');
  });

  it('returns -1 past the end, on an empty array or when not at an array', () => {
    expect(arrayElementStart('[1, 2]', 0, 2)).toBe(-1);
    expect(arrayElementStart('[ ]', 0, 0)).toBe(-1);
    expect(arrayElementStart('{"a": 1}', 0, 0)).toBe(-1);
  });
});

describe('objectMemberStarts', () => {
  it('lists keys with their value offsets', () => {
    const text = '{"total": 2, "items": [1, 2]}';
    const members = objectMemberStarts(text, 0)!;
    expect(members.map((member) => member.key)).toEqual(['total', 'items']);
    expect(text[members[1]!.value]).toBe('[');
  });
});

describe('minifyJsonText', () => {
  it('removes whitespace outside strings and keeps literals as written', () => {
    expect(minifyJsonText('{ "a b" : [ 1.0 , "x  y" ] }\n')).toBe(
      '{"a b":[1.0,"x  y"]}',
    );
  });

  it('handles 10,000-deep nesting without recursion', () => {
    expect(minifyJsonText(`${'[ '.repeat(10_000)}${' ]'.repeat(10_000)}`)).toBe(
      `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
    );
  });
});
