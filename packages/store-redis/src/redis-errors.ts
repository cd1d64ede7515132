import {
  StoreDriverError,
  type StoreOperation,
  StoreOutcomeUnknownError,
} from '@sharedcontext/core';
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

/** Operations that change the store: a lost answer leaves their outcome open. */
const WRITES: ReadonlySet<StoreOperation> = new Set(['set', 'delete', 'clear']);

// ioredis failures that prove the command never reached Redis: it was
// refused before it was sent (no connection and no offline queue).
const NOT_SENT = [
  "Stream isn't writeable",
  "Cluster isn't ready",
  'Cluster is ended',
  'None of startup nodes is available',
];

/**
 * True when Redis certainly did not apply the command: it answered with
 * an error (a ReplyError: WRONGTYPE, CLUSTERDOWN, our scripts' refusals,
 * which write nothing), or ioredis refused it before sending. A timeout, a
 * connection that closed with the command in flight, and a cluster
 * command that ran out of redirections (ioredis resends a command whose
 * connection closed, so an earlier attempt may have been applied) are not
 * certain.
 */
function certainlyNotApplied(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'ReplyError') return true;
  return NOT_SENT.some((start) => error.message.startsWith(start));
}

/**
 * Any failure → `StoreDriverError`: WRONGTYPE and our scripts' corrupt
 * replies become STORE_CORRUPT naming the key; a write whose answer was
 * lost (timeout, connection closed in flight) becomes
 * `StoreOutcomeUnknownError` (STORE_OUTCOME_UNKNOWN), never a success;
 * everything else (refused connections, reads that timed out) is
 * STORE_UNAVAILABLE.
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
  const where = key === undefined ? {} : { key };
  if (WRITES.has(operation) && !certainlyNotApplied(error)) {
    return new StoreOutcomeUnknownError({
      driver: DRIVER_NAME,
      operation,
      cause: error,
      message: `no answer from Redis (${message})`,
      ...where,
    });
  }
  return new StoreDriverError({
    driver: DRIVER_NAME,
    operation,
    cause: error,
    ...where,
  });
}
