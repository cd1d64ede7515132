/**
 * Whether a text is one JSON value, by its grammar (RFC 8259, what
 * `JSON.parse` accepts), in one pass without recursion and without
 * throwing. A failed `JSON.parse` costs an exception (3–6 µs, its stack
 * captured), and detection tries it on every fenced block that opens with
 * `{` or `[`: documentation's JavaScript objects (`{ valid: true }`) fail it
 * every time. Private to the package.
 */

const OBJECT = 1;
const ARRAY = 2;

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9;
}

function skipSpace(text: string, at: number): number {
  while (at < text.length && isSpace(text.charCodeAt(at))) at++;
  return at;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isHex(code: number): boolean {
  const lower = code | 32;
  return isDigit(code) || (lower >= 97 && lower <= 102);
}

/** After the string opening at `at`, or -1: no raw control character, only JSON's escapes. */
function stringEnd(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 34) return i + 1;
    if (code < 32) return -1;
    if (code !== 92) continue;
    const escaped = text.charCodeAt(++i);
    if (escaped === 117) {
      for (let digit = 1; digit <= 4; digit++)
        if (!isHex(text.charCodeAt(i + digit))) return -1;
      i += 4;
    } else if (
      // " \ / b f n r t
      escaped !== 34 &&
      escaped !== 92 &&
      escaped !== 47 &&
      escaped !== 98 &&
      escaped !== 102 &&
      escaped !== 110 &&
      escaped !== 114 &&
      escaped !== 116
    )
      return -1;
  }
  return -1;
}

function digitsEnd(text: string, at: number): number {
  let i = at;
  while (isDigit(text.charCodeAt(i))) i++;
  return i > at ? i : -1;
}

/** After the number starting at `at`, or -1: `-`, no leading zero, a fraction, an exponent. */
function numberEnd(text: string, at: number): number {
  let i = at;
  if (text.charCodeAt(i) === 45) i++;
  if (text.charCodeAt(i) === 48) i++;
  else {
    i = digitsEnd(text, i);
    if (i < 0) return -1;
  }
  if (text.charCodeAt(i) === 46) {
    i = digitsEnd(text, i + 1);
    if (i < 0) return -1;
  }
  if ((text.charCodeAt(i) | 32) === 101) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === 43 || sign === 45) i++;
    i = digitsEnd(text, i);
  }
  return i;
}

/** After the key and colon of an object member at `at`, then any space; or -1. */
function memberValueStart(text: string, at: number): number {
  if (text.charCodeAt(at) !== 34) return -1;
  const end = stringEnd(text, at);
  if (end < 0) return -1;
  const colon = skipSpace(text, end);
  return text.charCodeAt(colon) === 58 ? skipSpace(text, colon + 1) : -1;
}

/** After the scalar at `at` (string, number, literal), or -1. */
function scalarEnd(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code === 34) return stringEnd(text, at);
  if (code === 45 || isDigit(code)) return numberEnd(text, at);
  for (const literal of ['true', 'false', 'null'])
    if (text.startsWith(literal, at)) return at + literal.length;
  return -1;
}

/** True when `JSON.parse(text)` would succeed (nesting depth aside). */
export function isJsonText(text: string): boolean {
  const open: number[] = [];
  let at = skipSpace(text, 0);
  for (;;) {
    // A value starts at `at`.
    const code = text.charCodeAt(at);
    if (code === 123 || code === 91) {
      const inner = skipSpace(text, at + 1);
      const close = code === 123 ? 125 : 93;
      if (text.charCodeAt(inner) === close) at = inner + 1;
      else {
        open.push(code === 123 ? OBJECT : ARRAY);
        at = code === 123 ? memberValueStart(text, inner) : inner;
        if (at < 0) return false;
        continue;
      }
    } else {
      at = scalarEnd(text, at);
      if (at < 0) return false;
    }
    // After a value: close containers, or go on to the next member.
    for (;;) {
      at = skipSpace(text, at);
      const container = open[open.length - 1];
      if (container === undefined) return at === text.length;
      const next = text.charCodeAt(at);
      if (next === 44) {
        at = skipSpace(text, at + 1);
        if (container === OBJECT) at = memberValueStart(text, at);
        if (at < 0) return false;
        break;
      }
      if (next !== (container === OBJECT ? 125 : 93)) return false;
      open.pop();
      at++;
    }
  }
}
