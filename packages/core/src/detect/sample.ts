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
    const end = head.indexOf('\n', start);
    if (end < 0) {
      lines.push(head.slice(start).replace(/\r$/, ''));
      break;
    }
    lines.push(head.slice(start, end).replace(/\r$/, ''));
    start = end + 1;
  }
  return lines;
}
