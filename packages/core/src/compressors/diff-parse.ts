/**
 * Line classification for the diff compressor: one pass that labels each
 * line (header, hunk header, context, added, removed, ...) and records
 * hunks and file sections. Private to the package.
 */
import type { LineIndex } from './line-index.ts';

const HUNK_HEADER = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/;
const COMBINED_HUNK = /^@@@+ /;
const INDEX_LINE = /^index [0-9a-f]+\.\.[0-9a-f]+/;
const FILE_HEADER_LINE =
  /^(?:old mode|new mode|deleted file mode|new file mode|similarity index|dissimilarity index|rename from|rename to|copy from|copy to|index |Binary files|GIT binary patch|literal |delta |--- |\+\+\+ )/;
const COMMIT_LINE = /^commit [0-9a-f]{7,}/;

/** Line kinds: meta (outside a diff), headers, hunk headers, body lines. */
export const KIND = {
  meta: 0,
  header: 1,
  index: 2,
  hunk: 3,
  context: 4,
  added: 5,
  removed: 6,
  note: 7,
  message: 8,
  fileStart: 9,
} as const;

export interface Hunk {
  header: number;
  /** Body lines `[start, end)`. */
  start: number;
  end: number;
  file: number;
}

export interface FileSection {
  path: string;
  /** Last line of the file's section. */
  last: number;
}

export interface ParsedDiff {
  kinds: Uint8Array;
  hunks: Hunk[];
  files: FileSection[];
}

function filePath(line: string): string {
  const git = /^diff --git a\/(.*?) b\/(.*)$/.exec(line);
  if (git) return git[2]!;
  return line.replace(/^(?:diff\s+(?:--\w+\s+)*|--- |\+\+\+ )/, '').trim();
}

/** One pass: each line's kind, hunks and file sections. */
export function parseDiff(content: string, index: LineIndex): ParsedDiff {
  const count = index.starts.length;
  const text = (line: number): string =>
    content.slice(index.starts[line], index.ends[line]);
  const kinds = new Uint8Array(count);
  const hunks: Hunk[] = [];
  const files: FileSection[] = [];
  let state: 'outside' | 'header' | 'hunk' | 'combined' = 'outside';
  let oldLeft = 0;
  let newLeft = 0;
  let inCommit = false;
  let hunk: Hunk | undefined;
  const endHunk = (line: number): void => {
    if (hunk) hunk.end = line;
    hunk = undefined;
  };
  for (let line = 0; line < count; line++) {
    const current = text(line);
    const first = current[0];
    if (state === 'hunk') {
      const counted = oldLeft > 0 || newLeft > 0;
      if (first === '\\') {
        kinds[line] = KIND.note;
        continue;
      }
      if (first === ' ' || (counted && (current === '' || current === '\r'))) {
        kinds[line] = KIND.context;
        oldLeft--;
        newLeft--;
        continue;
      }
      if (
        (first === '-' || first === '+') &&
        (counted || !(current.startsWith('--- ') || current.startsWith('+++ ')))
      ) {
        kinds[line] = first === '-' ? KIND.removed : KIND.added;
        if (first === '-') oldLeft--;
        else newLeft--;
        continue;
      }
      endHunk(line);
      state = 'header';
    }
    if (state === 'combined') {
      if (first === ' ' || first === '+' || first === '-') {
        kinds[line] = KIND.note;
        continue;
      }
      state = 'header';
    }
    const startsFile =
      current.startsWith('diff ') ||
      (state === 'outside' &&
        current.startsWith('--- ') &&
        line + 1 < count &&
        text(line + 1).startsWith('+++ '));
    if (startsFile) {
      files.push({ path: filePath(current), last: line });
      kinds[line] = KIND.fileStart;
      state = 'header';
      inCommit = false;
      continue;
    }
    if (state === 'header') {
      const file = files[files.length - 1]!;
      const header = HUNK_HEADER.exec(current);
      if (header) {
        oldLeft = header[1] === undefined ? 1 : Number(header[1]);
        newLeft = header[2] === undefined ? 1 : Number(header[2]);
        kinds[line] = KIND.hunk;
        hunk = {
          header: line,
          start: line + 1,
          end: line + 1,
          file: files.length - 1,
        };
        hunks.push(hunk);
        state = 'hunk';
        file.last = line;
        continue;
      }
      if (COMBINED_HUNK.test(current)) {
        kinds[line] = KIND.hunk;
        state = 'combined';
        continue;
      }
      if (FILE_HEADER_LINE.test(current)) {
        kinds[line] = INDEX_LINE.test(current) ? KIND.index : KIND.header;
        if (current.startsWith('+++ ') && /^(?:\/dev\/null)?$/.test(file.path))
          file.path = filePath(current).replace(/^b\//, '');
        continue;
      }
      state = 'outside';
    }
    if (COMMIT_LINE.test(current)) inCommit = true;
    kinds[line] =
      inCommit && current.startsWith('    ') ? KIND.message : KIND.meta;
  }
  endHunk(count);
  // A file's section ends at its last diff line (outside text excluded).
  let fileIndex = -1;
  for (let line = 0; line < count; line++) {
    const kind = kinds[line];
    if (kind === KIND.fileStart) fileIndex++;
    if (kind !== KIND.meta && kind !== KIND.message && fileIndex >= 0)
      files[fileIndex]!.last = line;
  }
  return { kinds, hunks, files };
}
