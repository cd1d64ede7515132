/**
 * The text compressor's outline for source code (no code plug-in, or its
 * grammar could not parse the file): block structure from indentation
 * (`code-blocks.ts`), every declaration and member line kept verbatim,
 * long function bodies and the tails of comment blocks elided behind one
 * retrievable marker each. Private to the package.
 */

import {
  type CodeBlock,
  lineText,
  parenDepth,
  readCodeStructure,
  readComments,
} from './code-blocks.ts';
import type { CompressorInput, CompressorResult } from './compressor.ts';
import { isDeclarationLine } from './declaration-lines.ts';
import {
  indexLines,
  type LineIndex,
  plural,
  queryHits,
  queryTerms,
} from './line-index.ts';

/**
 * Default share of the input's tokens code keeps, markers included. Lower
 * than prose's 0.5: an outline (imports, declarations, members, closers
 * and one marker per body) is 15–30 % of a typical file, and the code
 * plug-in's `balanced` detail bounds dense files at the same 0.35, so a
 * file keeps about the same share with or without the plug-in.
 */
export const CODE_TARGET_RATIO = 0.3;
/**
 * Bodies of up to this many non-blank lines stay (a getter, a one-line
 * delegation) unless the file is over its target: their marker would
 * cost nearly what they do. The code plug-in's `balanced` keeps 4.
 */
const SHORT_BODY_LINES = 4;
/**
 * A short body or a comment's tail is elided only when its marker costs
 * at most this share of it (the code plug-in's rule).
 */
const MARKER_MAX_SHARE = 0.6;
/** Lines of a multi-line signature kept after the declaration line. */
const MAX_SIGNATURE_LINES = 12;

/** A Python docstring that opens here and does not close on the same line. */
const DOCSTRING = /^[rRbBuU]{0,2}("""|''')/;

/** Options of the text compressor that apply to source code only. */
export interface CodeOutlineOptions {
  /**
   * Fraction of tokens source code keeps (content detected or routed as
   * `code` that reaches the text compressor), markers included;
   * `input.targetRatio` takes precedence. Bodies over 4 lines are elided
   * whatever the target; shorter ones go while the output is over it.
   * @default 0.35
   */
  codeTargetRatio?: number;
}

/** Options of {@link outlineCode}. */
export interface OutlineCodeOptions {
  /** Share of the input's tokens to aim at, markers included. */
  ratio: number;
  /** Tokens one marker costs; measured when undefined. */
  markerTokens: number | undefined;
  /** Inputs longer than this are counted at 4 characters a token. */
  exactCountLimit: number;
}

/** An elidable piece: a block's body or a comment's tail. */
interface Candidate {
  /** Line runs `[first, last]` dropped when elided, one marker each. */
  runs: Array<[number, number]>;
  /** Non-blank lines dropped. */
  lines: number;
  tokens: number;
  /** A body (not a comment's tail). */
  body: boolean;
  /** The query names something in it: never elided. */
  matched: boolean;
  elided: boolean;
}

/**
 * Lines of a body kept before its marker: a multi-line signature's
 * continuation, a docstring's first line. Returns the first line after them.
 */
function leadLines(
  block: CodeBlock,
  index: LineIndex,
  content: string,
  comments: Int32Array,
): number {
  let line = block.bodyStart;
  const head = lineText(index, content, block.head);
  const paren = head.indexOf('(');
  if (
    block.head === block.opener &&
    paren >= 0 &&
    !head.slice(0, paren).includes('=') &&
    isDeclarationLine(head)
  ) {
    let depth = parenDepth(head);
    while (
      depth > 0 &&
      line <= block.bodyEnd &&
      line - block.bodyStart < MAX_SIGNATURE_LINES
    ) {
      depth += parenDepth(lineText(index, content, line));
      line++;
    }
  }
  if (
    line <= block.bodyEnd &&
    comments[line] === line &&
    DOCSTRING.test(lineText(index, content, line))
  )
    line++;
  return line;
}

/** Saving of eliding `candidate`: its tokens less its markers'. */
function saving(candidate: Candidate, markerTokens: number): number {
  return candidate.tokens - candidate.runs.length * markerTokens;
}

/** Elides `candidates` (largest saving first) while `total` is above `target`. */
function elideWhileOver(
  candidates: readonly Candidate[],
  total: number,
  target: number,
  markerTokens: number,
): number {
  const order = candidates
    .filter(
      (candidate) =>
        !candidate.elided &&
        !candidate.matched &&
        candidate.runs.length * markerTokens <=
          MARKER_MAX_SHARE * candidate.tokens,
    )
    .sort((a, b) => saving(b, markerTokens) - saving(a, markerTokens));
  for (const candidate of order) {
    if (total <= target) break;
    candidate.elided = true;
    total -= saving(candidate, markerTokens);
  }
  return total;
}

/**
 * A line inside a body that assigns (`fn := …`, `type = …`, Ruby's
 * `@name = …`): no declaration.
 */
const ASSIGNMENT =
  /^(?:(?:const|let|var|val|local|my)\s{1,8})?@?[\w$.]{1,200}\s{0,8}(?::=|[-+*/|&]?=(?![=>])|<<)/;
/**
 * A decorator, annotation or attribute line (`@cache`, `#[cfg(test)]`);
 * inside a body, only one that decorates a declaration is one.
 */
const DECORATOR = /^(?:@[A-Za-z_$]|#!?\[)/;

/** Declaration lines a text needs before its blocks are read as bodies. */
const MIN_DECLARATIONS = 2;

/**
 * Outlines source code: keeps imports, declarations, class and module
 * members, decorators, closers and each comment block's first line;
 * elides bodies over {@link SHORT_BODY_LINES} lines (unless they match
 * the query) and long comment tails, then, while the output is over
 * `ratio` of the input, shorter bodies, and last runs of short bodies,
 * closers and comments between declarations under one marker each.
 * Declaration lines are never dropped. Returns undefined when the file
 * shows no block structure to outline (the caller falls back to
 * sentences).
 */
export function outlineCode(
  input: CompressorInput,
  { ratio, markerTokens, exactCountLimit }: OutlineCodeOptions,
): CompressorResult | undefined {
  const { content } = input;
  const exact = content.length <= exactCountLimit && input.tokenizer.loaded;
  const count = (text: string): number =>
    exact ? input.tokenizer.count(text) : Math.ceil(text.length / 4);
  const index = indexLines(content);
  const comments = readComments(content, index);
  const { indents, blocks } = readCodeStructure(content, index, comments);
  const lineCount = indents.length;
  const total = count(content);
  const perChar = total / Math.max(1, content.length);
  const tokensOf = (line: number): number =>
    Math.max(
      1,
      Math.round((index.ends[line]! - index.starts[line]! + 1) * perChar),
    );
  const terms = queryTerms(input.query);
  const mark = input.markers.spans.length;
  const probe = input.markers.drop({ summary: '10 lines omitted', text: '' });
  input.markers.truncate(mark);
  const markerCost = markerTokens ?? count(probe) + 1;

  const declaration = new Uint8Array(lineCount);
  for (let line = 0; line < lineCount; line++)
    if (
      indents[line]! >= 0 &&
      comments[line]! < 0 &&
      isDeclarationLine(content.slice(index.starts[line], index.ends[line]))
    )
      declaration[line] = 1;
  // Bodies are what declarations open: text misread as code that declares
  // nothing (nested data, a config, a tool's report) has blocks of data,
  // not bodies, and keeps the sentence path.
  let declarations = 0;
  for (let line = 0; line < lineCount; line++)
    declarations += declaration[line]!;
  if (declarations < MIN_DECLARATIONS) return undefined;
  /** Lines under budget pressure only: short bodies, body closers, comments. */
  const soft = new Uint8Array(lineCount);
  const inBody = new Uint8Array(lineCount);
  /** Signature continuation lines: soft only when nothing else is left. */
  const signature: number[] = [];
  const candidates: Candidate[] = [];
  const addCandidate = (
    from: number,
    to: number,
    body: boolean,
    matched: boolean,
  ): void => {
    const runs: Array<[number, number]> = [];
    let lines = 0;
    let tokens = 0;
    let first = -1;
    let last = -1;
    for (let line = from; line <= to; line++) {
      if (declaration[line]) {
        if (first >= 0) runs.push([first, last]);
        first = -1;
        continue;
      }
      if (!matched) soft[line] = 1;
      if (indents[line]! < 0) continue;
      if (first < 0) first = line;
      // Blank lines between two dropped ones are dropped with them.
      for (let at = Math.max(first, last + 1); at <= line; at++)
        tokens += tokensOf(at);
      last = line;
      lines++;
    }
    if (first >= 0) runs.push([first, last]);
    if (runs.length > 0)
      candidates.push({ runs, lines, tokens, body, matched, elided: false });
  };
  const openers = new Set<number>();
  const collect = (block: CodeBlock): void => {
    openers.add(block.opener);
    block.children.forEach(collect);
  };
  blocks.forEach(collect);
  const visit = (block: CodeBlock): void => {
    if (block.container && openers.has(block.closer)) {
      // A class's multi-line head (`interface X<` … `> extends Y {`):
      // a signature, its members follow in the block the closer opens.
      for (let line = block.bodyStart; line <= block.bodyEnd; line++)
        if (!declaration[line]) signature.push(line);
      return;
    }
    if (block.container) {
      for (const child of block.children) visit(child);
      return;
    }
    // Inside a body, `fn := …` is a statement, and `@name.call` Ruby's
    // instance variable, not a declaration (read bottom-up, so a
    // decorator sees whether what it decorates still is one).
    let decorates = false;
    for (let line = block.bodyEnd; line >= block.bodyStart; line--) {
      inBody[line] = 1;
      if (!declaration[line]) {
        if (indents[line]! >= 0 && comments[line]! < 0) decorates = false;
        continue;
      }
      const text = lineText(index, content, line);
      if (ASSIGNMENT.test(text) || (DECORATOR.test(text) && !decorates))
        declaration[line] = 0;
      decorates = declaration[line] === 1;
    }
    if (block.closer >= 0) soft[block.closer] = 1;
    const from = leadLines(block, index, content, comments);
    for (let line = block.bodyStart; line < from; line++) signature.push(line);
    if (from > block.bodyEnd) return;
    const text = content.slice(
      index.starts[block.head]!,
      index.ends[block.bodyEnd]!,
    );
    addCandidate(from, block.bodyEnd, true, queryHits(text, terms) > 0);
  };
  for (const block of blocks) visit(block);
  // Comment blocks outside bodies keep their first line.
  for (let line = 0; line < lineCount; line++) {
    const first = comments[line]!;
    if (first < 0 || inBody[line]) continue;
    let last = line;
    while (last + 1 < lineCount && comments[last + 1] === first) last++;
    if (last > line) addCandidate(line + 1, last, false, false);
    // Under pressure, comments go too.
    soft.fill(1, line, last + 1);
    line = last;
  }

  let used = total;
  for (const candidate of candidates) {
    const elide = candidate.body
      ? candidate.lines > SHORT_BODY_LINES
      : candidate.runs.length * markerCost <=
        MARKER_MAX_SHARE * candidate.tokens;
    if (elide && !candidate.matched) {
      candidate.elided = true;
      used -= saving(candidate, markerCost);
    }
  }
  const target = ratio * total;
  used = elideWhileOver(candidates, used, target, markerCost);
  /** Marker group of each dropped line; -1 for kept lines. */
  const group = new Int32Array(lineCount).fill(-1);
  let groups = 0;
  for (const candidate of candidates)
    if (candidate.elided)
      for (const [first, last] of candidate.runs)
        group.fill(groups++, first, last + 1);
  if (used > target) mergeSoftRuns();
  if (used > target && signature.length > 0) {
    for (const line of signature) soft[line] = 1;
    mergeSoftRuns();
  }
  if (groups === 0) return undefined;
  return {
    output: render(content, index, group, input),
    lossless: false,
    labels: ['text:code-outline'],
  };

  /**
   * Still over the target (a dense file of short functions): maximal runs
   * of soft lines (dropped ones, short bodies, body closers, comments)
   * between the kept declarations each become one marker, largest saving
   * first, while over.
   */
  function mergeSoftRuns(): void {
    const merges: Array<{ first: number; last: number; saving: number }> = [];
    for (let line = 0; line < lineCount; line++) {
      if (!soft[line] && !(group[line]! >= 0) && indents[line]! >= 0) continue;
      let first = line;
      let last = line;
      while (
        last + 1 < lineCount &&
        (soft[last + 1] || group[last + 1]! >= 0 || indents[last + 1]! < 0)
      )
        last++;
      line = last;
      while (first <= last && indents[first]! < 0) first++;
      while (last >= first && indents[last]! < 0) last--;
      if (first > last) continue;
      let tokens = 0;
      const markers = new Set<number>();
      for (let at = first; at <= last; at++) {
        if (group[at]! >= 0) markers.add(group[at]!);
        else tokens += tokensOf(at);
      }
      const gain = tokens + (markers.size - 1) * markerCost;
      if (gain > 0) merges.push({ first, last, saving: gain });
    }
    merges.sort((a, b) => b.saving - a.saving || a.first - b.first);
    for (const merge of merges) {
      if (used <= target) break;
      group.fill(groups++, merge.first, merge.last + 1);
      used -= merge.saving;
    }
  }
}

/** The kept lines verbatim; each run of one group, one marker indented like it. */
function render(
  content: string,
  index: LineIndex,
  group: Int32Array,
  input: CompressorInput,
): string {
  const out: string[] = [];
  const count = group.length;
  for (let line = 0; line < count; line++) {
    const id = group[line]!;
    const text = content.slice(index.starts[line], index.ends[line]);
    if (id < 0) {
      out.push(text);
      continue;
    }
    let last = line;
    while (last + 1 < count && group[last + 1] === id) last++;
    const indent = text.slice(0, text.length - text.trimStart().length);
    const marker = input.markers.drop({
      summary: `${plural(last - line + 1, 'line')} omitted`,
      ranges: [[index.starts[line]!, index.ends[last]!]],
    });
    out.push(`${indent}${marker}`);
    line = last;
  }
  return out.join('\n');
}
