import { keysToEvict } from './eviction.ts';
import type { StoreDriver, StoredMeta, StoredRecord } from './store-driver.ts';

/**
 * The default store: a `Map` in this process, ordered by last write. Fast,
 * synchronous (so `putSync` is durable at once), and gone when the process
 * ends; use `@sharedcontext/store-sqlite` or `-redis` to share across
 * processes.
 */
export function memoryDriver(): StoreDriver {
  const records = new Map<string, StoredRecord>();
  return {
    specificationVersion: 'v1',
    name: 'memory',
    flags: { synchronous: true },
    get: (key) => records.get(key),
    set(key, record, { maxEntries } = {}) {
      let evicted: string[] = [];
      if (records.has(key)) {
        records.delete(key); // re-insert: the Map's order is the write order
      } else {
        evicted = keysToEvict(records.keys(), records.size, maxEntries);
        for (const old of evicted) records.delete(old);
      }
      records.set(key, record);
      return { evicted };
    },
    delete: (key) => records.delete(key),
    list() {
      const metas: StoredMeta[] = [];
      for (const [key, record] of records) {
        metas.push({
          key,
          meta: record.meta,
          writtenAt: record.writtenAt,
          ...(record.expiresAt === undefined
            ? {}
            : { expiresAt: record.expiresAt }),
        });
      }
      return metas;
    },
    clear: () => records.clear(),
  };
}
