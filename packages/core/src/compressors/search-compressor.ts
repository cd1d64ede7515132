import { assertOptions } from '../util/validate.ts';
import type { Compressor, CompressorInput } from './compressor.ts';
import { indexLines, queryTerms } from './line-index.ts';
import { assertChoice, assertCount, assertFraction } from './option-checks.ts';
import { writeDirectoryHeaders, writeFullPaths } from './search-directories.ts';
import { budgetGroups, groupSearchLines } from './search-groups.ts';
import {
  closingMarker,
  type RenderContext,
  type RenderedBlock,
  renderFile,
} from './search-render.ts';

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
  /**
   * Lines kept, at most this share of the hit lines (never fewer than
   * twenty): output of many files with one or two matches each is mostly
   * paths, and keeps the text of a ranked subset. @default 0.1
   */
  maxKeptShare?: number;
  /** Content of a kept line is cut after this many characters (with a marker). @default 240 */
  maxLineChars?: number;
  /**
   * The files of one directory gathered under a header naming it once, the
   * files by name below it (listed ones several to a line): `'auto'` only
   * when the output with full paths would keep more than 40% of the
   * input's tokens. The default writes every path in full, as the tool
   * did: a literal path is what a receiving agent searches for.
   * @default 'never'
   */
  directoryHeaders?: 'auto' | 'always' | 'never';
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
 * the rest. Past the overall budget, a file's lines go behind one closing
 * marker and its bare path is named after it; on request
 * (`directoryHeaders`), the files of one folder are gathered under a header
 * naming the folder once. Lines that are not search hits are kept as they
 * are.
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
    maxKeptShare = 0.1,
    maxLineChars = 240,
    directoryHeaders = 'never',
    trimIndent = true,
  } = options;
  assertCount(maxLinesPerFile, 'maxLinesPerFile', 1);
  assertCount(maxTotalLines, 'maxTotalLines', 1);
  assertFraction(maxKeptShare, 'maxKeptShare');
  assertCount(maxLineChars, 'maxLineChars', 1);
  assertChoice(directoryHeaders, 'directoryHeaders', HEADER_CHOICES);
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
      budgetGroups(groups, terms, {
        maxLinesPerFile,
        maxTotalLines,
        maxKeptShare,
      });
      const context: RenderContext = {
        input,
        index,
        terms,
        maxLineChars,
        trimIndent,
        omitted: [],
        omittedFiles: 0,
        dropped: 0,
      };
      const rendered: RenderedBlock[] = [];
      for (const block of blocks) {
        if (typeof block === 'number')
          rendered.push(content.slice(index.starts[block], index.ends[block]));
        else rendered.push(...renderFile(block, context));
      }
      const closing = closingMarker(context);
      const output = writeBlocks(rendered, closing, directoryHeaders, input);
      const { dropped } = context;
      return {
        output,
        lossless: dropped === 0,
        labels: [dropped === 0 ? 'search:grouped' : 'search:capped'],
      };
    },
  };
}

const HEADER_CHOICES = ['auto', 'always', 'never'] as const;

/**
 * Full paths unless they make the output long: a search tool's own layout
 * is what a reader (and a check that looks for a path) expects, so
 * `'auto'` factors directories only when the output would otherwise keep
 * more than this share of the input's tokens.
 */
const HEADERS_ABOVE_SHARE = 0.4;

function writeBlocks(
  blocks: readonly RenderedBlock[],
  closing: string | undefined,
  choice: (typeof HEADER_CHOICES)[number],
  input: CompressorInput,
): string {
  if (choice === 'always')
    return writeDirectoryHeaders(blocks, closing).join('\n');
  const full = writeFullPaths(blocks, closing).join('\n');
  if (choice === 'never') return full;
  const { content, tokenizer } = input;
  // Characters settle most cases without counting: paths take more tokens
  // per character than code does, but not twice as many.
  const charShare = full.length / Math.max(1, content.length);
  if (charShare <= HEADERS_ABOVE_SHARE / 2) return full;
  const headed = writeDirectoryHeaders(blocks, closing).join('\n');
  if (headed.length >= full.length) return full;
  if (charShare > HEADERS_ABOVE_SHARE * 2) return headed;
  // The pipeline remembers the input's count, and the router's count of
  // the output we return here: no second pass over either.
  const share = tokenizer.count(full) / Math.max(1, tokenizer.count(content));
  return share > HEADERS_ABOVE_SHARE ? headed : full;
}
