import { StoreDriverError, type StoreOperation } from '@sharedcontext/core';
import { CORRUPT_REPLY } from './redis-scripts.ts';

/** The driver's name in errors and stats. */
export const DRIVER_NAME = 'redis';

/** A value under our prefix that is not one of our entry hashes. */
export function redisCorrupt(
  key: string,
  why: string,
  cause?: unknown,
): StoreDriverError {
  return new StoreDriverError({
    driver: DRIVER_NAME,
    operation: 'decode',
    key,
    code: 'STORE_CORRUPT',
    message: `the value under this key is not a SharedContext entry (${why})`,
    cause,
  });
}

/**
 * Any failure → `StoreDriverError`: WRONGTYPE and our scripts' corrupt
 * replies become STORE_CORRUPT naming the key; everything else (refused
 * connections, timeouts, a closed stream) is STORE_UNAVAILABLE.
 */
export function toRedisError(
  operation: StoreOperation,
  error: unknown,
  key?: string,
): StoreDriverError {
  if (StoreDriverError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (
    key !== undefined &&
    (message.startsWith('WRONGTYPE') || message.startsWith(CORRUPT_REPLY))
  ) {
    const why = message.startsWith(CORRUPT_REPLY)
      ? message.slice(CORRUPT_REPLY.length + 1)
      : 'it is not a hash';
    return redisCorrupt(key, why, error);
  }
  return new StoreDriverError({
    driver: DRIVER_NAME,
    operation,
    cause: error,
    ...(key === undefined ? {} : { key }),
  });
}
