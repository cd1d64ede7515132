import type { MarkerSink } from '@sharedcontext/core';
import type { Node } from 'web-tree-sitter';
import { type ShortBody, selectBodiesToElide } from './body-budget.ts';
import {
  compactBlockComment,
  compactDocstring,
  compactLineComments,
  isCommentNode,
  lineCommentPrefix,
} from './doc-comments.ts';
import type { LanguageSpec } from './languages.ts';
import {
  isMemberList,
  literalRuns,
  type MemberRun,
  memberListRuns,
} from './member-outline.ts';

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
  /** Outline long member lists and unions of literal types (see `member-outline.ts`). */
  outlineMembers: boolean;
  /**
   * Share of the input's tokens the output may take before the least
   * important short bodies are elided too (see `body-budget.ts`); undefined for none.
   */
  bodyBudget: number | undefined;
  /** Token count of a marker's text, for what a marker costs. */
  countTokens: (text: string) => number;
  /**
   * Token cost of a span of the input or of a draft output, for the
   * budget's comparisons: an estimate is enough there.
   */
  estimateTokens: (text: string) => number;
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

/** A span to replace by a marker; markers are made in output order at the end. */
interface Elision {
  start: number;
  end: number;
  summary: string;
  render: (marker: string) => string;
}

interface Candidate extends ShortBody {
  elision: Elision;
}

const CONSTRUCTORS = new Set([
  'constructor',
  '__init__',
  '__new__',
  'initialize',
]);

/** Occurrences of each word of the file, to rank bodies by references to their name. */
function wordCounts(content: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [word] of content.matchAll(/[\p{L}\p{N}_$]+/gu))
    counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/** Whether a function is part of the file's public surface, by its language's convention. */
function isPublic(
  spec: LanguageSpec,
  name: string,
  signature: string,
): boolean {
  if (/^[_#]/.test(name)) return false;
  if (spec.grammar === 'go') return /^[A-Z]/.test(name);
  if (spec.grammar === 'rust') return /\bpub\b/.test(signature);
  return !/\b(private|protected)\b/.test(signature);
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
      parent.childForFieldName('left') ??
      // Ruby `configure :test do … end`: the method the block is given to.
      parent.childForFieldName('method');
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
 * comments to their first line. With `outlineMembers`, long member lists
 * and unions keep their first members and a marker for the rest; with a
 * `bodyBudget`, a dense file's least important short bodies go as well.
 * Everything else is kept byte for byte: imports, declarations,
 * signatures, fields, exports.
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
    outlineMembers,
    bodyBudget,
    countTokens,
    estimateTokens,
  } = options;
  const edits: Edit[] = [];
  const elisions: Elision[] = [];
  const shortBodies: Candidate[] = [];
  let compacted = 0;

  // What a marker costs, measured on a probe the sink then forgets.
  const mark = markers.spans.length;
  const probe = markers.drop({ summary: '\u0000', ranges: [[0, 0]] });
  markers.truncate(mark);
  const sampleMarker = (summary: string): string =>
    probe.replace('\u0000', summary);

  let counts: Map<string, number> | undefined;
  const references = (name: string): number => {
    counts ??= wordCounts(content);
    const word = /[\p{L}\p{N}_$]+$/u.exec(name)?.[0];
    return word ? Math.max(0, (counts.get(word) ?? 1) - 1) : 0;
  };

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

  const bodyElision = (start: number, end: number, lines: number): Elision => {
    // `# marker` must not comment out an `end` left on the body's last line.
    const rest = content.slice(end, content.indexOf('\n', end) >>> 0);
    const close =
      spec.style === 'ruby' && rest.trim() !== ''
        ? `\n${lineIndent(content, end)}`
        : '';
    return {
      start,
      end,
      summary: `${lines} lines`,
      render: (marker) => placeholder(marker, start) + close,
    };
  };

  const elide = (node: Node, body: Node): void => {
    const name = functionName(node);
    let start = body.startIndex;
    let firstRow = body.startPosition.row;
    const lastBodyRow = lastRow(body);
    let bodyLines: number;
    if (spec.style === 'python') {
      const statements = body.namedChildren;
      const first = statements[0];
      if (first && isDocstring(first)) {
        // The docstring is shortened whether or not the body goes.
        compactDocstringNode(first);
        const next = statements[1];
        if (!next) return;
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
    if (matchesQuery(queryTerms, name, content.slice(start, end))) return;
    // A Ruby block that defines methods (`Struct.new do`, `class_eval do`)
    // is a class body: walked, not elided.
    if (node.type === 'do_block' && definesMethods(body)) {
      visitChildren(body);
      return;
    }
    const elision = bodyElision(start, end, lastBodyRow - firstRow + 1);
    if (bodyLines <= maxBodyLines) {
      if (bodyBudget !== undefined)
        considerShortBody(node, body, name, elision);
      return;
    }
    if (bodyLines > outlineMinLines && hasNestedFunction(body)) {
      visitChildren(body);
      return;
    }
    elisions.push(elision);
  };

  const considerShortBody = (
    node: Node,
    body: Node,
    name: string,
    elision: Elision,
  ): void => {
    // A one-line `def f(): ...` would lose what follows on its line.
    if (
      (spec.style === 'python' || spec.style === 'ruby') &&
      body.startPosition.row === node.startPosition.row
    )
      return;
    if (CONSTRUCTORS.has(name) || node.type.includes('constructor')) return;
    const signature = content.slice(node.startIndex, body.startIndex);
    shortBodies.push({
      start: elision.start,
      end: elision.end,
      importance: references(name) + (isPublic(spec, name, signature) ? 1 : 0),
      bodyTokens: estimateTokens(content.slice(elision.start, elision.end)),
      markerTokens: countTokens(elision.render(sampleMarker(elision.summary))),
      elision,
    });
  };

  const definesMethods = (node: Node): boolean =>
    node.namedChildren.some(
      (child) =>
        child.type === 'method' ||
        child.type === 'singleton_method' ||
        child.type === 'class' ||
        child.type === 'module' ||
        definesMethods(child),
    );

  const hasNestedFunction = (node: Node): boolean =>
    node.namedChildren.some(
      (child) =>
        (spec.functions.has(child.type) &&
          spec.bodies.has(child.childForFieldName('body')?.type ?? '')) ||
        hasNestedFunction(child),
    );

  // Ranges already behind a marker: nothing inside them is visited.
  const outlined: Array<[number, number]> = [];
  const isOutlined = (node: Node): boolean =>
    outlined.some(
      ([start, end]) => node.startIndex >= start && node.endIndex <= end,
    );

  const outline = (runs: readonly MemberRun[]): void => {
    for (const run of runs) {
      const indent = lineIndent(content, run.end);
      const render = (marker: string): string => {
        const lead = run.inline ? ' ' : `\n${indent}`;
        if (spec.style !== 'brace') return `${lead} # ${marker}\n${indent}`;
        if (!marker.includes('*/')) return `${lead}/* ${marker} */`;
        const newline = content[run.end] === '\n' ? '' : `\n${indent}`;
        return `${lead}// ${marker}${newline}`;
      };
      const markerTokens = countTokens(render(sampleMarker(run.summary)));
      const spanTokens = estimateTokens(content.slice(run.start, run.end));
      if (markerTokens > MEMBER_MARKER_MAX_SHARE * spanTokens) continue;
      elisions.push({ ...run, render });
      outlined.push([run.start, run.end]);
    }
  };

  const visit = (node: Node): void => {
    if (isOutlined(node)) return;
    if (spec.functions.has(node.type)) {
      const body = node.childForFieldName('body');
      if (body && spec.bodies.has(body.type)) {
        elide(node, body);
        return;
      }
    }
    if (outlineMembers) {
      if (isMemberList(spec, node)) outline(memberListRuns(node, content));
      else if (
        spec.literalLists.has(node.type) &&
        node.parent?.type !== node.type
      )
        outline(literalRuns(node));
    }
    if (node.namedChildCount > 0) visitChildren(node);
  };

  const visitChildren = (node: Node): void => {
    const children = node.namedChildren.filter((child) => !isOutlined(child));
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

  if (bodyBudget !== undefined && shortBodies.length > 0) {
    const kept = applyEdits(content, edits, elisions, (elision) =>
      elision.render(sampleMarker(elision.summary)),
    );
    const chosen = selectBodiesToElide(shortBodies, {
      inputTokens: estimateTokens(content),
      outputTokens: estimateTokens(kept.output),
      ratio: bodyBudget,
    });
    for (const body of chosen) elisions.push(body.elision);
  }

  const { output, elided } = applyEdits(content, edits, elisions, (elision) =>
    elision.render(
      markers.drop({
        summary: elision.summary,
        ranges: [[elision.start, elision.end]],
      }),
    ),
  );
  return { output, elided, compacted };
}

/**
 * A member run goes behind a marker only when the marker (its names
 * included) costs at most this share of the run's tokens.
 */
const MEMBER_MARKER_MAX_SHARE = 0.6;

/** The content with edits and elisions applied in order; markers are made here, in output order. */
function applyEdits(
  content: string,
  edits: readonly Edit[],
  elisions: readonly Elision[],
  markerText: (elision: Elision) => string,
): { output: string; elided: number } {
  const all: Array<Edit | Elision> = [...edits, ...elisions].sort(
    (a, b) => a.start - b.start || a.end - b.end,
  );
  let output = '';
  let cursor = 0;
  let elided = 0;
  for (const item of all) {
    if (item.start < cursor) continue;
    const text = 'text' in item ? item.text : markerText(item);
    if (!('text' in item)) elided++;
    output += content.slice(cursor, item.start) + text;
    cursor = item.end;
  }
  output += content.slice(cursor);
  return { output, elided };
}
