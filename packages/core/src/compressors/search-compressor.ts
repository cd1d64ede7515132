import type { SearchHit } from '../detect/search-lines.ts';
import { assertOptions } from '../util/validate.ts';
import type { Compressor, CompressorInput } from './compressor.ts';
import {
  indexLines,
  type LineIndex,
  lineRanges,
  plural,
  queryTerms,
} from './line-index.ts';
import { assertCount } from './option-checks.ts';
import {
  budgetGroups,
  type FileGroup,
  type GroupLine,
  groupSearchLines,
  selectLines,
} from './search-groups.ts';

/** Options of {@link searchCompressor}. */
export interface SearchCompressorOptions {
  /**
   * Lines kept per file (the first and last match, then the best by query
   * match and error signal); the rest become one marker. @default 5
   */
  maxLinesPerFile?: number;
  /**
   * Lines kept over all files; when the per-file caps add up to more, the
   * per-file cap shrinks to one line per file, and past that the files
   * with the fewest query and error matches are listed by path and line
   * numbers only: every path stays. @default 40
   */
  maxTotalLines?: number;
  /** Content of a kept line is cut after this many characters (with a marker). @default 400 */
  maxLineChars?: number;
  /**
   * Leading indentation of grouped lines is dropped (the line number still
   * points at the source). @default true
   */
  trimIndent?: boolean;
}

/**
 * Search results in any common layout (`grep -n`, `grep -rn` with or
 * without `-A/-B/-C` context lines, `git grep` with a revision prefix,
 * ripgrep `--heading` and `--vimgrep`, `path(N,C): text`; one reader,
 * `detect/search-lines.ts`, handles them all):
 * groups lines by file in order of first appearance, keeps every file path,
 * keeps up to `maxLinesPerFile` lines per file (preferring lines that match
 * the query or carry an error signal) and leaves one marker per file for
 * the rest. Lines that are not search hits are kept as they are.
 *
 * @example
 * await compress(grepOutput, { contentType: 'search', query: 'driver' });
 */
export function searchCompressor(
  options: SearchCompressorOptions = {},
): Compressor {
  assertOptions(options);
  const {
    maxLinesPerFile = 5,
    maxTotalLines = 40,
    maxLineChars = 400,
    trimIndent = true,
  } = options;
  assertCount(maxLinesPerFile, 'maxLinesPerFile', 1);
  assertCount(maxTotalLines, 'maxTotalLines', 1);
  assertCount(maxLineChars, 'maxLineChars', 1);
  return {
    specificationVersion: 'v1',
    name: 'search',
    contentTypes: ['search'],
    compress(input: CompressorInput) {
      input.signal?.throwIfAborted();
      const { content } = input;
      const index = indexLines(content);
      const terms = queryTerms(input.query);
      const { blocks, groups } = groupSearchLines(content, index);
      budgetGroups(groups, terms, maxLinesPerFile, maxTotalLines);
      const context: RenderContext = {
        input,
        index,
        terms,
        maxLineChars,
        trimIndent,
        pooled: [],
        pooledFiles: 0,
      };
      let dropped = 0;
      const out: string[] = [];
      let listed: FileGroup[] = [];
      const closeListed = (): void => {
        if (listed.length === 0) return;
        dropped += renderListed(listed, out, context);
        listed = [];
      };
      for (const block of blocks) {
        if (typeof block !== 'number' && block.keep === 0) {
          listed.push(block);
          continue;
        }
        closeListed();
        if (typeof block === 'number')
          out.push(content.slice(index.starts[block], index.ends[block]));
        else dropped += renderFile(block, out, context);
      }
      closeListed();
      const { pooled, pooledFiles } = context;
      if (pooled.length > 0) {
        pooled.sort((a, b) => a - b);
        out.push(
          input.markers.drop({
            summary: `${plural(pooled.length, 'more line')} of ${plural(pooledFiles, 'file')} above omitted`,
            ranges: lineRanges(index, pooled),
          }),
        );
      }
      return {
        output: out.join('\n'),
        lossless: dropped === 0,
        labels: [dropped === 0 ? 'search:grouped' : 'search:capped'],
      };
    },
  };
}

interface RenderContext {
  input: CompressorInput;
  index: LineIndex;
  terms: readonly string[];
  maxLineChars: number;
  trimIndent: boolean;
  /** Lines of files with a few dropped lines: one marker at the end holds them all. */
  pooled: number[];
  pooledFiles: number;
}

/**
 * A file dropping fewer lines than this names their numbers in its header
 * and shares the closing marker: a marker per file costs about what one
 * dropped line does.
 */
const POOL_BELOW = 4;

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

/** Writes one file's block; returns how many lines it dropped or cut. */
function renderFile(
  group: FileGroup,
  out: string[],
  context: RenderContext,
): number {
  const { input, index, terms, maxLineChars, trimIndent } = context;
  const kept = selectLines(group, terms);
  let cuts = 0;
  const cut = ({ line, hit }: GroupLine): string => {
    if (hit.text.length <= maxLineChars) return hit.text;
    cuts++;
    const end = index.ends[line]!;
    const marker = input.markers.drop({
      summary: `${plural(hit.text.length - maxLineChars, 'char')} cut`,
      ranges: [[end - (hit.text.length - maxLineChars), end]],
    });
    return `${hit.text.slice(0, maxLineChars)}${marker}`;
  };
  if (group.lines.length === 1 && group.path !== '') {
    const entry = group.lines[0]!;
    out.push(`${group.path}${inlineHead(entry.hit)}${cut(entry)}`);
    return cuts;
  }
  const indent = group.path === '' ? '' : '  ';
  const droppedLines = group.lines.filter((entry) => !kept.has(entry));
  const pool =
    group.path !== '' &&
    droppedLines.length > 0 &&
    droppedLines.length < POOL_BELOW;
  if (group.path !== '')
    out.push(
      pool
        ? `${group.path}: (+${droppedLines.map(({ hit }) => hit.lineNumber).join(',')})`
        : `${group.path}:`,
    );
  for (const entry of group.lines) {
    if (!kept.has(entry)) continue;
    const text = cut(entry);
    out.push(
      `${indent}${groupedHead(entry.hit)}${trimIndent ? text.trimStart() : text}`,
    );
  }
  if (pool) {
    for (const { line } of droppedLines) context.pooled.push(line);
    context.pooledFiles++;
  } else if (droppedLines.length > 0) {
    const matches = droppedLines.filter(({ hit }) => hit.match).length;
    const what =
      matches === droppedLines.length
        ? plural(matches, 'more match', 'more matches')
        : plural(droppedLines.length, 'more line');
    out.push(
      `${indent}${input.markers.drop({
        summary: `${what} omitted`,
        ranges: lineRanges(
          index,
          droppedLines.map(({ line }) => line),
        ),
      })}`,
    );
  }
  return droppedLines.length + cuts;
}

/** Line numbers shown for a file listed by path only. */
const LISTED_NUMBERS = 3;

/**
 * Files past the line budget: each path with its first line numbers, one
 * marker for the run holding every line they had.
 */
function renderListed(
  groups: readonly FileGroup[],
  out: string[],
  { input, index }: RenderContext,
): number {
  const lines: number[] = [];
  for (const group of groups) {
    const numbers = group.lines.map(({ hit }) => hit.lineNumber);
    const shown = numbers.slice(0, LISTED_NUMBERS).join(',');
    out.push(
      `${group.path}:${shown}${numbers.length > LISTED_NUMBERS ? ',…' : ''}`,
    );
    for (const { line } of group.lines) lines.push(line);
  }
  lines.sort((a, b) => a - b);
  out.push(
    input.markers.drop({
      summary: `${plural(lines.length, 'line')} of ${plural(groups.length, 'file')} omitted`,
      ranges: lineRanges(index, lines),
    }),
  );
  return lines.length;
}
