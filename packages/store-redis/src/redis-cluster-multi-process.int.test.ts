import { fileURLToPath } from 'node:url';
import { SharedContext } from '@sharedcontext/core';
import {
  describeRedisCluster,
  expectNamespacesAfterWorkers,
  runStoreWorkers,
  uniqueRedisPrefix,
} from '@sharedcontext-internal/test-utils';
import { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { redisDriver } from './redis-driver.ts';
import { redisKeyNames } from './redis-keys.ts';

// The workers run this package's build: `pnpm exec tsc -b` first.
const driverModule = fileURLToPath(
  new URL('../dist/index.js', import.meta.url),
);

describeRedisCluster('redisDriver across processes on a cluster', (cluster) => {
  it('4 workers × 20 namespaces: spread over shards, maxEntries per namespace, no crossing', async () => {
    const prefix = uniqueRedisPrefix('cluster-multi-process');
    const maxEntries = 3;
    const namespaces = 20;
    const reports = await runStoreWorkers({
      driverModule,
      factory: 'redisDriver',
      driverOptions: {
        cluster: cluster().urls,
        prefix,
        commandTimeoutMs: 60_000,
      },
      maxEntries,
      namespaces,
    });
    const driver = redisDriver({ cluster: cluster().urls, prefix });
    const checked = await expectNamespacesAfterWorkers(
      (namespace) =>
        new SharedContext({ store: driver, namespace, maxEntries }),
      reports,
      maxEntries,
    );
    expect(checked).toHaveLength(namespaces);

    // Each namespace lives on the master of its hash tag's slot; the
    // namespaces spread over at least two of the three.
    const owners = new Map<number, number>();
    for (const namespace of checked) {
      const node = await cluster().masterOf(
        redisKeyNames(prefix, [namespace]).index,
      );
      owners.set(node.port, (owners.get(node.port) ?? 0) + 1);
    }
    expect(owners.size).toBeGreaterThanOrEqual(2);
    for (const node of cluster().nodes) {
      const admin = new Redis(node.url);
      const [, found] = await admin.scan(
        '0',
        'MATCH',
        `${prefix}*`,
        'COUNT',
        100_000,
      );
      await admin.quit();
      // Every namespace this master owns left keys on it, and no other did.
      expect(found.length > 0).toBe(owners.has(node.port));
    }

    for (const namespace of checked)
      await driver.withNamespace!(namespace).clear();
    await driver.dispose?.();
  }, 180_000);
});
