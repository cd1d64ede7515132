import { describe } from 'vitest';
import { type RedisProcess, startRedisProcess } from './redis-process.ts';

export { freePort } from './redis-process.ts';

/** `REDIS_URL`, the server the Redis integration tests use. */
export function redisUrl(): string | undefined {
  return process.env.REDIS_URL || undefined;
}

/**
 * `describe` for tests that need a running Redis (`REDIS_URL`, which the
 * global setup provides when redis-server is on the PATH). Locally they are
 * skipped when `REDIS_URL` is unset (the global setup says so once); under
 * CI (`CI` set) a missing `REDIS_URL` fails the suite instead, so the Redis
 * tests are never skipped silently there.
 */
export function describeRedis(name: string, body: (url: string) => void): void {
  const url = redisUrl();
  if (url) {
    describe(name, () => body(url));
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      throw new Error(
        'REDIS_URL is not set under CI: .ci/run must start redis-server and export REDIS_URL (e.g. redis://127.0.0.1:16379/0).',
      );
    });
    return;
  }
  describe.skip(name, () => body('redis://127.0.0.1:6379'));
}

let prefixes = 0;

/** A key prefix no other test (or parallel test file) uses. */
export function uniqueRedisPrefix(label = 'test'): string {
  prefixes += 1;
  return `sc-test:${label}:${process.pid}:${Date.now().toString(36)}:${prefixes}:`;
}

/** A redis-server this test started (see {@link startRedisServer}). */
export type RedisServer = RedisProcess;

/**
 * Starts a private, in-memory redis-server on a loopback port (for fault
 * tests that stop, freeze and restart it). Needs the `redis-server` binary.
 */
export async function startRedisServer(port: number): Promise<RedisServer> {
  const server = await startRedisProcess(port);
  return { ...server, url: `${server.url}/0` };
}
