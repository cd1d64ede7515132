import { InvalidArgumentError } from '../errors/index.ts';

/**
 * Turns `put` content into the string that is stored and compressed. A
 * string is kept as is. Any other value must be JSON-serialisable without
 * loss, so functions, symbols, BigInt, non-finite numbers and cycles are
 * rejected instead of silently dropped or turned into `null`; it is then
 * serialised once with `JSON.stringify` (key order as given), so the same
 * value always gives the same bytes.
 */
export function serializeContent(
  content: unknown,
  parameter = 'content',
): string {
  if (typeof content === 'string') return content;
  if (
    content === undefined ||
    typeof content === 'function' ||
    typeof content === 'symbol'
  ) {
    throw new InvalidArgumentError({
      parameter,
      value: content,
      message: `expected a string or a JSON-serialisable value, got ${typeof content}`,
    });
  }
  let serialized: string | undefined;
  try {
    serialized = JSON.stringify(content, (key, value: unknown) => {
      const kind = typeof value;
      if (kind === 'function' || kind === 'symbol' || kind === 'bigint') {
        throw new InvalidArgumentError({
          parameter,
          value: content,
          message: `${kind} at ${JSON.stringify(key)} is not JSON-serialisable`,
        });
      }
      if (kind === 'number' && !Number.isFinite(value as number)) {
        throw new InvalidArgumentError({
          parameter,
          value: content,
          message: `${String(value)} at ${JSON.stringify(key)} would be stored as null`,
        });
      }
      return value;
    });
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) throw error;
    throw new InvalidArgumentError({
      parameter,
      value: content,
      message: `not JSON-serialisable (${error instanceof Error ? error.message : String(error)})`,
    });
  }
  if (serialized === undefined) {
    throw new InvalidArgumentError({
      parameter,
      value: content,
      message: 'value serialises to nothing',
    });
  }
  return serialized;
}
