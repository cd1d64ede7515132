import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitMixedSections } from './mixed-sections.ts';

describe('splitMixedSections', () => {
  it('finds fenced blocks and bare JSON blocks between prose', () => {
    const text =
      'Intro line here.\n```ts\nconst a = 1;\n```\nMiddle words.\n{\n  "a": [1, 2, 3]\n}\nThe end.';
    const sections = splitMixedSections(text);
    expect(sections.map((section) => section.kind)).toEqual([
      'text',
      'fence',
      'text',
      'json',
      'text',
    ]);
    const fence = sections[1]!;
    expect(fence.info).toBe('ts');
    expect(text.slice(fence.bodyStart, fence.bodyEnd)).toBe('const a = 1;');
    const json = sections[3]!;
    expect(JSON.parse(text.slice(json.bodyStart, json.bodyEnd))).toEqual({
      a: [1, 2, 3],
    });
  });

  it('runs an unclosed fence to the end and keeps empty fences', () => {
    expect(
      splitMixedSections('a\n```\n```\nb').map((section) => section.kind),
    ).toEqual(['text', 'fence', 'text']);
    const unclosed = splitMixedSections('a\n~~~\nno close');
    expect(unclosed.at(-1)).toMatchObject({
      kind: 'fence',
      end: 'a\n~~~\nno close'.length,
    });
  });

  it('covers any text exactly, in order', () => {
    const pieces = fc.constantFrom(
      'prose words here',
      '```',
      '```json',
      '~~~',
      '{',
      '}',
      '[1, 2]',
      '{"a": "}"}',
      '',
      '  ',
      '"',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (lines) => {
        const text = lines.join('\n');
        const sections = splitMixedSections(text);
        let position = 0;
        for (const section of sections) {
          expect(section.start).toBe(position);
          expect(section.bodyStart).toBeGreaterThanOrEqual(section.start);
          expect(section.bodyEnd).toBeLessThanOrEqual(section.end);
          expect(section.bodyEnd).toBeGreaterThanOrEqual(section.bodyStart);
          position = section.end;
        }
        expect(position).toBe(text.length);
      }),
    );
  });

  it('handles a 1 MB line and many unbalanced brace lines', () => {
    const line = `{${'x'.repeat(1024 * 1024)}`;
    expect(splitMixedSections(line)).toEqual([
      {
        kind: 'text',
        start: 0,
        end: line.length,
        bodyStart: 0,
        bodyEnd: line.length,
      },
    ]);
    const braces = '{ not json\n'.repeat(200_000);
    expect(splitMixedSections(braces)).toHaveLength(1);
  });
});
