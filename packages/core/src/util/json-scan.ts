/**
 * String-aware JSON scanning over text, without parsing or recursion: finds
 * where values and array elements start and end, so dropped items can be
 * pointed at in the original (pretty-printed or minified alike).
 */

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

/** Index of the first non-whitespace character at or after `pos`. */
export function skipSpace(text: string, pos: number): number {
  let index = pos;
  while (index < text.length && isSpace(text.charCodeAt(index))) index++;
  return index;
}

/** End (exclusive) of the string literal opening at `pos`, or -1. */
export function stringEnd(text: string, pos: number): number {
  let index = pos + 1;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 92) index += 2;
    else if (code === 34) return index + 1;
    else index++;
  }
  return -1;
}

/**
 * End (exclusive) of the JSON value starting at `pos` (a container is
 * matched bracket for bracket, strings skipped), or -1 when it does not
 * close or brackets mismatch. Scalars end at the next `,` `]` `}` or space.
 */
export function valueEnd(
  text: string,
  pos: number,
  limit: number = text.length,
): number {
  const first = text.charCodeAt(pos);
  if (first === 34) return stringEnd(text, pos);
  if (first !== 123 && first !== 91) {
    let index = pos;
    while (index < limit) {
      const code = text.charCodeAt(index);
      if (code === 44 || code === 93 || code === 125 || isSpace(code)) break;
      index++;
    }
    return index > pos ? index : -1;
  }
  const stack: number[] = [];
  let index = pos;
  while (index < limit) {
    const code = text.charCodeAt(index);
    if (code === 34) {
      index = stringEnd(text, index);
      if (index < 0) return -1;
      continue;
    }
    if (code === 123 || code === 91) stack.push(code === 123 ? 125 : 93);
    else if (code === 125 || code === 93) {
      if (stack.pop() !== code) return -1;
      if (stack.length === 0) return index + 1;
    }
    index++;
  }
  return -1;
}

/** `[start, end)` of each element of the array whose `[` is at `open`, or undefined. */
export function arrayElementSpans(
  text: string,
  open: number,
): Array<[number, number]> | undefined {
  if (text.charCodeAt(open) !== 91) return undefined;
  const spans: Array<[number, number]> = [];
  let index = skipSpace(text, open + 1);
  if (text.charCodeAt(index) === 93) return spans;
  while (index < text.length) {
    const end = valueEnd(text, index);
    if (end < 0) return undefined;
    spans.push([index, end]);
    index = skipSpace(text, end);
    const code = text.charCodeAt(index);
    if (code === 93) return spans;
    if (code !== 44) return undefined;
    index = skipSpace(text, index + 1);
  }
  return undefined;
}

/** Start of element `index` of the array whose `[` is at `open` (earlier elements skipped, later ones not scanned), or -1. */
export function arrayElementStart(
  text: string,
  open: number,
  index: number,
): number {
  if (text.charCodeAt(open) !== 91) return -1;
  let pos = skipSpace(text, open + 1);
  if (text.charCodeAt(pos) === 93) return -1;
  for (let element = 0; pos < text.length; element++) {
    if (element === index) return pos;
    const end = valueEnd(text, pos);
    if (end < 0) return -1;
    pos = skipSpace(text, end);
    if (text.charCodeAt(pos) !== 44) return -1;
    pos = skipSpace(text, pos + 1);
  }
  return -1;
}

/** One member of an object in the text: `"key": value`. */
export interface ObjectMember {
  key: string;
  /** Where the key's opening quote is. */
  start: number;
  /** Where the value starts. */
  value: number;
  /** Where the value ends (exclusive). */
  end: number;
}

/** Each member of the object whose `{` is at `open`: its raw key literal and value start. */
export function objectMemberStarts(
  text: string,
  open: number,
): ObjectMember[] | undefined {
  if (text.charCodeAt(open) !== 123) return undefined;
  const members: ObjectMember[] = [];
  let index = skipSpace(text, open + 1);
  if (text.charCodeAt(index) === 125) return members;
  while (index < text.length) {
    const keyEnd = stringEnd(text, index);
    if (text.charCodeAt(index) !== 34 || keyEnd < 0) return undefined;
    const key = JSON.parse(text.slice(index, keyEnd)) as string;
    const start = index;
    index = skipSpace(text, keyEnd);
    if (text.charCodeAt(index) !== 58) return undefined;
    const value = skipSpace(text, index + 1);
    const end = valueEnd(text, value);
    if (end < 0) return undefined;
    members.push({ key, start, value, end });
    index = skipSpace(text, end);
    const code = text.charCodeAt(index);
    if (code === 125) return members;
    if (code !== 44) return undefined;
    index = skipSpace(text, index + 1);
  }
  return undefined;
}

/** The text with whitespace outside strings removed; number literals and escapes kept as written. */
export function minifyJsonText(text: string): string {
  const parts: string[] = [];
  let index = 0;
  let runStart = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === 34) {
      const end = stringEnd(text, index);
      if (end < 0) break;
      index = end;
      continue;
    }
    if (isSpace(code)) {
      if (index > runStart) parts.push(text.slice(runStart, index));
      index = skipSpace(text, index);
      runStart = index;
      continue;
    }
    index++;
  }
  parts.push(text.slice(runStart));
  return parts.join('');
}
