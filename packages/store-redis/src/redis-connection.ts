import { StoreDriverError, type StoreOperation } from '@sharedcontext/core';
import { Cluster, Redis } from 'ioredis';
import { clusterNodes } from './cluster-nodes.ts';
import { DRIVER_NAME } from './redis-errors.ts';

/** A standalone client or a cluster client: the driver uses either alike. */
export type RedisClient = Redis | Cluster;

/** Options of {@link createConnection}. */
export interface RedisConnectionOptions {
  url: string;
  /** Startup nodes of a Redis Cluster; `url` is then ignored. */
  cluster?: readonly string[];
  client?: RedisClient;
  commandTimeoutMs: number;
  connectTimeoutMs: number;
}

/** A lazily opened client that is ready, or fails within the timeouts. */
export interface RedisConnection {
  /** The ready client; connects on first use and waits out a reconnect. */
  ready(operation: StoreOperation): Promise<RedisClient>;
  /** Closes a client this connection opened; leaves an injected one alone. */
  close(): Promise<void>;
}

/** Longest wait between reconnection attempts while Redis is down. */
const MAX_RETRY_DELAY_MS = 500;

function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    parsed.username = '';
    return parsed.toString();
  } catch {
    return 'the configured URL';
  }
}

/**
 * Opens (once) and watches the client. The driver's own client fails fast
 * instead of queueing while disconnected (`enableOfflineQueue: false`,
 * `maxRetriesPerRequest: 1`, `commandTimeout`), keeps reconnecting in the
 * background; a call waits only for a first connection or an attempt
 * already under way (at most `connectTimeoutMs`), and fails at once while
 * Redis is known to be down.
 */
export function createConnection(
  options: RedisConnectionOptions,
): RedisConnection {
  const { url, cluster, client, commandTimeoutMs, connectTimeoutMs } = options;
  let redis: RedisClient | undefined = client;
  let lastError: unknown;
  let disposed = false;
  const startup = cluster === undefined ? undefined : clusterNodes(cluster);
  const where =
    client !== undefined
      ? 'the given client'
      : cluster === undefined
        ? redactedUrl(url)
        : `the cluster at ${cluster.map(redactedUrl).join(', ')}`;

  const open = (): RedisClient => {
    if (redis) return redis;
    const retryStrategy = (attempt: number) =>
      Math.min(attempt * 50, MAX_RETRY_DELAY_MS);
    const nodeOptions = {
      maxRetriesPerRequest: 1,
      autoResendUnfulfilledCommands: false,
      connectTimeout: connectTimeoutMs,
      commandTimeout: commandTimeoutMs,
    };
    const created: RedisClient =
      startup === undefined
        ? new Redis(url, {
            ...nodeOptions,
            lazyConnect: true,
            enableOfflineQueue: false,
            retryStrategy,
          })
        : new Cluster(startup.nodes, {
            lazyConnect: true,
            enableOfflineQueue: false,
            clusterRetryStrategy: retryStrategy,
            slotsRefreshTimeout: connectTimeoutMs,
            redisOptions: { ...nodeOptions, ...startup.auth },
          });
    // Failures reach callers as StoreDriverError; keep ioredis from
    // printing "Unhandled error event" and remember the cause.
    created.on('error', (error: unknown) => {
      lastError = error;
    });
    redis = created;
    return created;
  };

  const unavailable = (operation: StoreOperation, why: string) =>
    new StoreDriverError({
      driver: DRIVER_NAME,
      operation,
      message: `cannot reach Redis at ${where} (${why})`,
      ...(lastError === undefined ? {} : { cause: lastError }),
    });

  const waitUntilReady = (current: RedisClient, operation: StoreOperation) =>
    new Promise<void>((resolve, reject) => {
      const settle = (error?: StoreDriverError) => {
        clearTimeout(timer);
        current.off('ready', onReady);
        current.off('close', onClose);
        current.off('end', onClose);
        if (error) reject(error);
        else resolve();
      };
      const onReady = () => settle();
      const onClose = () => {
        const why =
          lastError instanceof Error ? lastError.message : 'connection closed';
        settle(unavailable(operation, why));
      };
      const timer = setTimeout(
        () =>
          settle(
            unavailable(
              operation,
              `no connection within ${connectTimeoutMs} ms`,
            ),
          ),
        connectTimeoutMs,
      );
      current.once('ready', onReady);
      current.once('close', onClose);
      current.once('end', onClose);
    });

  return {
    async ready(operation) {
      if (disposed) {
        throw new StoreDriverError({
          driver: DRIVER_NAME,
          operation,
          message: 'the driver was disposed',
        });
      }
      const current = open();
      if (current.status === 'ready') return current;
      if (current.status === 'reconnecting') {
        // The last attempt failed and the next is scheduled: fail fast
        // rather than make every queued call wait out the outage.
        const why =
          lastError instanceof Error ? lastError.message : 'reconnecting';
        throw unavailable(operation, why);
      }
      const waiting = waitUntilReady(current, operation);
      if (current.status === 'wait' || current.status === 'end') {
        // connect() rejects on failure too; waitUntilReady reports it.
        current.connect().catch(() => {});
      }
      await waiting;
      return current;
    },
    async close() {
      disposed = true;
      if (client !== undefined || redis === undefined) return;
      if (redis.status === 'ready') {
        await redis.quit();
      } else {
        redis.disconnect();
      }
    },
  };
}
