import {
  InvalidArgumentError,
  type StoreDriver,
  StoreDriverError,
  type StoredMeta,
  type StoredRecord,
  type StoreOperation,
} from '@sharedcontext/core';
import Database from 'better-sqlite3';
import { shouldOpenReadOnly } from './read-only.ts';
import {
  createStatements,
  ensureTable,
  hasCurrentTable,
  type SqliteStatements,
} from './sqlite-schema.ts';

const DRIVER_NAME = 'sqlite';
const TABLE_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Options of {@link sqliteDriver}. */
export interface SqliteDriverOptions {
  /**
   * Database file; several processes on one host may open the same file.
   * `':memory:'` keeps everything in this process. Ignored when `database`
   * is given.
   * @default ':memory:'
   */
  filename?: string;
  /**
   * An open better-sqlite3 database to use instead of opening `filename`.
   * The driver never closes a database it did not open.
   */
  database?: Database.Database;
  /**
   * Table holding the entries (letters, digits, `_`); created on first use.
   * Use one table per app or tenant to keep their entries apart.
   * @default 'sharedcontext_entries'
   */
  table?: string;
  /**
   * How long a write waits for another process's write lock, in
   * milliseconds, before failing with `StoreDriverError`.
   * @default 5000
   */
  busyTimeoutMs?: number;
  /**
   * Open the file read-only: the journal mode is left as it is, nothing is
   * created or migrated, and writes fail with `StoreDriverError` saying so.
   * By default a file that exists but is not writable, or lies in a folder
   * that is not writable, is opened read-only.
   * @default false (true for a file or folder that is not writable)
   */
  readonly?: boolean;
  /** Clock in epoch milliseconds for the expiry sweep (a test seam). @default Date.now */
  now?: () => number;
}

/**
 * A SharedContext store in SQLite (better-sqlite3): a file that several
 * processes on one host share, or `:memory:`. Synchronous, so `putSync` is
 * durable when it returns. WAL mode; the table is created on first use;
 * expired rows are swept on every write and never returned; `maxEntries`
 * eviction runs in the same `BEGIN IMMEDIATE` transaction as the write.
 *
 * @example
 * import { SharedContext } from '@sharedcontext/core';
 * import { sqliteDriver } from '@sharedcontext/store-sqlite';
 *
 * const ctx = new SharedContext({ store: sqliteDriver({ filename: 'context.db' }) });
 */
export function sqliteDriver(options: SqliteDriverOptions = {}): StoreDriver {
  const {
    filename = ':memory:',
    database,
    table = 'sharedcontext_entries',
    busyTimeoutMs = 5000,
    now = Date.now,
  } = validate(options);
  const readonly =
    options.readonly ??
    (database === undefined
      ? shouldOpenReadOnly(filename)
      : database.readonly === true);
  let db: Database.Database | undefined = database;
  let statements: SqliteStatements | undefined;
  let disposed = false;

  const fail = (operation: StoreOperation, error: unknown, key?: string) =>
    StoreDriverError.isInstance(error)
      ? error
      : new StoreDriverError({
          driver: DRIVER_NAME,
          operation,
          cause: error,
          ...(key === undefined ? {} : { key }),
        });

  // Opens the database and creates the table the first time it is needed.
  const ready = (operation: StoreOperation): SqliteStatements => {
    if (disposed) {
      throw new StoreDriverError({
        driver: DRIVER_NAME,
        operation,
        message: 'the driver was disposed',
      });
    }
    if (statements) return statements;
    try {
      db ??= readonly
        ? new Database(filename, {
            readonly: true,
            fileMustExist: true,
            timeout: busyTimeoutMs,
          })
        : new Database(filename, { timeout: busyTimeoutMs });
      db.pragma(`busy_timeout = ${busyTimeoutMs}`);
      if (readonly) {
        if (!hasCurrentTable(db, table))
          throw new Error(
            `the file is open read-only and holds no current table ${JSON.stringify(table)}; open it once with write access to create or migrate it`,
          );
      } else {
        if (!db.memory) db.pragma('journal_mode = WAL');
        ensureTable(db, table);
      }
      statements = createStatements(db, table);
      return statements;
    } catch (error) {
      throw fail(
        'connect',
        readonly && !StoreDriverError.isInstance(error)
          ? new Error(
              `${error instanceof Error ? error.message : String(error)} (opened read-only because ${options.readonly ? 'readonly: true was given' : 'the file or its folder is not writable'}; a WAL-mode file in a read-only folder needs its -shm file present)`,
              { cause: error },
            )
          : error,
      );
    }
  };

  const refuseWrite = (operation: StoreOperation, key?: string): void => {
    if (!readonly) return;
    throw new StoreDriverError({
      driver: DRIVER_NAME,
      operation,
      ...(key === undefined ? {} : { key }),
      message: `the database is open read-only (${options.readonly ? 'readonly: true' : 'the file or its folder is not writable'}); nothing was written`,
    });
  };

  const run = <T>(
    operation: StoreOperation,
    key: string | undefined,
    body: (sql: SqliteStatements) => T,
  ): T => {
    if (key !== undefined) assertWellFormedKey(key);
    if (operation === 'set' || operation === 'delete' || operation === 'clear')
      refuseWrite(operation, key);
    const sql = ready(operation);
    try {
      return body(sql);
    } catch (error) {
      throw fail(operation, error, key);
    }
  };

  // One view per namespace path, all on this connection. The `ns` column
  // holds '' for the driver itself and the path's JSON for a namespace, so
  // no namespace can equal another or the unnamed one.
  const view = (path: readonly string[]): StoreDriver => {
    const ns = path.length === 0 ? '' : JSON.stringify(path);
    return {
      specificationVersion: 'v1',
      name: DRIVER_NAME,
      flags: FLAGS,
      get: (key) =>
        run('get', key, (sql) => {
          const row = sql.get.get(ns, key, now());
          return row === undefined ? undefined : toRecord(key, row);
        }),
      set: (key, record, { maxEntries } = {}) =>
        run('set', key, (sql) => sql.write(ns, key, record, maxEntries, now())),
      delete: (key) =>
        run('delete', key, (sql) => sql.delete.run(ns, key).changes > 0),
      list: () =>
        run('list', undefined, (sql) =>
          sql.list.all(ns, now()).map(
            (row): StoredMeta => ({
              key: row.key,
              // A foreign row is listed with an empty header: core counts it
              // as unreadable and getEntry(key) names the problem.
              meta: typeof row.meta === 'string' ? row.meta : '',
              writtenAt: row.written_at,
              ...(row.expires_at === null ? {} : { expiresAt: row.expires_at }),
            }),
          ),
        ),
      clear: () => {
        run('clear', undefined, (sql) => sql.clear.run(ns));
      },
      withNamespace: (namespace) => {
        assertWellFormedKey(namespace, 'namespace');
        return view([...path, namespace]);
      },
      dispose,
    };
  };

  // Shared by every view: disposing any of them closes the connection they
  // share, as disposing one of two contexts on one driver always has.
  function dispose(): void {
    if (disposed) return;
    disposed = true;
    statements = undefined;
    if (database === undefined && db?.open) {
      try {
        db.close();
      } catch (error) {
        throw fail('dispose', error);
      }
    }
  }

  return view([]);
}

const FLAGS = {
  nativeTtl: true,
  sharedAcrossProcesses: true,
  synchronous: true,
} as const;

// SQLite stores text as UTF-8, where every lone surrogate becomes U+FFFD:
// `k\uD800`, `k\uDFFF` and `k\uFFFD` would be one row. Core refuses such
// keys; a caller using the driver directly gets the same typed error.
const LONE_SURROGATE = /\p{Cs}/u;

function assertWellFormedKey(key: string, parameter = 'key'): void {
  if (typeof key !== 'string' || LONE_SURROGATE.test(key)) {
    throw new InvalidArgumentError({
      parameter,
      value: key,
      message:
        'expected a well-formed UTF-16 string; a lone surrogate would collide with other keys in SQLite',
    });
  }
}

interface EntryRow {
  meta: unknown;
  value: unknown;
  written_at: number;
  expires_at: number | null;
}

function toRecord(key: string, row: EntryRow): StoredRecord {
  if (typeof row.meta !== 'string') throw corrupt(key, 'meta');
  if (typeof row.value !== 'string') throw corrupt(key, 'value');
  return {
    meta: row.meta,
    value: row.value,
    writtenAt: row.written_at,
    ...(row.expires_at === null ? {} : { expiresAt: row.expires_at }),
  };
}

function corrupt(key: string, column: string): StoreDriverError {
  return new StoreDriverError({
    driver: DRIVER_NAME,
    operation: 'decode',
    key,
    code: 'STORE_CORRUPT',
    message: `the ${column} column does not hold text; the row was not written by SharedContext`,
  });
}

function validate(options: SqliteDriverOptions): SqliteDriverOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError({
      parameter: 'options',
      value: options,
      message: 'expected an options object',
    });
  }
  const { filename, database, table, busyTimeoutMs, now, readonly } = options;
  if (readonly !== undefined && typeof readonly !== 'boolean') {
    throw new InvalidArgumentError({
      parameter: 'readonly',
      value: readonly,
      message: 'expected a boolean',
    });
  }
  if (
    filename !== undefined &&
    (typeof filename !== 'string' || filename === '')
  ) {
    throw new InvalidArgumentError({
      parameter: 'filename',
      value: filename,
      message: "expected a file path or ':memory:'",
    });
  }
  if (
    database !== undefined &&
    (typeof database !== 'object' ||
      database === null ||
      typeof database.prepare !== 'function')
  ) {
    throw new InvalidArgumentError({
      parameter: 'database',
      value: database,
      message: 'expected an open better-sqlite3 Database',
    });
  }
  if (
    table !== undefined &&
    (typeof table !== 'string' || !TABLE_PATTERN.test(table))
  ) {
    throw new InvalidArgumentError({
      parameter: 'table',
      value: table,
      message:
        'expected 1-63 letters, digits or underscores, not starting with a digit',
    });
  }
  if (
    busyTimeoutMs !== undefined &&
    (typeof busyTimeoutMs !== 'number' ||
      !Number.isInteger(busyTimeoutMs) ||
      busyTimeoutMs < 0)
  ) {
    throw new InvalidArgumentError({
      parameter: 'busyTimeoutMs',
      value: busyTimeoutMs,
      message: 'expected an integer >= 0',
    });
  }
  if (now !== undefined && typeof now !== 'function') {
    throw new InvalidArgumentError({
      parameter: 'now',
      value: now,
      message: 'expected a function returning epoch milliseconds',
    });
  }
  return options;
}
