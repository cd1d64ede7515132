/**
 * Reads the search compressor's rendering back into the file paths it
 * names, knowing only its documented layout (see
 * `docs/compressors/search.md`): an unindented line ending in `/` or `\`
 * followed by a two-space line is a directory header, and two-space lines
 * under it start with a file name (or list several, `a.ts:12 b.ts:3,40`,
 * names and line numbers only, space-separated); any other unindented line
 * that is no marker starts with a full path, and after an unindented
 * marker a line with no line number is a bare path (a listed file), or,
 * two-space indented under a `REV:` line, a path behind that revision. Deeper lines are a file's own
 * lines.
 * Tests use it to check that every path is reconstructible.
 */

/** A marker line: kept lines never start with one. */
const MARKER = /^\s*\[… /;
/** Where a written path ends: `:12`, a `:` ending the line, `: (+3)`, `(12`. */
export const PATH_END: RegExp = /^(.*?)(?::(?:\d|$| \(\+)|\(\d)/;
const FILE_UNDER_HEADER = /^ {2}\S/;
/** Files listed by name and line numbers, several on one line. */
const SHELF = /^\S+:\d+(?:,\d+)*(?:,…)?(?: \S+:\d+(?:,\d+)*(?:,…)?)+$/;

/** Every path the rendering names, directory headers joined with the names under them. */
export function readSearchPaths(output: string): Set<string> {
  const lines = output.split('\n');
  const paths = new Set<string>();
  let directory: string | undefined;
  const add = (entry: string, prefix: string): void => {
    const found = PATH_END.exec(entry);
    if (found) paths.add(prefix + found[1]);
  };
  // Past an unindented marker, a line with no line number is a file
  // listed by its bare path (full paths, files past the budget).
  let afterMarker = false;
  lines.forEach((line, i) => {
    if (MARKER.test(line)) {
      if (!line.startsWith(' ')) {
        directory = undefined;
        afterMarker = true;
      }
      return;
    }
    if (!line.startsWith(' ')) {
      if (
        (/[\\/]$/.test(line) || (afterMarker && line.endsWith(':'))) &&
        FILE_UNDER_HEADER.test(lines[i + 1] ?? '')
      )
        directory = line;
      else {
        directory = undefined;
        if (afterMarker && line !== '' && !PATH_END.test(line)) paths.add(line);
        else add(line, '');
      }
      return;
    }
    if (directory === undefined || !FILE_UNDER_HEADER.test(line)) return;
    const entry = line.slice(2);
    // A revision written once above bare listed paths (`HEAD:`).
    if (afterMarker && directory.endsWith(':') && !PATH_END.test(entry)) {
      paths.add(directory + entry);
      return;
    }
    if (SHELF.test(entry))
      for (const listed of entry.split(' ')) add(listed, directory);
    else add(entry, directory);
  });
  return paths;
}
