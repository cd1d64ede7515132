import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SharedContext } from '@sharedcontext/core';
import {
  expectStoreAfterWorkers,
  runStoreWorkers,
} from '@sharedcontext-internal/test-utils';
import { afterAll, describe, it } from 'vitest';
import { sqliteDriver } from './sqlite-driver.ts';

// The workers run this package's build: `pnpm exec tsc -b` first.
const driverModule = fileURLToPath(
  new URL('../dist/index.js', import.meta.url),
);
const directory = mkdtempSync(join(tmpdir(), 'sc-sqlite-mp-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('sqliteDriver across processes', () => {
  for (const maxEntries of [1000, 150]) {
    it(`4 workers × 100 concurrent puts/gets into one file, maxEntries ${maxEntries}`, async () => {
      const filename = join(directory, `shared-${maxEntries}.db`);
      const reports = await runStoreWorkers({
        driverModule,
        factory: 'sqliteDriver',
        driverOptions: { filename, busyTimeoutMs: 20_000 },
        maxEntries,
      });
      const store = sqliteDriver({ filename });
      const ctx = new SharedContext({ store, maxEntries });
      await expectStoreAfterWorkers(ctx, reports, maxEntries);
      await ctx.dispose();
    }, 120_000);
  }
});
