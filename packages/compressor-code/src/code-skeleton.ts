import type { MarkerSink } from '@sharedcontext/core';
import type { Node } from 'web-tree-sitter';
import {
  compactBlockComment,
  compactDocstring,
  compactLineComments,
  isCommentNode,
  lineCommentPrefix,
} from './doc-comments.ts';
import type { LanguageSpec } from './languages.ts';

/** What {@link buildSkeleton} needs besides the tree. */
export interface SkeletonOptions {
  content: string;
  spec: LanguageSpec;
  markers: MarkerSink;
  /** Bodies with at most this many lines are kept whole. */
  maxBodyLines: number;
  /** Shorten multi-line comments and docstrings to their first line. */
  compactComments: boolean;
  /**
   * A body of more lines than this holding nested functions (a factory
   * returning an object of methods) is walked instead of elided whole: its
   * statements stay, the nested long bodies become markers.
   */
  outlineMinLines: number;
  /** Lowercase query terms; a body whose name or text holds one is kept. */
  queryTerms: readonly string[];
}

/** The skeleton text and what was done to get it. */
export interface Skeleton {
  output: string;
  /** Bodies replaced by a marker. */
  elided: number;
  /** Comment runs and docstrings shortened. */
  compacted: number;
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** Last row a node covers (a line comment that swallows its newline ends at column 0 of the next row). */
function lastRow(node: Node): number {
  return node.endPosition.column === 0 &&
    node.endPosition.row > node.startPosition.row
    ? node.endPosition.row - 1
    : node.endPosition.row;
}

function lineIndent(content: string, index: number): string {
  const lineStart = content.lastIndexOf('\n', index - 1) + 1;
  return /^[ \t]*/.exec(content.slice(lineStart, index))?.[0] ?? '';
}

/** The name shown in a body's marker: its own name, or what it is assigned to. */
function functionName(node: Node): string {
  let named: Node | null = node.childForFieldName('name');
  if (!named) {
    // C/C++: the name sits at the end of a chain of declarators.
    let declarator = node.childForFieldName('declarator');
    while (declarator) {
      named = declarator;
      declarator = declarator.childForFieldName('declarator');
    }
    if (
      named &&
      named.type !== 'identifier' &&
      named.type !== 'field_identifier'
    ) {
      named = named.childForFieldName('name') ?? named;
    }
  }
  if (!named && node.parent) {
    const parent = node.parent;
    named =
      parent.childForFieldName('name') ??
      parent.childForFieldName('key') ??
      parent.childForFieldName('left');
  }
  const text = named?.text.replace(/\s+/g, ' ').trim();
  return text && text.length <= 60 ? text : 'a function';
}

function matchesQuery(
  terms: readonly string[],
  name: string,
  text: string,
): boolean {
  if (terms.length === 0) return false;
  const lowerName = name.toLowerCase();
  const lowerText = text.toLowerCase();
  return terms.some(
    (term) => lowerName.includes(term) || lowerText.includes(term),
  );
}

function isDocstring(node: Node): boolean {
  return (
    node.type === 'expression_statement' &&
    node.namedChildCount === 1 &&
    node.namedChildren[0]?.type === 'string'
  );
}

/**
 * Walks the tree and replaces long function bodies with a retrieval marker
 * inside a comment (so the output still parses), and shortens multi-line
 * comments to their first line. Everything else is kept byte for byte:
 * imports, declarations, signatures, fields, types, exports.
 */
export function buildSkeleton(root: Node, options: SkeletonOptions): Skeleton {
  const {
    content,
    spec,
    markers,
    maxBodyLines,
    compactComments,
    outlineMinLines,
    queryTerms,
  } = options;
  const edits: Edit[] = [];
  let elided = 0;
  let compacted = 0;

  const addCompaction = (
    start: number,
    end: number,
    text: string | undefined,
  ): void => {
    if (text === undefined) return;
    edits.push({ start, end, text });
    compacted++;
  };

  const compactDocstringNode = (node: Node): void => {
    if (!compactComments) return;
    const stringNode = node.namedChildren[0];
    if (stringNode)
      addCompaction(
        stringNode.startIndex,
        stringNode.endIndex,
        compactDocstring(stringNode.text),
      );
  };

  const placeholder = (marker: string, start: number): string => {
    const indent = lineIndent(content, start);
    switch (spec.style) {
      case 'python':
        return `...  # ${marker}`;
      case 'ruby':
        return `# ${marker}`;
      case 'bash':
        return `{\n${indent}  : # ${marker}\n${indent}}`;
      default:
        return marker.includes('*/')
          ? `{ // ${marker}\n${indent}}`
          : `{ /* ${marker} */ }`;
    }
  };

  const elide = (node: Node, body: Node): void => {
    const name = functionName(node);
    let start = body.startIndex;
    let firstRow = body.startPosition.row;
    const lastBodyRow = lastRow(body);
    let bodyLines: number;
    let docstring: Node | undefined;
    if (spec.style === 'python') {
      const statements = body.namedChildren;
      const first = statements[0];
      if (first && isDocstring(first)) {
        const next = statements[1];
        if (!next) return;
        docstring = first;
        start = next.startIndex;
        firstRow = next.startPosition.row;
      }
      bodyLines = lastBodyRow - firstRow + 1;
    } else if (spec.style === 'ruby') {
      bodyLines = lastBodyRow - firstRow + 1;
    } else {
      // Braces on their own lines are not body lines.
      bodyLines = Math.max(1, lastBodyRow - firstRow - 1);
    }
    const end = body.endIndex;
    if (
      bodyLines <= maxBodyLines ||
      matchesQuery(queryTerms, name, content.slice(start, end))
    )
      return;
    if (bodyLines > outlineMinLines && hasNestedFunction(body)) {
      visitChildren(body);
      return;
    }
    if (docstring) compactDocstringNode(docstring);
    const lines = lastBodyRow - firstRow + 1;
    const marker = markers.drop({
      summary: `${lines} lines`,
      ranges: [[start, end]],
    });
    edits.push({ start, end, text: placeholder(marker, start) });
    elided++;
  };

  const hasNestedFunction = (node: Node): boolean =>
    node.namedChildren.some(
      (child) =>
        (spec.functions.has(child.type) &&
          spec.bodies.has(child.childForFieldName('body')?.type ?? '')) ||
        hasNestedFunction(child),
    );

  const visit = (node: Node): void => {
    if (spec.functions.has(node.type)) {
      const body = node.childForFieldName('body');
      if (body && spec.bodies.has(body.type)) {
        elide(node, body);
        return;
      }
    }
    if (node.namedChildCount > 0) visitChildren(node);
  };

  const visitChildren = (node: Node): void => {
    const children = node.namedChildren;
    let previousRow = -1;
    let index = 0;
    while (index < children.length) {
      const child = children[index]!;
      if (isCommentNode(child) && child.startPosition.row !== previousRow) {
        const prefix = lineCommentPrefix(child.text);
        let runEnd = index + 1;
        if (prefix !== undefined) {
          while (runEnd < children.length) {
            const next = children[runEnd]!;
            const before = children[runEnd - 1]!;
            if (
              !isCommentNode(next) ||
              lineCommentPrefix(next.text) !== prefix ||
              next.startPosition.row > lastRow(before) + 1
            )
              break;
            runEnd++;
          }
        }
        if (compactComments) {
          const run = children.slice(index, runEnd);
          const last = run[run.length - 1]!;
          const text =
            prefix === undefined
              ? compactBlockComment(child.text)
              : compactLineComments(run.map((comment) => comment.text));
          addCompaction(child.startIndex, last.endIndex, text);
        }
        previousRow = lastRow(children[runEnd - 1]!);
        index = runEnd;
        continue;
      }
      if (
        index === 0 &&
        isDocstring(child) &&
        (node.type === 'module' || node.type === 'block')
      ) {
        compactDocstringNode(child);
      } else if (!isCommentNode(child)) {
        visit(child);
      }
      previousRow = lastRow(child);
      index++;
    }
  };

  visit(root);

  edits.sort((a, b) => a.start - b.start);
  let output = '';
  let cursor = 0;
  for (const edit of edits) {
    if (edit.start < cursor) continue;
    output += content.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  output += content.slice(cursor);
  return { output, elided, compacted };
}
