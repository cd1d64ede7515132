import type { Node } from 'web-tree-sitter';

// Doc comments are shortened to their first line with text; a trailing ` …`
// says more was there (the whole original stays retrievable from the entry).

const LINE_PREFIX = /^(\/\/\/|\/\/!|\/\/|#!?|--)/;

/** True for every grammar's comment node types (`comment`, `line_comment`, `block_comment`). */
export function isCommentNode(node: Node): boolean {
  return (
    node.type === 'comment' ||
    node.type === 'line_comment' ||
    node.type === 'block_comment'
  );
}

/** The prefix of a line comment (`//`, `///`, `#`), or undefined for a block comment. */
export function lineCommentPrefix(text: string): string | undefined {
  if (text.startsWith('/*')) return undefined;
  return LINE_PREFIX.exec(text)?.[1];
}

/** The first sentence of a line: the rest of a long first line adds little. */
function firstSentence(line: string): string {
  for (const match of line.matchAll(/[.!?]\s/g)) {
    // Skip `e.g. ` and the like: a sentence has some length.
    if (match.index >= 24) return line.slice(0, match.index + 1);
  }
  return line;
}

function meaningful(line: string): string {
  // XML doc tags (`/// <summary>`) carry no text of their own.
  return line.replace(/<\/?[\w:]+[^>]*>/g, '').trim();
}

/** A multi-line `/* … *\/` comment as one line, or undefined when it is one line already. */
export function compactBlockComment(text: string): string | undefined {
  if (!text.includes('\n') || !text.startsWith('/*') || !text.endsWith('*/'))
    return undefined;
  const opener = /^\/\*+!?/.exec(text)?.[0] ?? '/*';
  const inner = text.slice(opener.length, -2);
  const first = inner
    .split('\n')
    .map((line) => line.replace(/^\s*\*+(?!\/)/, '').trim())
    .find((line) => meaningful(line) !== '');
  return first === undefined
    ? `${opener} */`
    : `${opener} ${firstSentence(first)} … */`;
}

/** A run of line comments as its first line with text, or undefined when the run is one line. */
export function compactLineComments(
  texts: readonly string[],
): string | undefined {
  if (texts.length < 2) return undefined;
  const trailingNewline = texts[texts.length - 1]!.endsWith('\n') ? '\n' : '';
  const lines = texts.map((text) => text.replace(/\r?\n$/, ''));
  const first =
    lines.find((line) => meaningful(line.replace(LINE_PREFIX, '')) !== '') ??
    lines[0]!;
  return `${firstSentence(first)} …${trailingNewline}`;
}

/** A multi-line triple-quoted docstring as one line, or undefined when it is one line already. */
export function compactDocstring(text: string): string | undefined {
  const match = /^([rRuUbBfF]*)("""|''')([\s\S]*)\2$/.exec(text);
  if (!match || !text.includes('\n')) return undefined;
  const [, prefix, quote, inner] = match;
  const first = inner!
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '');
  return first === undefined
    ? undefined
    : `${prefix}${quote}${firstSentence(first)} …${quote}`;
}
