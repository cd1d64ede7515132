/** A JSON object parsed from text (never a class instance). */
export type JsonObject = Record<string, unknown>;

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// A string cell is written bare unless it could be misread: empty, padded,
// holding a separator, quote, backslash or control character, opening like
// JSON, reading as a literal, or ending like a repeat count.
const NEEDS_QUOTES =
  /^$|^\s|\s$|[,"\\\u0000-\u001f]|^[[{]|^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)$| ×\d+$/;

/** One table cell: bare text, a JSON literal, or compact JSON for nested values. */
export function formatCell(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string')
    return NEEDS_QUOTES.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

/** A JSON literal for run notation and lists (strings always quoted). */
export function formatLiteral(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/** Column type tag: int, float, string, bool, json; `?` when missing or null somewhere. */
export function typeTag(values: Iterable<unknown>): string {
  let tag: string | undefined;
  let nullable = false;
  for (const value of values) {
    if (value === undefined || value === null) {
      nullable = true;
      continue;
    }
    let current: string;
    if (typeof value === 'number')
      current = Number.isInteger(value) ? 'int' : 'float';
    else if (typeof value === 'string') current = 'string';
    else if (typeof value === 'boolean') current = 'bool';
    else current = 'json';
    if (tag === undefined) tag = current;
    else if (tag !== current)
      tag =
        (tag === 'int' && current === 'float') ||
        (tag === 'float' && current === 'int')
          ? 'float'
          : 'json';
  }
  return `${tag ?? 'json'}${nullable ? '?' : ''}`;
}
