import { InvalidArgumentError } from '../errors/index.ts';
import { assertNumber } from '../util/validate.ts';

/**
 * Option checks shared by the built-in compressors: a bad option fails when
 * the factory is called, with the option named, not on the first put.
 */

/** Undefined, or an integer ≥ `min`; `Infinity` too when `unbounded`. */
export function assertCount(
  value: unknown,
  parameter: string,
  min: number,
  unbounded = false,
): void {
  if (unbounded && value === Number.POSITIVE_INFINITY) return;
  assertNumber(value, parameter, { min, integer: true });
}

/** Undefined, or a number in `(0, 1]`. */
export function assertFraction(value: unknown, parameter: string): void {
  assertNumber(value, parameter, { min: 0, exclusiveMin: true });
  if (typeof value === 'number' && value > 1) {
    throw new InvalidArgumentError({
      parameter,
      value,
      message: `expected a number > 0 and <= 1, got ${value}`,
    });
  }
}

/** Undefined, or a finite number ≤ 1 (a savings threshold; ≤ 0 means "always"). */
export function assertSavings(value: unknown, parameter: string): void {
  assertNumber(value, parameter, { min: Number.NEGATIVE_INFINITY });
  if (typeof value === 'number' && value > 1) {
    throw new InvalidArgumentError({
      parameter,
      value,
      message: `expected a number <= 1, got ${value}`,
    });
  }
}

/** Undefined, or one of `choices`. */
export function assertChoice(
  value: unknown,
  parameter: string,
  choices: readonly string[],
): void {
  if (value === undefined || choices.includes(value as string)) return;
  throw new InvalidArgumentError({
    parameter,
    value,
    message: `expected one of ${choices.map((choice) => `'${choice}'`).join(', ')}, got ${String(value)}`,
  });
}
