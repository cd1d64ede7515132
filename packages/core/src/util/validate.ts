import { InvalidArgumentError } from '../errors/index.ts';

// With the `u` flag a surrogate pair is one code point, so `\p{Cs}` only
// matches a lone surrogate: one linear scan, no lookaround.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * True when `text` is well-formed UTF-16 (no lone surrogate), the same test
 * as ES2024's `String.prototype.isWellFormed`. Such strings survive every
 * store's encoding (UTF-8 in SQLite and Redis) unchanged.
 */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

function assertWellFormed(value: string, parameter: string): void {
  if (!isWellFormed(value)) {
    throw new InvalidArgumentError({
      parameter,
      value,
      message:
        'contains a lone surrogate (not well-formed UTF-16); stores encode text as UTF-8, where it would collide with other strings. Use String.prototype.toWellFormed() or another name',
    });
  }
}

/**
 * A key must be a non-empty, well-formed UTF-16 string: one rule on every
 * store, so no driver ever merges two distinct keys.
 */
export function assertKey(
  key: unknown,
  parameter = 'key',
): asserts key is string {
  if (typeof key !== 'string' || key.length === 0) {
    throw new InvalidArgumentError({
      parameter,
      value: key,
      message: `expected a non-empty string, got ${key === '' ? 'an empty string' : typeof key}`,
    });
  }
  assertWellFormed(key, parameter);
}

/**
 * Longest `ttl` in seconds (about 317 years). Beyond it an expiry in epoch
 * milliseconds leaves the range every store can hold exactly (Redis
 * refuses it, doubles lose integer precision), so it is refused up front.
 */
export const MAX_TTL_SECONDS = 1e10;

/** Longest namespace, in UTF-16 units. */
export const MAX_NAMESPACE_LENGTH = 256;

/** Undefined, or a non-empty, well-formed string of at most 256 UTF-16 units. */
export function assertNamespace(value: unknown, parameter = 'namespace'): void {
  if (value === undefined) return;
  assertKey(value, parameter);
  if (value.length > MAX_NAMESPACE_LENGTH) {
    throw new InvalidArgumentError({
      parameter,
      value,
      message: `expected at most ${MAX_NAMESPACE_LENGTH} UTF-16 units, got ${value.length}`,
    });
  }
}

/** Undefined, or a well-formed string: agent names end up in stored headers and stats. */
export function assertOptionalName(value: unknown, parameter: string): void {
  assertOptionalString(value, parameter);
  if (typeof value === 'string') assertWellFormed(value, parameter);
}

/**
 * An options argument: undefined (defaults) or an object. Null, numbers,
 * strings and arrays get an error naming the parameter instead of a raw
 * TypeError from destructuring.
 */
export function assertOptions(
  value: unknown,
  parameter = 'options',
): asserts value is object | undefined {
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError({
      parameter,
      value,
      message: `expected an options object or undefined, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`,
    });
  }
}

/** Undefined, or a finite number ≥ `min` (an integer when asked). */
export function assertNumber(
  value: unknown,
  parameter: string,
  {
    min,
    max = Number.MAX_VALUE,
    integer = false,
    exclusiveMin = false,
  }: { min: number; max?: number; integer?: boolean; exclusiveMin?: boolean },
): void {
  if (value === undefined) return;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (exclusiveMin ? value > min : value >= min) &&
    value <= max &&
    (!integer || Number.isInteger(value));
  if (!ok) {
    const bound = `${exclusiveMin ? `> ${min}` : `>= ${min}`}${max === Number.MAX_VALUE ? '' : ` and <= ${max}`}`;
    throw new InvalidArgumentError({
      parameter,
      value,
      message: `expected ${integer ? 'an integer' : 'a number'} ${bound}, got ${String(value)}`,
    });
  }
}

/** Undefined, or a string (non-empty when asked). */
export function assertOptionalString(
  value: unknown,
  parameter: string,
  { nonEmpty = false }: { nonEmpty?: boolean } = {},
): void {
  if (value === undefined) return;
  if (typeof value !== 'string' || (nonEmpty && value.length === 0)) {
    throw new InvalidArgumentError({
      parameter,
      value,
      message: `expected ${nonEmpty ? 'a non-empty ' : 'a '}string`,
    });
  }
}

/** Undefined, or a boolean. */
export function assertOptionalBoolean(value: unknown, parameter: string): void {
  if (value === undefined || typeof value === 'boolean') return;
  throw new InvalidArgumentError({
    parameter,
    value,
    message: `expected a boolean, got ${value === null ? 'null' : typeof value}`,
  });
}
