import { InvalidArgumentError } from '../errors/index.ts';

// Objects that JSON.stringify writes as `{}` although they hold data.
const OPAQUE_TO_JSON: ReadonlyArray<
  [new (...args: never[]) => object, string]
> = [
  [Map, 'a Map'],
  [Set, 'a Set'],
  [WeakMap, 'a WeakMap'],
  [WeakSet, 'a WeakSet'],
  [RegExp, 'a RegExp'],
  [Error, 'an Error'],
  [Promise, 'a Promise'],
];

function where(holder: unknown, key: string): string {
  return Array.isArray(holder) ? `index ${key}` : JSON.stringify(key);
}

/**
 * Turns `put` content into the string that is stored and compressed. A
 * string is kept as is. Any other value must be JSON-serialisable without
 * loss, so functions, symbols, BigInt, non-finite numbers, cycles, `Map`,
 * `Set` (and other objects JSON writes as `{}`), and `undefined` or holes
 * inside arrays (JSON writes `null`) are rejected instead of silently
 * dropped or changed. An object property whose value is `undefined` is
 * omitted, as in JSON, where absent and undefined read the same; `toJSON`
 * is honoured (a `Date` becomes its ISO string). The value is serialised
 * once with `JSON.stringify` (key order as given), so the same value always
 * gives the same bytes.
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
    serialized = JSON.stringify(
      content,
      function (this: unknown, key: string, value: unknown) {
        if (value === undefined && Array.isArray(this)) {
          throw new InvalidArgumentError({
            parameter,
            value: content,
            message: `undefined or a hole at ${where(this, key)} of an array would be stored as null`,
          });
        }
        if (typeof value === 'object' && value !== null) {
          for (const [type, name] of OPAQUE_TO_JSON) {
            if (value instanceof type)
              throw new InvalidArgumentError({
                parameter,
                value: content,
                message: `${name} at ${key === '' ? 'the top level' : where(this, key)} would be stored as {}; convert it first (e.g. Object.fromEntries(map), [...set])`,
              });
          }
        }
        const kind = typeof value;
        if (kind === 'function' || kind === 'symbol' || kind === 'bigint') {
          throw new InvalidArgumentError({
            parameter,
            value: content,
            message: `${kind} at ${where(this, key)} is not JSON-serialisable`,
          });
        }
        if (kind === 'number' && !Number.isFinite(value as number)) {
          throw new InvalidArgumentError({
            parameter,
            value: content,
            message: `${String(value)} at ${where(this, key)} would be stored as null`,
          });
        }
        return value;
      },
    );
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
