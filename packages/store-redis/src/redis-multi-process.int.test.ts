import { fileURLToPath } from 'node:url';
import { SharedContext } from '@sharedcontext/core';
import {
  describeRedis,
  expectStoreAfterWorkers,
  runStoreWorkers,
  uniqueRedisPrefix,
} from '@sharedcontext-internal/test-utils';
import { it } from 'vitest';
import { redisDriver } from './redis-driver.ts';

// The workers run this package's build: `pnpm exec tsc -b` first.
const driverModule = fileURLToPath(
  new URL('../dist/index.js', import.meta.url),
);

describeRedis('redisDriver across processes', (url) => {
  for (const maxEntries of [1000, 150]) {
    it(`4 workers × 100 concurrent puts/gets into one prefix, maxEntries ${maxEntries}`, async () => {
      const prefix = uniqueRedisPrefix(`multi-process-${maxEntries}`);
      const reports = await runStoreWorkers({
        driverModule,
        factory: 'redisDriver',
        driverOptions: { url, prefix, commandTimeoutMs: 60_000 },
        maxEntries,
      });
      const ctx = new SharedContext({
        store: redisDriver({ url, prefix }),
        maxEntries,
      });
      await expectStoreAfterWorkers(ctx, reports, maxEntries);
      await ctx.clear();
      await ctx.dispose();
    }, 120_000);
  }
});
