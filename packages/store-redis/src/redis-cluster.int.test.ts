import {
  describeRedisCluster,
  describeStoreDriver,
  uniqueRedisPrefix,
} from '@sharedcontext-internal/test-utils';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisDriver } from './redis-driver.ts';
import { redisKeyNames } from './redis-keys.ts';

const record = (text: string, writtenAt = Date.now()) => ({
  meta: `meta ${text}`,
  value: text,
  writtenAt,
});

describeRedisCluster('redisDriver on a 3-master Redis Cluster', (cluster) => {
  describeStoreDriver({
    name: 'redis (cluster)',
    create: () =>
      redisDriver({
        cluster: cluster().urls,
        prefix: uniqueRedisPrefix('cluster-conformance'),
        // Generous: a 50 MiB write on a loaded machine is slow.
        commandTimeoutMs: 120_000,
      }),
  });

  describe('cluster layout', () => {
    let admin: Cluster;
    beforeAll(() => {
      admin = new Cluster(
        cluster().urls.map((url) => {
          const { hostname, port } = new URL(url);
          return { host: hostname, port: Number(port) };
        }),
      );
    });
    afterAll(async () => {
      await admin.quit();
    });

    it('gives each namespace one slot and spreads namespaces over the masters', async () => {
      const prefix = uniqueRedisPrefix('cluster-slots');
      const driver = redisDriver({ cluster: cluster().urls, prefix });
      const masters = new Set<number>();
      for (let index = 0; index < 20; index++) {
        const path = [`tenant-${index}`];
        const view = driver.withNamespace!(path[0]!);
        await view.set('k', record(`tenant ${index}`), { maxEntries: 1 });
        await view.set('k2', record(`tenant ${index} again`), {
          maxEntries: 1,
        });
        expect((await view.list()).map((meta) => meta.key)).toEqual(['k2']);
        const names = redisKeyNames(prefix, path);
        const slots = new Set(
          await Promise.all(
            [
              names.index,
              names.expiry,
              names.sequence,
              names.entry('k'),
              names.entry('evicted or not, same slot'),
            ].map((key) => admin.cluster('KEYSLOT', key)),
          ),
        );
        expect(slots.size).toBe(1);
        masters.add((await cluster().masterOf(names.index)).port);
      }
      expect(masters.size).toBeGreaterThanOrEqual(2);
      for (let index = 0; index < 20; index++)
        await driver.withNamespace!(`tenant-${index}`).clear();
      await driver.dispose?.();
    });

    it('uses an injected ioredis Cluster and leaves it open', async () => {
      const driver = redisDriver({
        client: admin,
        prefix: uniqueRedisPrefix('cluster-injected'),
      });
      const view = driver.withNamespace!('injected');
      await view.set('k', record('v'));
      expect((await view.get('k'))?.value).toBe('v');
      await view.clear();
      expect(await view.list()).toEqual([]);
      await driver.dispose?.();
      expect(admin.status).toBe('ready');
    });
  });
});
