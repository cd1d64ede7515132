import { keysToEvict } from './eviction.ts';
import type { StoreDriver, StoredMeta, StoredRecord } from './store-driver.ts';

type Records = Map<string, StoredRecord>;

/**
 * The default store: a `Map` in this process, ordered by last write. Fast,
 * synchronous (so `putSync` is durable at once), and gone when the process
 * ends; use `@sharedcontext/store-sqlite` or `-redis` to share across
 * processes. `withNamespace(name)` gives views that share this process's
 * storage but never see each other's records.
 */
export function memoryDriver(): StoreDriver {
  // One Map of records per namespace path. The path is stored as JSON of
  // its segments, so `['a:b']` and `['a', 'b']` can never meet.
  const spaces = new Map<string, Records>();
  return view(spaces, []);
}

function view(
  spaces: Map<string, Records>,
  path: readonly string[],
): StoreDriver {
  const id = JSON.stringify(path);
  const records = (): Records => {
    let found = spaces.get(id);
    if (!found) {
      found = new Map();
      spaces.set(id, found);
    }
    return found;
  };
  return {
    specificationVersion: 'v1',
    name: 'memory',
    flags: { synchronous: true },
    get: (key) => spaces.get(id)?.get(key),
    set(key, record, { maxEntries } = {}) {
      const own = records();
      let evicted: string[] = [];
      if (own.has(key)) {
        own.delete(key); // re-insert: the Map's order is the write order
      } else {
        evicted = keysToEvict(own.keys(), own.size, maxEntries);
        for (const old of evicted) own.delete(old);
      }
      own.set(key, record);
      return { evicted };
    },
    delete: (key) => spaces.get(id)?.delete(key) ?? false,
    list() {
      const metas: StoredMeta[] = [];
      for (const [key, record] of spaces.get(id) ?? []) {
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
    clear: () => {
      spaces.delete(id);
    },
    withNamespace: (namespace) => view(spaces, [...path, namespace]),
  };
}
