import { SharedContext, StoreDriverError } from '@sharedcontext/core';
import {
  describeRedisCluster,
  lineDropCompressor,
  type RedisClusterNode,
  storeTestText,
  uniqueRedisPrefix,
} from '@sharedcontext-internal/test-utils';
import { expect, it } from 'vitest';
import { redisDriver } from './redis-driver.ts';
import { redisKeyNames } from './redis-keys.ts';

async function settle<T>(
  promise: Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  return promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

// Retries `action` until it succeeds: the cluster takes a moment to take a
// restarted master back, and the driver reconnects in the background.
async function eventually<T>(action: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (attempt >= 200) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

function expectStoreFailure(error: unknown, operation: string): void {
  expect(StoreDriverError.isInstance(error)).toBe(true);
  const driverError = error as StoreDriverError;
  expect(driverError.driver).toBe('redis');
  expect(driverError.operation).toBe(operation);
  // A write may have reached the master before it stopped; a read has no
  // outcome to lose.
  expect(
    operation === 'get'
      ? ['STORE_UNAVAILABLE']
      : ['STORE_UNAVAILABLE', 'STORE_OUTCOME_UNKNOWN'],
  ).toContain(driverError.code);
}

describeRedisCluster(
  'redisDriver when a cluster master stops',
  (cluster) => {
    it('fails fast on its namespaces, serves the others, and loses nothing acknowledged', async () => {
      const prefix = uniqueRedisPrefix('cluster-fault');
      // Commands never time out here: every failure must come from the
      // stopped master itself, at once, not from waiting out a timeout
      // (a hang would run into the test's own timeout instead).
      const driver = redisDriver({
        cluster: cluster().urls,
        prefix,
        commandTimeoutMs: 600_000,
        connectTimeoutMs: 2_000,
      });
      const namespaces = Array.from(
        { length: 20 },
        (_, index) => `ns-${index}`,
      );
      const contexts = new Map(
        namespaces.map((namespace) => [
          namespace,
          new SharedContext({
            store: driver.withNamespace!(namespace),
            compressors: [lineDropCompressor()],
            minTokens: 0,
          }),
        ]),
      );
      const ctx = (namespace: string) => contexts.get(namespace)!;
      const owner = new Map<string, RedisClusterNode>();
      for (const namespace of namespaces) {
        owner.set(
          namespace,
          await cluster().masterOf(redisKeyNames(prefix, [namespace]).index),
        );
      }
      const victim = cluster().nodes[0]!;
      const down = namespaces.filter((name) => owner.get(name) === victim);
      const up = namespaces.filter((name) => owner.get(name) !== victim);
      expect(down.length).toBeGreaterThan(0);
      expect(up.length).toBeGreaterThan(0);

      // key → text, for every put that resolved.
      const acknowledged = new Map<string, Map<string, string>>(
        namespaces.map((namespace) => [namespace, new Map()]),
      );
      const refused = new Map<string, string[]>(
        namespaces.map((namespace) => [namespace, []]),
      );
      const put = async (namespace: string, key: string) => {
        const text = storeTestText(`${namespace}/${key}`, 12);
        const outcome = await settle(ctx(namespace).put(key, text));
        if (outcome.ok) acknowledged.get(namespace)!.set(key, text);
        else {
          expectStoreFailure(outcome.error, 'set');
          if ((outcome.error as StoreDriverError).code === 'STORE_UNAVAILABLE')
            refused.get(namespace)!.push(key);
        }
        return outcome.ok;
      };

      for (const namespace of namespaces)
        expect(await put(namespace, 'before')).toBe(true);

      // Writes in flight on every master while one of them is killed.
      const inFlight = namespaces.flatMap((namespace) =>
        Array.from({ length: 5 }, (_, index) =>
          put(namespace, `in-flight-${index}`),
        ),
      );
      await victim.kill();
      await Promise.all(inFlight);

      for (const namespace of down) {
        expect(await put(namespace, 'during')).toBe(false);
        const read = await settle(ctx(namespace).get('before'));
        expect(read.ok).toBe(false);
        if (!read.ok) expectStoreFailure(read.error, 'get');
      }
      for (const namespace of up) {
        expect(await put(namespace, 'during')).toBe(true);
        expect(await ctx(namespace).get('before', { full: true })).toBe(
          acknowledged.get(namespace)!.get('before'),
        );
      }

      await victim.restart();
      await cluster().waitUntilHealthy(60_000);
      for (const namespace of down) {
        await eventually(() => ctx(namespace).put('after', 'back'));
      }
      for (const namespace of namespaces) {
        for (const [key, text] of acknowledged.get(namespace)!) {
          expect(await ctx(namespace).get(key, { full: true })).toBe(text);
        }
        // Refused outright (never sent): not written either.
        for (const key of refused.get(namespace)!) {
          expect(await ctx(namespace).get(key)).toBeNull();
        }
      }
      for (const namespace of namespaces) await ctx(namespace).clear();
      await driver.dispose?.();
    }, 180_000);
  },
  { persistent: true },
);
