import { InvalidArgumentError } from '../errors/index.ts';

/** A key must be a non-empty string. */
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
}

/** Undefined, or a finite number ≥ `min` (an integer when asked). */
export function assertNumber(
  value: unknown,
  parameter: string,
  {
    min,
    integer = false,
    exclusiveMin = false,
  }: { min: number; integer?: boolean; exclusiveMin?: boolean },
): void {
  if (value === undefined) return;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (exclusiveMin ? value > min : value >= min) &&
    (!integer || Number.isInteger(value));
  if (!ok) {
    const bound = exclusiveMin ? `> ${min}` : `>= ${min}`;
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
