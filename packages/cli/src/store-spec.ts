import { existsSync } from 'node:fs';
import {
  InvalidArgumentError,
  memoryDriver,
  type StoreDriver,
} from '@sharedcontext/core';
import { importDriver } from './import-driver.ts';

/** Where `compress/put/get/keys/stats/retrieve` keep entries between invocations. */
export const DEFAULT_STORE = 'sqlite:sharedcontext.db';

/** Options of {@link storeFromSpec}. */
export interface StoreFromSpecOptions {
  /**
   * The command only reads (or deletes): a SQLite file that does not exist
   * yet is not created; the command sees an empty store instead.
   * @default false
   */
  readOnly?: boolean;
}

/**
 * `--store` → a driver: `sqlite:FILE`, `redis://…` / `rediss://…` (with an
 * optional `#prefix`), or `memory` (only useful inside one invocation).
 * Throws `MissingDependencyError` when the driver package is not installed.
 */
export async function storeFromSpec(
  spec: string = DEFAULT_STORE,
  { readOnly = false }: StoreFromSpecOptions = {},
): Promise<StoreDriver> {
  if (spec === 'memory') return memoryDriver();
  if (spec.startsWith('sqlite:')) {
    const filename = spec.slice('sqlite:'.length);
    if (!filename)
      throw new InvalidArgumentError({
        parameter: '--store',
        value: spec,
        message: 'sqlite: needs a file name, e.g. sqlite:context.db',
      });
    // Nothing was ever stored there: reading must not create the file.
    if (readOnly && filename !== ':memory:' && !existsSync(filename))
      return memoryDriver();
    const { sqliteDriver } = await importDriver<
      typeof import('@sharedcontext/store-sqlite')
    >('@sharedcontext/store-sqlite');
    return sqliteDriver({ filename });
  }
  if (/^rediss?:\/\//.test(spec)) {
    const [url, prefix] = spec.split('#', 2) as [string, string | undefined];
    const { redisDriver } = await importDriver<
      typeof import('@sharedcontext/store-redis')
    >('@sharedcontext/store-redis');
    return redisDriver({ url, ...(prefix ? { prefix } : {}) });
  }
  throw new InvalidArgumentError({
    parameter: '--store',
    value: spec,
    message: 'expected sqlite:FILE, redis://HOST:PORT[/DB][#prefix] or memory',
  });
}
