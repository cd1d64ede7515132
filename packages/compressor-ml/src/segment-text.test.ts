import { describe, expect, it } from 'vitest';
import { segmentText } from './segment-text.ts';

describe('segmentText', () => {
  it('classifies headings, fences, tables and markers as verbatim and keeps prefixes', () => {
    const content = [
      '# Title',
      '- item one',
      '  1. nested [ ] two',
      '',
      '```',
      'code here',
      '```',
      '| a | b |',
      '[… 3 lines omitted · sc:k#1 …]',
      '> quoted text',
    ].join('\n');
    const { lines } = segmentText(content, { blockChars: 2000 });
    expect(lines.map((line) => line.kind)).toEqual([
      'verbatim',
      'prose',
      'prose',
      'blank',
      'verbatim',
      'verbatim',
      'verbatim',
      'verbatim',
      'verbatim',
      'prose',
    ]);
    const prefix = (index: number) =>
      content.slice(lines[index]!.start, lines[index]!.prefixEnd);
    expect([prefix(1), prefix(2), prefix(9)]).toEqual(['- ', '  1. ', '> ']);
  });

  it('keeps code spans, links and markers whole and marks must-keep words', () => {
    const content =
      'Use `a b c` and [the docs](https://x.dev/a) or [… 2 words dropped · sc:k#2 …] with cache now';
    const { words } = segmentText(content, {
      blockChars: 2000,
      queryTerms: ['cach'],
    });
    expect(words.map((word) => word.text)).toEqual([
      'Use',
      '`a b c`',
      'and',
      '[the docs](https://x.dev/a)',
      'or',
      '[… 2 words dropped · sc:k#2 …]',
      'with',
      'cache',
      'now',
    ]);
    expect(
      words.filter((word) => word.mustKeep).map((word) => word.text),
    ).toEqual([
      '`a b c`',
      '[the docs](https://x.dev/a)',
      '[… 2 words dropped · sc:k#2 …]',
      'cache',
    ]);
    for (const word of words)
      expect(content.slice(word.start, word.end)).toBe(word.text);
  });

  it('ends sentences at punctuation, list items and blank lines', () => {
    const content = 'One two. Three\nfour\n- five six\n- seven\n\neight';
    const { sentences, words } = segmentText(content, { blockChars: 2000 });
    expect(
      sentences.map(([first, end]) =>
        words
          .slice(first, end)
          .map((word) => word.text)
          .join(' '),
      ),
    ).toEqual(['One two.', 'Three four', 'five six', 'seven', 'eight']);
  });

  it('groups lines into blocks that close at a blank line past blockChars', () => {
    const content = [
      'aaa bbb',
      '',
      'ccc ddd',
      '',
      '## Head',
      'eee',
      '```',
      'x',
      '```',
      'fff',
    ].join('\n');
    expect(segmentText(content, { blockChars: 2000 }).blocks).toEqual([
      { firstLine: 0, lastLine: 9 },
    ]);
    expect(segmentText(content, { blockChars: 5 }).blocks).toEqual([
      { firstLine: 0, lastLine: 0 },
      { firstLine: 2, lastLine: 2 },
      { firstLine: 4, lastLine: 9 },
    ]);
  });
});
