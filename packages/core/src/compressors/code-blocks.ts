/**
 * Block structure of source code read from indentation alone, in any
 * language and without a grammar: the code outline (`code-outline.ts`)
 * elides the bodies it finds. Private to the package.
 */
import type { LineIndex } from './line-index.ts';

/** A tab advances to the next multiple of this many columns. */
const TAB_WIDTH = 4;
/** Blocks nest at most this deep (the outline walks them recursively). */
const MAX_DEPTH = 256;
/** Lines longer than this are only read this far (minified code). */
const MAX_READ_CHARS = 2_000;

/**
 * Openers whose body holds members, not statements: classes, structs,
 * interfaces, traits, impls, modules, namespaces, enums, TypeScript
 * `type X = {`, and Go's grouped `type (` / `var (` / `const (`.
 */
const CONTAINER = new RegExp(
  [
    String.raw`^(?:(?:export|default|declare|abstract|public|private|protected|internal|static|final|sealed|partial|unsafe|data|open|inner|value|annotation|case|enum|pub(?:\([\w:]{0,40}\))?)\s{1,8}){0,6}`,
    '(?:class|struct|interface|trait|impl|module|mod|namespace|enum|object|record|protocol|extension|union)',
    String.raw`(?:\s{1,8}[\w$<{:@\\'"]|<|\s{0,8}\{|$)`,
    String.raw`|^type\s{1,8}[\w$]{1,200}(?:\[[^\]]{0,200}\])?\s{1,8}(?:struct|interface)\b`,
    String.raw`|^(?:export\s{1,8}|declare\s{1,8}){0,2}type\s{1,8}[\w$]{1,200}(?:<[^=]{0,200}>)?\s{0,8}=\s{0,8}\{\s*$`,
    String.raw`|^(?:type|var|const|import)\s{0,8}\($`,
  ].join(''),
);
/**
 * A line that only closes a block (`}`, `});`, `)`, `]`, Ruby's `end`,
 * `>` after type parameters), possibly reopening the next (`} else {`,
 * `) -> str:`, `> extends Base {`).
 */
const CLOSER = /^(?:[}\])>]|end\b)/;
/** String literals, so brackets inside them are not counted. */
const STRING = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g;

const LINE_COMMENT =
  /^(?:\/\/|#(?![[!]|\s{0,4}(?:include|import|define|if|endif|else|pragma)\b)|--|;;)/;
/** A Python docstring or other triple-quoted string opening the line. */
const TRIPLE = /^[rRbBuUfF]{0,2}("""|''')/;

/**
 * Comment lines: each line of a comment block holds the block's first
 * line, every other line -1. A block is a run of line comments (`//`,
 * `#`, `--`), a `/* … *\/` comment, or a string literal opening a line
 * (`"""…"""`, a Python docstring).
 */
export function readComments(content: string, index: LineIndex): Int32Array {
  const count = index.starts.length;
  const comments = new Int32Array(count).fill(-1);
  // A closing delimiter missing from the rest of the file is not looked
  // for again (linear time on broken input).
  const unclosed = new Set<string>();
  for (let line = 0; line < count; line++) {
    const text = lineText(index, content, line);
    let close: string | undefined;
    let from = 0;
    const triple = TRIPLE.exec(text);
    if (triple) {
      close = triple[1]!;
      from = triple[0].length;
    } else if (text.startsWith('/*')) {
      close = '*/';
      from = 2;
    }
    if (close !== undefined && !unclosed.has(close)) {
      let last = line;
      if (!text.includes(close, from)) {
        last++;
        while (last < count && !lineText(index, content, last).includes(close))
          last++;
        // Never closed: not a comment after all.
        if (last >= count) {
          unclosed.add(close);
          continue;
        }
      }
      comments.fill(line, line, last + 1);
      line = last;
      continue;
    }
    if (!LINE_COMMENT.test(text)) continue;
    let last = line;
    while (
      last + 1 < count &&
      LINE_COMMENT.test(lineText(index, content, last + 1))
    )
      last++;
    comments.fill(line, line, last + 1);
    line = last;
  }
  return comments;
}

/** A block opened by a line whose following lines are indented deeper. */
export interface CodeBlock {
  /** Line that opens the block (`def run(self):`, `fn main() {`). */
  opener: number;
  /** The line classification reads: the opener, or the signature it continues. */
  head: number;
  /** First and last non-blank line of the body. */
  bodyStart: number;
  bodyEnd: number;
  /** Line at the opener's indentation that closes it (`}`, `end`), or -1. */
  closer: number;
  /** The body holds members (a class, struct, module): it is read, never elided whole. */
  container: boolean;
  children: CodeBlock[];
}

/** Indentation width in columns, or -1 for a blank line. */
function indentOf(content: string, start: number, end: number): number {
  let columns = 0;
  for (let at = start; at < end; at++) {
    const char = content.charCodeAt(at);
    if (char === 32) columns++;
    else if (char === 9) columns += TAB_WIDTH - (columns % TAB_WIDTH);
    else if (char !== 13) return columns;
  }
  return -1;
}

/** The text of a line without its indentation, read up to {@link MAX_READ_CHARS}. */
export function lineText(
  index: LineIndex,
  content: string,
  line: number,
): string {
  const start = index.starts[line]!;
  const end = Math.min(index.ends[line]!, start + MAX_READ_CHARS);
  return content.slice(start, end).trim();
}

/** `(` minus `)` on a line, string literals left out. */
export function parenDepth(text: string): number {
  let depth = 0;
  for (const char of text.replace(STRING, '""')) {
    if (char === '(') depth++;
    else if (char === ')') depth--;
  }
  return depth;
}

/** The block structure of a source file. */
export interface CodeStructure {
  /** Indentation of each line, -1 for blank ones. */
  indents: number[];
  /** Top-level blocks; the file itself acts as a container. */
  blocks: CodeBlock[];
}

/**
 * Reads blocks from indentation: a line opens a block when the next
 * non-blank line is indented deeper; the block runs to the line that
 * comes back to the opener's indentation, which is its closer when it
 * only closes (`}`, `end`, `) -> T:`). Linear in the input; never throws
 * on mixed tabs and spaces or unbalanced code (it only reads less
 * structure).
 */
export function readCodeStructure(
  content: string,
  index: LineIndex,
  comments: Int32Array,
): CodeStructure {
  const count = index.starts.length;
  const indents = index.starts.map((start, line) =>
    indentOf(content, start, index.ends[line]!),
  );
  // Comment lines are read as blank: they belong to the code around them.
  const structural = indents.map((indent, line) =>
    comments[line]! >= 0 ? -1 : indent,
  );
  const root: CodeBlock = {
    opener: -1,
    head: -1,
    bodyStart: 0,
    bodyEnd: count - 1,
    closer: -1,
    container: true,
    children: [],
  };
  const stack: Array<{ block: CodeBlock; indent: number }> = [
    { block: root, indent: -1 },
  ];
  /** The block each closer line closed, to classify what it reopens. */
  const closed = new Map<number, CodeBlock>();
  let previous = -1;
  for (let line = 0; line < count; line++) {
    const indent = structural[line]!;
    if (indent < 0) continue;
    const text = lineText(index, content, line);
    while (stack.length > 1 && indent <= stack[stack.length - 1]!.indent) {
      const top = stack.pop()!;
      top.block.bodyEnd = previous;
      if (indent === top.indent && top.block.closer < 0 && CLOSER.test(text)) {
        top.block.closer = line;
        closed.set(line, top.block);
      }
    }
    let next = line + 1;
    while (next < count && structural[next]! < 0) next++;
    if (
      next < count &&
      structural[next]! > indent &&
      stack.length <= MAX_DEPTH
    ) {
      // `{` alone (Allman braces) or a closer reopening: read the
      // signature it belongs to.
      let head = line;
      if (text === '{' && previous >= 0) head = previous;
      head = closed.get(head)?.head ?? head;
      const block: CodeBlock = {
        opener: line,
        head,
        bodyStart: next,
        bodyEnd: next,
        closer: -1,
        container: CONTAINER.test(lineText(index, content, head)),
        children: [],
      };
      stack[stack.length - 1]!.block.children.push(block);
      stack.push({ block, indent });
    }
    previous = line;
  }
  while (stack.length > 1) stack.pop()!.block.bodyEnd = previous;
  return { indents, blocks: root.children };
}
