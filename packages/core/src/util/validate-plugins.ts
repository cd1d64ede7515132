import { InvalidArgumentError } from '../errors/index.ts';
import { CONTENT_TYPES } from '../types.ts';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

function hasMethods(value: unknown, methods: readonly string[]): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return methods.every((method) => typeof record[method] === 'function');
}

/**
 * Undefined, or an array of plug-ins that each have `methods` (a
 * compressor's `compress`, a detector's `detect`). Checked when options are
 * read, so `compressors: 5` fails there, naming the option, instead of as
 * a TypeError deep inside the first `put`.
 */
export function assertPluginList(
  value: unknown,
  parameter: string,
  methods: readonly string[],
): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    throw new InvalidArgumentError({
      parameter,
      value,
      message: `expected an array, got ${describe(value)}`,
    });
  }
  value.forEach((item: unknown, index) => {
    if (!hasMethods(item, methods)) {
      throw new InvalidArgumentError({
        parameter: `${parameter}[${index}]`,
        value: item,
        message: `expected an object with ${methods.map((method) => `${method}()`).join(' and ')}, got ${describe(item)}`,
      });
    }
  });
}

/** Undefined, or a Tokenizer (`load()` and `count()`). */
export function assertOptionalTokenizer(
  value: unknown,
  parameter = 'tokenizer',
): void {
  if (value === undefined || hasMethods(value, ['load', 'count'])) return;
  throw new InvalidArgumentError({
    parameter,
    value,
    message: `expected a Tokenizer with load() and count(), got ${describe(value)}`,
  });
}

/** Undefined, or one of the content types. */
export function assertOptionalContentType(
  value: unknown,
  parameter = 'contentType',
): void {
  if (value === undefined) return;
  if (!(CONTENT_TYPES as readonly unknown[]).includes(value)) {
    throw new InvalidArgumentError({
      parameter,
      value,
      message: `expected one of ${CONTENT_TYPES.join(', ')}`,
    });
  }
}
