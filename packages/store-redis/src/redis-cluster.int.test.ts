import {
  describeRedisCluster,
  describeStoreDriver,
  uniqueRedisPrefix,
} from '@sharedcontext-internal/test-utils';
import { redisDriver } from './redis-driver.ts';

describeRedisCluster('redisDriver on a 3-master Redis Cluster', (cluster) => {
  describeStoreDriver({
    name: 'redis (cluster)',
    create: () =>
      redisDriver({
        cluster: cluster().urls,
        prefix: uniqueRedisPrefix('cluster-conformance'),
      }),
  });
});
