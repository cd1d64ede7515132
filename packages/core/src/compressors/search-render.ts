/**
 * Writes file groups as text blocks. Each file becomes a block whose first
 * line starts with its path, so the caller can write paths in full or
 * under a shared directory header (`search-directories.ts`). Private to
 * the package.
 */
import type { SearchHit } from '../detect/search-lines.ts';
import type { CompressorInput } from './compressor.ts';
import { type LineIndex, lineRanges, plural } from './line-index.ts';
import {
  type FileGroup,
  type GroupLine,
  selectLines,
} from './search-groups.ts';

/** One file: the first line is `path + head`, then `body` lines. */
export interface FileBlock {
  path: string;
  head: string;
  body: string[];
  /** Listed by path and line numbers only (`:12,40,…`): no text, no body. */
  listed?: boolean;
}

/** A file, or a line that belongs to none (kept input lines, markers). */
export type RenderedBlock = FileBlock | string;

/** What rendering needs, and where omitted lines are collected. */
export interface RenderContext {
  input: CompressorInput;
  index: LineIndex;
  terms: readonly string[];
  maxLineChars: number;
  trimIndent: boolean;
  /** Lines behind the one closing marker, and how many files they came from. */
  omitted: number[];
  omittedFiles: number;
  /** Lines dropped or cut so far. */
  dropped: number;
}

/**
 * A file dropping fewer lines than this names their numbers in its header
 * and shares the closing marker: a marker per file costs about what one
 * dropped line does.
 */
const POOL_BELOW = 4;

/** Line numbers shown for a file listed by path only. */
const LISTED_NUMBERS = 2;

/** `:12:` `-12-` `(12,3): ` as written after a path; bare `12:` gets its separator back. */
function inlineHead(hit: SearchHit): string {
  if (!/^\d/.test(hit.head)) return hit.head;
  return hit.match ? `:${hit.head}` : `-${hit.head}`;
}

/** The head under a group header: `12:`, `12:3:`, `12-`, `(12,3): `. */
function groupedHead(hit: SearchHit): string {
  return hit.head.startsWith(':') || hit.head.startsWith('-')
    ? hit.head.slice(1)
    : hit.head;
}

/** A kept line's text, cut after `maxLineChars` with a marker for the rest. */
function cutText({ line, hit }: GroupLine, context: RenderContext): string {
  const { input, index, maxLineChars } = context;
  if (hit.text.length <= maxLineChars) return hit.text;
  context.dropped++;
  const end = index.ends[line]!;
  const marker = input.markers.drop({
    summary: `${plural(hit.text.length - maxLineChars, 'char')} cut`,
    ranges: [[end - (hit.text.length - maxLineChars), end]],
  });
  return `${hit.text.slice(0, maxLineChars)}${marker}`;
}

/** One file's lines, the ones its budget keeps and one marker or a header note for the rest. */
export function renderFile(
  group: FileGroup,
  context: RenderContext,
): RenderedBlock[] {
  if (group.keep === 0) return [renderListed(group, context)];
  const { input, index, terms, trimIndent } = context;
  const kept = selectLines(group, terms);
  if (group.lines.length === 1 && group.path !== '') {
    const entry = group.lines[0]!;
    return [
      {
        path: group.path,
        head: `${inlineHead(entry.hit)}${cutText(entry, context)}`,
        body: [],
      },
    ];
  }
  const indent = group.path === '' ? '' : '  ';
  const droppedLines = group.lines.filter((entry) => !kept.has(entry));
  const pool =
    group.path !== '' &&
    droppedLines.length > 0 &&
    droppedLines.length < POOL_BELOW;
  const body: string[] = [];
  for (const entry of group.lines) {
    if (!kept.has(entry)) continue;
    const text = cutText(entry, context);
    body.push(
      `${indent}${groupedHead(entry.hit)}${trimIndent ? text.trimStart() : text}`,
    );
  }
  context.dropped += droppedLines.length;
  if (pool) {
    for (const { line } of droppedLines) context.omitted.push(line);
    context.omittedFiles++;
  } else if (droppedLines.length > 0) {
    const matches = droppedLines.filter(({ hit }) => hit.match).length;
    const what =
      matches === droppedLines.length
        ? plural(matches, 'more match', 'more matches')
        : plural(droppedLines.length, 'more line');
    body.push(
      `${indent}${input.markers.drop({
        summary: `${what} omitted`,
        ranges: lineRanges(
          index,
          droppedLines.map(({ line }) => line),
        ),
      })}`,
    );
  }
  if (group.path === '') return body;
  const head = pool
    ? `: (+${droppedLines.map(({ hit }) => hit.lineNumber).join(',')})`
    : ':';
  return [{ path: group.path, head, body }];
}

/** A file past the line budget: its path and first line numbers; its lines go behind the closing marker. */
function renderListed(group: FileGroup, context: RenderContext): FileBlock {
  const numbers = group.lines.map(({ hit }) => hit.lineNumber);
  for (const { line } of group.lines) context.omitted.push(line);
  context.omittedFiles++;
  context.dropped += group.lines.length;
  const shown = numbers.slice(0, LISTED_NUMBERS).join(',');
  return {
    path: group.path,
    head: `:${shown}${numbers.length > LISTED_NUMBERS ? ',…' : ''}`,
    body: [],
    listed: true,
  };
}

/** The one marker after everything, for lines that files named in their header or listing. */
export function closingMarker(context: RenderContext): string | undefined {
  const { omitted, omittedFiles, input, index } = context;
  if (omitted.length === 0) return undefined;
  omitted.sort((a, b) => a - b);
  return input.markers.drop({
    summary: `${plural(omitted.length, 'more line')} of ${plural(omittedFiles, 'file')} omitted`,
    ranges: lineRanges(index, omitted),
  });
}
