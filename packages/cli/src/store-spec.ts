import {
  InvalidArgumentError,
  memoryDriver,
  type StoreDriver,
} from '@sharedcontext/core';
import { redisDriver } from '@sharedcontext/store-redis';
import { sqliteDriver } from '@sharedcontext/store-sqlite';

/** Where `put/get/keys/stats/retrieve` keep entries between invocations. */
export const DEFAULT_STORE = 'sqlite:sharedcontext.db';

/**
 * `--store` → a driver: `sqlite:FILE`, `redis://…` / `rediss://…` (with an
 * optional `#prefix`), or `memory` (only useful inside one invocation).
 */
export function storeFromSpec(spec: string = DEFAULT_STORE): StoreDriver {
  if (spec === 'memory') return memoryDriver();
  if (spec.startsWith('sqlite:')) {
    const filename = spec.slice('sqlite:'.length);
    if (!filename)
      throw new InvalidArgumentError({
        parameter: '--store',
        value: spec,
        message: 'sqlite: needs a file name, e.g. sqlite:context.db',
      });
    return sqliteDriver({ filename });
  }
  if (/^rediss?:\/\//.test(spec)) {
    const [url, prefix] = spec.split('#', 2) as [string, string | undefined];
    return redisDriver({ url, ...(prefix ? { prefix } : {}) });
  }
  throw new InvalidArgumentError({
    parameter: '--store',
    value: spec,
    message: 'expected sqlite:FILE, redis://HOST:PORT[/DB][#prefix] or memory',
  });
}
