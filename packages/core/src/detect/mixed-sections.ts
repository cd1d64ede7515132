import { valueEnd } from '../util/json-scan.ts';

/**
 * One section of mixed content. Sections are contiguous and cover the text
 * exactly, so joining their slices gives the text back byte for byte. A
 * block's body is `[bodyStart, bodyEnd)`; the rest of the block (fence
 * lines) is kept verbatim.
 */
export interface MixedSection {
  kind: 'text' | 'fence' | 'json';
  start: number;
  end: number;
  bodyStart: number;
  bodyEnd: number;
  /** A fence's info string (`json`, `ts`), when given. */
  info?: string;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})([^`]*)$/;
const MIN_JSON_BLOCK = 40;
// Bounds each candidate's scan, so many `{` lines cannot make the split quadratic.
const MAX_JSON_BLOCK = 4 * 1024 * 1024;

function lineEnd(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  return end < 0 ? text.length : end;
}

function closingFence(text: string, from: number, fence: string): number {
  const close = new RegExp(
    `^ {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`,
  );
  let start = from;
  while (start < text.length) {
    const end = lineEnd(text, start);
    if (close.test(text.slice(start, end))) return start;
    start = end + 1;
  }
  return -1;
}

/** A bare JSON block starting on this line: its end, or -1. */
function jsonBlockEnd(
  text: string,
  lineStart: number,
  state: { scanFailed: boolean },
): number {
  if (state.scanFailed) return -1;
  let pos = lineStart;
  while (text[pos] === ' ' || text[pos] === '\t') pos++;
  const first = text[pos];
  if (first !== '{' && first !== '[') return -1;
  const end = valueEnd(text, pos, Math.min(text.length, pos + MAX_JSON_BLOCK));
  if (end < 0) {
    // Unbalanced to the end: every later candidate would rescan the same text.
    state.scanFailed = true;
    return -1;
  }
  const after = lineEnd(text, end);
  if (text.slice(end, after).trim() !== '') return -1;
  if (end - pos < MIN_JSON_BLOCK && !text.slice(pos, end).includes('\n'))
    return -1;
  try {
    JSON.parse(text.slice(pos, end));
  } catch {
    return -1;
  }
  return after;
}

/**
 * Splits text into prose runs, fenced blocks (```` ``` ```` or `~~~`, an
 * unclosed fence runs to the end) and bare JSON blocks (a line opening with
 * `{` or `[` whose balanced value parses and ends its line). Linear time.
 */
export function splitMixedSections(text: string): MixedSection[] {
  const sections: MixedSection[] = [];
  const state = { scanFailed: false };
  let textStart = 0;
  let start = 0;
  const pushText = (end: number): void => {
    if (end > textStart)
      sections.push({
        kind: 'text',
        start: textStart,
        end,
        bodyStart: textStart,
        bodyEnd: end,
      });
  };
  while (start < text.length) {
    const end = lineEnd(text, start);
    const line = text.slice(start, Math.min(end, start + 1000));
    const fence = FENCE_OPEN.exec(line);
    if (fence) {
      const bodyStart = Math.min(end + 1, text.length);
      const close = closingFence(text, bodyStart, fence[1]!);
      const blockEnd = close < 0 ? text.length : lineEnd(text, close);
      const bodyEnd = close < 0 ? text.length : Math.max(bodyStart, close - 1);
      pushText(start);
      const info = fence[2]!.trim();
      sections.push({
        kind: 'fence',
        start,
        end: blockEnd,
        bodyStart,
        bodyEnd,
        ...(info ? { info } : {}),
      });
      textStart = blockEnd;
      start = blockEnd + 1;
      continue;
    }
    const jsonEnd = jsonBlockEnd(text, start, state);
    if (jsonEnd >= 0) {
      pushText(start);
      sections.push({
        kind: 'json',
        start,
        end: jsonEnd,
        bodyStart: start,
        bodyEnd: jsonEnd,
      });
      textStart = jsonEnd;
      start = jsonEnd + 1;
      continue;
    }
    start = end + 1;
  }
  pushText(text.length);
  return sections;
}
