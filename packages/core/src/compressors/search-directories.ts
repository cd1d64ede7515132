/**
 * Writes rendered search blocks with full paths, or with shared directory
 * headers: consecutive files of one directory under the directory written
 * once, each file then by its name, indented. Private to the package.
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

/** Characters a header saves over a run of files (it costs indentation). */
function headerSaving(directory: string, run: readonly FileBlock[]): number {
  let indented = 0;
  for (const block of run) indented += 1 + block.body.length;
  return (run.length - 1) * directory.length - 1 - 2 * indented;
}

/**
 * Runs of consecutive files in one directory under a header, where the
 * header saves characters; other files keep their full path.
 */
export function writeDirectoryHeaders(
  blocks: readonly RenderedBlock[],
): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < blocks.length) {
    const block = blocks[i]!;
    if (typeof block === 'string') {
      out.push(block);
      i++;
      continue;
    }
    const directory = directoryOf(block.path);
    const run: FileBlock[] = [block];
    for (let j = i + 1; j < blocks.length; j++) {
      const next = blocks[j]!;
      if (typeof next === 'string' || directoryOf(next.path) !== directory)
        break;
      run.push(next);
    }
    i += run.length;
    if (directory === '' || headerSaving(directory, run) <= 0) {
      for (const file of run) fileLines(file, out);
      continue;
    }
    out.push(directory);
    for (const file of run) {
      out.push(`  ${file.path.slice(directory.length)}${file.head}`);
      for (const line of file.body) out.push(`  ${line}`);
    }
  }
  return out;
}
