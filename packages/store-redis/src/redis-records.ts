import {
  InvalidArgumentError,
  type StoredRecord,
  type StoreSetOptions,
} from '@sharedcontext/core';

// With the `u` flag a surrogate pair is one code point, so this matches
// only a lone surrogate, in one linear scan.
const LONE_SURROGATE = /\p{Cs}/u;

// ES2024's String.prototype.isWellFormed (Node 20+), native and about as
// fast as one UTF-8 encoding pass, which matters for 50 MB values; the
// regex where it is missing.
const wellFormed = (text: string): boolean => {
  const native = (text as { isWellFormed?: () => boolean }).isWellFormed;
  return native ? native.call(text) : !LONE_SURROGATE.test(text);
};

/**
 * Refuses a string that is not well-formed UTF-16. Redis stores UTF-8, in
 * which every lone surrogate becomes U+FFFD: `k\uD800`, `k\uDFFF` and
 * `k\uFFFD` would be one key, and a value would come back changed.
 */
export function checkWellFormed(value: string, parameter: string): void {
  if (typeof value !== 'string') {
    throw new InvalidArgumentError({
      parameter,
      value,
      message: `expected a string, got ${value === null ? 'null' : typeof value}`,
    });
  }
  if (!wellFormed(value)) {
    throw new InvalidArgumentError({
      parameter,
      value,
      message:
        'contains a lone surrogate (not well-formed UTF-16), which Redis would store as U+FFFD and merge with other strings',
    });
  }
}

function checkInteger(value: unknown, parameter: string, min: number): void {
  if (
    typeof value !== 'number' ||
    !Number.isSafeInteger(value) ||
    value < min
  ) {
    throw new InvalidArgumentError({
      parameter,
      value,
      message: `expected an integer from ${min} to ${Number.MAX_SAFE_INTEGER}`,
    });
  }
}

/**
 * Checks a record and set options before anything is sent, so a write
 * Redis would refuse halfway (a `PEXPIREAT` out of range) is refused
 * whole. Returns the options.
 */
export function checkRecord(
  record: StoredRecord,
  options: StoreSetOptions,
): StoreSetOptions {
  if (typeof record !== 'object' || record === null) {
    throw new InvalidArgumentError({
      parameter: 'record',
      value: record,
      message: 'expected a StoredRecord object',
    });
  }
  checkWellFormed(record.meta, 'record.meta');
  checkWellFormed(record.value, 'record.value');
  checkInteger(record.writtenAt, 'record.writtenAt', 0);
  if (record.expiresAt !== undefined)
    checkInteger(record.expiresAt, 'record.expiresAt', 1);
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError({
      parameter: 'options',
      value: options,
      message: 'expected an options object',
    });
  }
  if (options.maxEntries !== undefined)
    checkInteger(options.maxEntries, 'maxEntries', 1);
  return options;
}
