import { corpusDir, hasCorpus } from './corpus.ts';
import { hasRedisBinaries } from './redis-process.ts';
import {
  freePort,
  type RedisServer,
  startRedisServer,
} from './redis-server.ts';

let server: RedisServer | undefined;

/**
 * vitest `globalSetup` (runs once, in the main process, before any test
 * file): says once whether the corpus suites run, and gives the Redis
 * suites a server. `REDIS_URL` is reused when set; otherwise a private,
 * in-memory redis-server is started on a free loopback port when the
 * binary is on the PATH (as `.ci/run` does), and its URL is exported as
 * `REDIS_URL` for the test workers, which inherit this process's
 * environment. Helpers that need their own servers (fault tests, a
 * cluster) call {@link startRedisServer} / `hasRedisBinaries()`.
 */
export async function setup(): Promise<void> {
  if (!hasCorpus()) {
    if (process.env.CI)
      throw new Error(
        `[test-utils] the shared corpus is missing at ${corpusDir()}; CI must have ../shared/corpus beside the checkout (or SHAREDCONTEXT_CORPUS set).`,
      );
    console.log(
      `[test-utils] corpus suites skipped: no corpus at ${corpusDir()} (put the shared corpus there or set SHAREDCONTEXT_CORPUS to run them)`,
    );
  }
  if (process.env.REDIS_URL) return;
  if (!hasRedisBinaries()) {
    // Under CI describeRedis fails each Redis suite instead (see there).
    if (!process.env.CI)
      console.log(
        '[test-utils] Redis suites skipped: REDIS_URL is unset and redis-server is not on the PATH (install redis-server to run them all, cluster included; or set REDIS_URL=redis://127.0.0.1:6379/0 for the single-server ones)',
      );
    return;
  }
  server = await startRedisServer(await freePort());
  process.env.REDIS_URL = server.url;
  // A crashed run must not leave the server behind.
  process.once('exit', () => {
    void server?.stop();
  });
}

/** Stops the redis-server {@link setup} started, if any. */
export async function teardown(): Promise<void> {
  await server?.stop();
  server = undefined;
}
