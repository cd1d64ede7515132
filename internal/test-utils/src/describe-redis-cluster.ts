import { afterAll, beforeAll, describe } from 'vitest';
import {
  type RedisCluster,
  type StartRedisClusterOptions,
  startRedisCluster,
} from './redis-cluster.ts';
import { hasRedisBinaries } from './redis-process.ts';

/**
 * `describe` over a private local Redis Cluster ({@link startRedisCluster}),
 * started before its tests and stopped after them; `body` gets a getter
 * for it (valid inside tests and hooks). Without `redis-server` on the
 * PATH the tests are skipped (the global setup prints the one notice line), except under CI
 * (`CI` set), where that fails the suite.
 */
export function describeRedisCluster(
  name: string,
  body: (cluster: () => RedisCluster) => void,
  options: StartRedisClusterOptions = {},
): void {
  if (!hasRedisBinaries()) {
    if (process.env.CI) {
      describe(name, () => {
        throw new Error(
          'redis-server and redis-cli are not on the PATH under CI: .ci/run must install redis-server, which the Redis Cluster tests start themselves.',
        );
      });
      return;
    }
    // The global setup says once for the whole run that Redis suites are skipped.
    describe.skip(name, () => body(() => ({}) as RedisCluster));
    return;
  }
  describe(name, () => {
    let cluster: RedisCluster | undefined;
    beforeAll(async () => {
      cluster = await startRedisCluster(options);
    }, 120_000);
    afterAll(async () => {
      await cluster?.stop();
    }, 60_000);
    body(() => {
      if (!cluster) throw new Error('the Redis cluster is not started yet');
      return cluster;
    });
  });
}
