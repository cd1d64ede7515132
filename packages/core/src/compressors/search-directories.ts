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

/**
 * Every path in full: the layout a search tool writes. Files listed by path
 * only are named after the closing marker, one bare path per line: their
 * line numbers cost about as many tokens as a short path and their lines
 * are behind that marker anyway, while a literal path is what a reader (or
 * a tool) looks for.
 */
export function writeFullPaths(
  blocks: readonly RenderedBlock[],
  closing: string | undefined,
): string[] {
  const out: string[] = [];
  const listed: string[] = [];
  for (const block of blocks)
    if (typeof block === 'string') out.push(block);
    else if (block.listed && closing !== undefined && block.path !== '')
      listed.push(block.path);
    else fileLines(block, out);
  if (closing !== undefined) out.push(closing);
  const revision = sharedRevision(listed);
  if (revision === '') for (const path of listed) out.push(path);
  else {
    out.push(revision);
    for (const path of listed) out.push(`  ${path.slice(revision.length)}`);
  }
  return out;
}

/**
 * `HEAD:` when every listed path is written behind that one revision
 * (`git grep … REV`): written once above them. Never a drive letter.
 */
function sharedRevision(paths: readonly string[]): string {
  if (paths.length < 2) return '';
  const first = paths[0]!;
  const colon = first.indexOf(':');
  if (colon < 2 || /\s/.test(first.slice(0, colon))) return '';
  const revision = first.slice(0, colon + 1);
  return paths.every(
    (path) => path.startsWith(revision) && path.length > revision.length,
  )
    ? revision
    : '';
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
  closing: string | undefined,
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
  if (closing !== undefined) out.push(closing);
  return out;
}
