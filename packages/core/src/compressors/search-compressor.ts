import type { Compressor, CompressorInput } from './compressor.ts';
import {
  indexLines,
  type LineIndex,
  lineRanges,
  plural,
  queryHits,
  queryTerms,
} from './line-index.ts';
import { assertCount } from './option-checks.ts';

/** Options of {@link searchCompressor}. */
export interface SearchCompressorOptions {
  /**
   * Lines kept per file (the first and last match, then the best by query
   * match and error signal); the rest become one marker. @default 5
   */
  maxLinesPerFile?: number;
  /**
   * Lines kept over all files; when the per-file caps add up to more, the
   * per-file cap shrinks (to one line per file at least, so every path
   * stays). @default 40
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

/** `path:line:col:content`, `path:line:content`. */
const MATCH_LINE = /^(.+?):(\d+):(?:(\d+):)?(.*)$/;
/** ripgrep context lines: `path-line-content`. */
const CONTEXT_LINE = /^(.+?)-(\d+)-(.*)$/;
const SIGNAL =
  /\b(?:error|errors|exception|fail|failed|failure|fatal|panic|throw|todo|fixme|deprecated|warn|warning)\b/i;

interface SearchLine {
  line: number;
  lineNumber: string;
  separator: ':' | '-';
  /** `col:content` or `content`, as written after the line number. */
  rest: string;
}

interface FileGroup {
  path: string;
  lines: SearchLine[];
}

type Parsed =
  | { kind: 'hit'; path: string; hit: SearchLine }
  | { kind: 'other' };

function parseLine(text: string, line: number): Parsed {
  const match = MATCH_LINE.exec(text);
  if (match) {
    const rest = match[3] === undefined ? match[4]! : `${match[3]}:${match[4]}`;
    return {
      kind: 'hit',
      path: match[1]!,
      hit: { line, lineNumber: match[2]!, separator: ':', rest },
    };
  }
  const context = CONTEXT_LINE.exec(text);
  if (context) {
    return {
      kind: 'hit',
      path: context[1]!,
      hit: { line, lineNumber: context[2]!, separator: '-', rest: context[3]! },
    };
  }
  return { kind: 'other' };
}

function score(hit: SearchLine, terms: readonly string[]): number {
  return (
    queryHits(hit.rest, terms) * 2 +
    (SIGNAL.test(hit.rest) ? 1 : 0) +
    (hit.separator === ':' ? 0.5 : 0)
  );
}

/** Which lines of one file stay: first and last match, then the best. */
function selectLines(
  group: FileGroup,
  terms: readonly string[],
  max: number,
): Set<SearchLine> {
  const { lines } = group;
  if (lines.length <= max) return new Set(lines);
  const matches = lines.filter((hit) => hit.separator === ':');
  const pool = matches.length > 0 ? matches : lines;
  const kept = new Set<SearchLine>([pool[0]!]);
  if (max > 1) kept.add(pool[pool.length - 1]!);
  const ranked = lines
    .map((hit, order) => ({ hit, order, score: score(hit, terms) }))
    .sort((a, b) => b.score - a.score || a.order - b.order);
  for (const { hit } of ranked) {
    if (kept.size >= max) break;
    kept.add(hit);
  }
  return kept;
}

/**
 * Search results (`grep -rn`, ripgrep with or without context lines):
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
      /** Files and stray lines, in order of first appearance. */
      const blocks: Array<FileGroup | number> = [];
      const files = new Map<string, FileGroup>();
      for (let line = 0; line < index.starts.length; line++) {
        const text = content.slice(index.starts[line], index.ends[line]);
        if (text === '--' || text.trim() === '') continue;
        const parsed = parseLine(text, line);
        if (parsed.kind === 'other') {
          blocks.push(line);
          continue;
        }
        let group = files.get(parsed.path);
        if (!group) {
          group = { path: parsed.path, lines: [] };
          files.set(parsed.path, group);
          blocks.push(group);
        }
        group.lines.push(parsed.hit);
      }
      let cap = Math.max(1, maxLinesPerFile);
      const keptAt = (limit: number): number => {
        let total = 0;
        for (const group of files.values())
          total += Math.min(limit, group.lines.length);
        return total;
      };
      while (cap > 1 && keptAt(cap) > maxTotalLines) cap--;
      let dropped = 0;
      const out: string[] = [];
      for (const block of blocks) {
        if (typeof block === 'number') {
          out.push(content.slice(index.starts[block], index.ends[block]));
          continue;
        }
        dropped += renderFile(block, index, out, {
          input,
          terms,
          maxLinesPerFile: cap,
          maxLineChars,
          trimIndent,
        });
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
  terms: readonly string[];
  maxLinesPerFile: number;
  maxLineChars: number;
  trimIndent: boolean;
}

/** Writes one file's block; returns how many lines it dropped. */
function renderFile(
  group: FileGroup,
  index: LineIndex,
  out: string[],
  { input, terms, maxLinesPerFile, maxLineChars, trimIndent }: RenderContext,
): number {
  const kept = selectLines(group, terms, maxLinesPerFile);
  let cuts = 0;
  const cut = (hit: SearchLine): string => {
    if (hit.rest.length <= maxLineChars) return hit.rest;
    cuts++;
    const start = index.ends[hit.line]! - (hit.rest.length - maxLineChars);
    const marker = input.markers.drop({
      summary: `${plural(hit.rest.length - maxLineChars, 'char')} cut`,
      ranges: [[start, index.ends[hit.line]!]],
    });
    return `${hit.rest.slice(0, maxLineChars)}${marker}`;
  };
  if (group.lines.length === 1) {
    const hit = group.lines[0]!;
    out.push(
      `${group.path}${hit.separator}${hit.lineNumber}${hit.separator}${cut(hit)}`,
    );
    return cuts;
  }
  out.push(`${group.path}:`);
  const droppedLines = group.lines.filter((hit) => !kept.has(hit));
  for (const hit of group.lines) {
    if (!kept.has(hit)) continue;
    const text = cut(hit);
    out.push(
      `  ${hit.lineNumber}${hit.separator}${trimIndent ? text.trimStart() : text}`,
    );
  }
  if (droppedLines.length > 0) {
    const matches = droppedLines.filter((hit) => hit.separator === ':').length;
    const what =
      matches === droppedLines.length
        ? plural(matches, 'more match', 'more matches')
        : plural(droppedLines.length, 'more line');
    out.push(
      `  ${input.markers.drop({
        summary: `${what} omitted`,
        ranges: lineRanges(
          index,
          droppedLines.map((hit) => hit.line),
        ),
      })}`,
    );
  }
  return droppedLines.length + cuts;
}
