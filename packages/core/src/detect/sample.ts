/** Characters a detector looks at, at most: detection stays fast on 50 MB inputs. */
export const SAMPLE_CHARS: number = 64 * 1024;

/**
 * The first `maxLines` lines of the first `maxChars` characters. A 1 MB
 * single line yields one line cut at `maxChars`, never a full split.
 */
export function headLines(
  content: string,
  maxLines: number,
  maxChars: number = SAMPLE_CHARS,
): string[] {
  const head = content.length > maxChars ? content.slice(0, maxChars) : content;
  const lines: string[] = [];
  let start = 0;
  while (lines.length < maxLines && start <= head.length) {
    const newline = head.indexOf('\n', start);
    const end = newline < 0 ? head.length : newline;
    // One trailing `\r` (CRLF) off, by a character test: a regular
    // expression per line is a visible share of detecting a small input.
    lines.push(
      head.slice(
        start,
        end > start && head.charCodeAt(end - 1) === 13 ? end - 1 : end,
      ),
    );
    if (newline < 0) break;
    start = newline + 1;
  }
  return lines;
}

/** Options of {@link spreadLines}. */
export interface SpreadLinesOptions {
  /** Non-empty lines read from the start. @default 60 */
  head?: number;
  /** Further windows, spread evenly over the rest. @default 5 */
  windows?: number;
  /** Non-empty lines read in each further window. @default 20 */
  perWindow?: number;
  /** Characters read in all, at most. @default SAMPLE_CHARS */
  maxChars?: number;
}

/**
 * Non-empty lines from the head and from `windows` places spread evenly
 * over the rest of the content, each window read from a line start. A
 * file that opens with a long run of one kind of line (imports, a licence
 * header) is judged by its body too, while the head still carries the
 * most weight. Reads at most `maxChars` characters in all.
 */
export function spreadLines(
  content: string,
  {
    head = 60,
    windows = 5,
    perWindow = 20,
    maxChars = SAMPLE_CHARS,
  }: SpreadLinesOptions = {},
): string[] {
  const charsPerWindow = Math.max(1, Math.floor(maxChars / (windows + 1)));
  const lines: string[] = [];
  // Reads up to `count` non-empty lines from `start`; returns where it stopped.
  const read = (start: number, count: number, limit: number): number => {
    const end = Math.min(content.length, start + limit);
    let taken = 0;
    let at = start;
    while (taken < count && at < end) {
      let stop = content.indexOf('\n', at);
      if (stop < 0 || stop > end) stop = end;
      const line = content.slice(at, stop).replace(/\r$/, '');
      if (line.trim() !== '') {
        lines.push(line);
        taken++;
      }
      at = stop + 1;
    }
    return at;
  };
  const headEnd = read(0, head, charsPerWindow * 2);
  let readUpTo = headEnd;
  const rest = content.length - headEnd;
  for (let window = 0; window < windows && rest > 0; window++) {
    let start = headEnd + Math.floor((rest * window) / windows);
    if (start < readUpTo) start = readUpTo;
    if (start >= content.length) break;
    if (start > 0 && content[start - 1] !== '\n') {
      const next = content.indexOf('\n', start);
      if (next < 0) break;
      start = next + 1;
    }
    readUpTo = read(start, perWindow, charsPerWindow);
  }
  return lines;
}
