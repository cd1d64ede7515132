import { existsSync } from 'node:fs';
import {
  InvalidArgumentError,
  MissingDependencyError,
  memoryDriver,
  type StoreDriver,
} from '@sharedcontext/core';

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
 * Imports an optional store driver package. The drivers are optional
 * dependencies of the CLI, loaded only by the commands that use a store, so
 * `compress --no-store` and `bench` run where they are not installed (or
 * where better-sqlite3's native build failed).
 */
async function importDriver<T>(packageName: string): Promise<T> {
  try {
    // A variable keeps bundlers and tsc from resolving it eagerly.
    const name = packageName;
    return (await import(name)) as T;
  } catch (error) {
    throw new MissingDependencyError({
      packageName,
      message: `[sharedcontext] [cli] ${packageName} could not be loaded: ${(error as Error).message.split('\n')[0]}. Install it beside the CLI (\`npm install ${packageName}\`) or choose another --store.`,
      cause: error,
    });
  }
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
