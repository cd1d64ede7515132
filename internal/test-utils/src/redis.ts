// `@sharedcontext-internal/test-utils/redis`: private redis-server
// processes and clusters, without vitest (the bench uses them).
export {
  type RedisCluster,
  type RedisClusterNode,
  type StartRedisClusterOptions,
  startRedisCluster,
} from './redis-cluster.ts';
export {
  freePort,
  hasRedisBinaries,
  type RedisProcess,
  startRedisProcess,
  waitForPort,
} from './redis-process.ts';
