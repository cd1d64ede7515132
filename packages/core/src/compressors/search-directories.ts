/**
 * Writes rendered search blocks with full paths, or with shared directory
 * headers: the files of one directory under the directory written once,
 * each file then by its name, indented. Private to the package.
 *
 * The rendering reads back without guessing: a header is an unindented
 * line ending in `/` or `\` followed by a line indented two spaces; every
 * two-space line under it until the next unindented line starts with a
 * file name, and the path is the header joined with that name. A file's
 * own lines are indented two more spaces.
 */
import type { FileBlock, RenderedBlock } from './search-render.ts';

/** `src/a/` of `src/a/b.ts`, `C:\x\` of `C:\x\b.ts`; '' when there is no folder. */
export function directoryOf(path: string): string {
  const last = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return last < 0 ? '' : path.slice(0, last + 1);
}

function fileLines(block: FileBlock, out: string[]): void {
  out.push(`${block.path}${block.head}`);
  for (const line of block.body) out.push(line);
}

/** Every path in full: the layout a search tool writes. */
export function writeFullPaths(blocks: readonly RenderedBlock[]): string[] {
  const out: string[] = [];
  for (const block of blocks)
    if (typeof block === 'string') out.push(block);
    else fileLines(block, out);
  return out;
}

/** Listed files under a header share lines up to this long. */
const SHELF_CHARS = 100;

/** Characters a header saves over its files (it costs indentation). */
function headerSaving(directory: string, run: readonly FileBlock[]): number {
  let indented = 0;
  for (const block of run) indented += 1 + block.body.length;
  return (run.length - 1) * directory.length - 1 - 2 * indented;
}

/**
 * Files of one directory gathered under a header naming it, where the
 * header saves characters; directories in order of first appearance, and
 * files in theirs. Gathering stops at any line that belongs to no file (a
 * kept input line, a marker), so nothing moves past one. Other files keep
 * their full path.
 */
export function writeDirectoryHeaders(
  blocks: readonly RenderedBlock[],
): string[] {
  const out: string[] = [];
  let segment = new Map<string, FileBlock[]>();
  const flush = (): void => {
    for (const [directory, files] of segment) {
      if (directory === '' || headerSaving(directory, files) <= 0) {
        for (const file of files) fileLines(file, out);
        continue;
      }
      out.push(directory);
      let shelf = '';
      for (const file of files) {
        const entry = `${file.path.slice(directory.length)}${file.head}`;
        // Listed files share a line, space-separated: a file name under a
        // header holds no blank, so the split is unambiguous.
        if (
          file.listed &&
          shelf !== '' &&
          shelf.length + entry.length < SHELF_CHARS
        ) {
          shelf += ` ${entry}`;
          continue;
        }
        if (shelf !== '') out.push(`  ${shelf}`);
        shelf = '';
        if (file.listed) {
          shelf = entry;
          continue;
        }
        out.push(`  ${entry}`);
        for (const line of file.body) out.push(`  ${line}`);
      }
      if (shelf !== '') out.push(`  ${shelf}`);
    }
    segment = new Map();
  };
  for (const block of blocks) {
    if (typeof block === 'string') {
      flush();
      out.push(block);
      continue;
    }
    const directory = directoryOf(block.path);
    const files = segment.get(directory);
    if (files) files.push(block);
    else segment.set(directory, [block]);
  }
  flush();
  return out;
}
