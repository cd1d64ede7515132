import type { MaybePromise } from '../types.ts';

/**
 * One stored entry as a driver sees it: two opaque strings written by core's
 * entry codec, plus the two times a driver needs for ordering and expiry.
 * Drivers never parse `meta` or `value`.
 */
export interface StoredRecord {
  /** Small header (tokens, agent, labels); what `list()` returns. */
  meta: string;
  /** The payload (original, compressed text, dropped spans); can be 50 MB. */
  value: string;
  /** Epoch milliseconds of the last write: the eviction order. */
  writtenAt: number;
  /** Epoch milliseconds after which the record is gone; absent = never. */
  expiresAt?: number;
}

/** A record's header, without the payload. */
export interface StoredMeta {
  key: string;
  meta: string;
  writtenAt: number;
  expiresAt?: number;
}

/** Options of {@link StoreDriver.set}. */
export interface StoreSetOptions {
  /**
   * Keep at most this many records: when writing a *new* key would exceed
   * it, the least recently written records are evicted in the same atomic
   * step. Overwriting an existing key never evicts another.
   */
  maxEntries?: number;
}

/** What {@link StoreDriver.set} did besides writing. */
export interface StoreSetResult {
  /** Keys evicted to honour `maxEntries`, oldest first. */
  evicted: string[];
}

/** What a backend does natively. */
export interface StoreDriverFlags {
  /** The backend expires records at `expiresAt` itself (Redis PX, SQLite sweep). */
  nativeTtl?: boolean;
  /** Several processes can share one store. */
  sharedAcrossProcesses?: boolean;
  /**
   * Every method returns plain values, never promises, so a write through
   * `putSync` is durable when it returns (memory, better-sqlite3).
   */
  synchronous?: boolean;
}

/**
 * The contract every store implements. See `docs/stores/custom-driver.md`.
 * Keys arrive already validated; records are opaque. `list()` is ordered by
 * `writtenAt`, oldest first, and may include expired records (core filters
 * and purges them). Errors should be thrown as `StoreDriverError`; anything
 * else is wrapped by core with the driver and operation named.
 */
export interface StoreDriver {
  readonly specificationVersion: 'v1';
  /** Short name used in errors and stats: 'memory', 'sqlite', 'redis'. */
  readonly name: string;
  readonly flags?: StoreDriverFlags;
  get(key: string): MaybePromise<StoredRecord | undefined>;
  set(
    key: string,
    record: StoredRecord,
    options?: StoreSetOptions,
  ): MaybePromise<StoreSetResult>;
  delete(key: string): MaybePromise<boolean>;
  list(): MaybePromise<StoredMeta[]>;
  clear(): MaybePromise<void>;
  /**
   * A view of this store confined to one namespace, sharing its connection.
   * get/set/delete/list/clear and maxEntries eviction see only that
   * namespace's records; two namespaces never see or delete each other's
   * records, and the driver itself (no namespace) is distinct from every named one.
   */
  withNamespace?(namespace: string): StoreDriver;
  /** Releases connections and handles. */
  dispose?(): MaybePromise<void>;
}

/** A driver module's factory: `redisDriver(options)`. */
export type StoreDriverFactory<Options> = (options: Options) => StoreDriver;
