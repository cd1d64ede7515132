import { describe, expect, it } from 'vitest';
import {
  compactBlockComment,
  compactDocstring,
  compactLineComments,
  lineCommentPrefix,
} from './doc-comments.ts';

describe('compactBlockComment', () => {
  it('keeps the first sentence of a multi-line doc comment', () => {
    expect(
      compactBlockComment(
        '/**\n   * Loads a file with retries. Retries up to three times.\n   * @param path the file\n   */',
      ),
    ).toBe('/** Loads a file with retries. … */');
  });

  it('leaves a one-line comment alone', () => {
    expect(compactBlockComment('/** One line. */')).toBeUndefined();
  });
});

describe('compactLineComments', () => {
  it('keeps the first line with text, skipping XML doc tags', () => {
    expect(
      compactLineComments([
        '/// <summary>',
        '/// Counts words.',
        '/// </summary>',
      ]),
    ).toBe('/// Counts words. …');
  });

  it('keeps the newline a Rust line comment ends with', () => {
    expect(compactLineComments(['//! Word statistics.\n', '//! More.\n'])).toBe(
      '//! Word statistics. …\n',
    );
  });
});

describe('compactDocstring', () => {
  it('keeps the first line inside the same quotes', () => {
    expect(
      compactDocstring(
        'r"""Read every word.\n\n    Words are letters.\n    """',
      ),
    ).toBe('r"""Read every word. …"""');
  });

  it('leaves a one-line docstring alone', () => {
    expect(compactDocstring('"""One line."""')).toBeUndefined();
  });
});

describe('lineCommentPrefix', () => {
  it('tells line comments from block comments', () => {
    expect(lineCommentPrefix('// x')).toBe('//');
    expect(lineCommentPrefix('/// x')).toBe('///');
    expect(lineCommentPrefix('# x')).toBe('#');
    expect(lineCommentPrefix('/* x */')).toBeUndefined();
  });
});
