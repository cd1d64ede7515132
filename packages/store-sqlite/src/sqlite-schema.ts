import type { StoredRecord, StoreSetResult } from '@sharedcontext/core';
import type Database from 'better-sqlite3';

/**
 * Version of the table layout; stored in every row. 2 added the `ns`
 * column (namespaces) and index names that cannot clash with tables.
 */
export const SQLITE_LAYOUT_VERSION = 2;

interface ListRow {
  key: string;
  meta: unknown;
  written_at: number;
  expires_at: number | null;
}

interface GetRow {
  meta: unknown;
  value: unknown;
  written_at: number;
  expires_at: number | null;
}

/** The prepared statements of one namespace of one table, plus the write transaction. */
export interface SqliteStatements {
  get: Database.Statement<[string, string, number], GetRow>;
  list: Database.Statement<[string, number], ListRow>;
  delete: Database.Statement<[string, string]>;
  clear: Database.Statement<[string]>;
  write(
    ns: string,
    key: string,
    record: StoredRecord,
    maxEntries: number | undefined,
    nowMs: number,
  ): StoreSetResult;
}

/** `"name"`, with inner quotes doubled: safe for any table or index name. */
function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Index names carry a `:`, which a table name (letters, digits, `_`)
 * never does, so no table's indexes can take another table's name: tables
 * `acme` and `acme_order` live side by side in one file.
 */
function indexName(table: string, purpose: 'order' | 'expiry'): string {
  return quote(`${table}:${purpose}`);
}

function tableColumns(db: Database.Database, table: string): string[] {
  return db
    .prepare<[string], { name: string }>(
      'SELECT name FROM pragma_table_info(?)',
    )
    .all(table)
    .map((column) => column.name);
}

function createTable(db: Database.Database, table: string): void {
  const name = quote(table);
  db.exec(`
    CREATE TABLE IF NOT EXISTS ${name} (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      ns TEXT NOT NULL DEFAULT '',
      key TEXT NOT NULL,
      meta TEXT NOT NULL,
      value TEXT NOT NULL,
      written_at INTEGER NOT NULL,
      expires_at INTEGER,
      layout INTEGER NOT NULL DEFAULT ${SQLITE_LAYOUT_VERSION},
      UNIQUE (ns, key)
    );
    CREATE INDEX IF NOT EXISTS ${indexName(table, 'order')}
      ON ${name} (ns, written_at, seq);
    CREATE INDEX IF NOT EXISTS ${indexName(table, 'expiry')}
      ON ${name} (expires_at) WHERE expires_at IS NOT NULL;
  `);
}

// Layout 1 had no `ns` column, a UNIQUE key, and indexes named
// `<table>_order`/`<table>_expiry` (which blocked a table of that name).
// Its rows move to the unnamed namespace; dropping the old table drops
// those indexes. One IMMEDIATE transaction, re-checked under the lock, so
// two processes opening the file at once migrate it once.
function migrateLayout1(db: Database.Database, table: string): void {
  db.transaction(() => {
    const columns = tableColumns(db, table);
    if (columns.length === 0 || columns.includes('ns')) return;
    const old = quote(`${table}:layout1`);
    db.exec(`ALTER TABLE ${quote(table)} RENAME TO ${old}`);
    createTable(db, table);
    db.exec(`
      INSERT INTO ${quote(table)} (seq, ns, key, meta, value, written_at, expires_at, layout)
        SELECT seq, '', key, meta, value, written_at, expires_at, layout FROM ${old};
      DROP TABLE ${old};
    `);
  }).immediate();
}

/**
 * Creates (or migrates) the table if needed. Skipped for a database opened
 * read-only, which must already hold a current table.
 */
export function ensureTable(db: Database.Database, table: string): void {
  migrateLayout1(db, table);
  createTable(db, table);
}

/** True if the table exists in the current layout (a read-only open checks this). */
export function hasCurrentTable(db: Database.Database, table: string): boolean {
  return tableColumns(db, table).includes('ns');
}

/**
 * Prepares every statement of one table. Each takes the namespace (`ns`,
 * `''` for none) as its first parameter. `seq` is an AUTOINCREMENT id
 * renewed on each write (REPLACE inserts a new row), so `(written_at, seq)`
 * orders writes stably even within one millisecond and across processes.
 */
export function createStatements(
  db: Database.Database,
  table: string,
): SqliteStatements {
  const name = quote(table);
  const live = '(expires_at IS NULL OR expires_at > ?)';
  const get = db.prepare<[string, string, number], GetRow>(
    `SELECT meta, value, written_at, expires_at FROM ${name} WHERE ns = ? AND key = ? AND ${live}`,
  );
  const list = db.prepare<[string, number], ListRow>(
    `SELECT key, meta, written_at, expires_at FROM ${name} WHERE ns = ? AND ${live} ORDER BY written_at, seq`,
  );
  const remove = db.prepare<[string, string]>(
    `DELETE FROM ${name} WHERE ns = ? AND key = ?`,
  );
  const clear = db.prepare<[string]>(`DELETE FROM ${name} WHERE ns = ?`);
  // Expired rows of every namespace go: expiry is the same for all.
  const sweep = db.prepare<[number]>(
    `DELETE FROM ${name} WHERE expires_at IS NOT NULL AND expires_at <= ?`,
  );
  const exists = db
    .prepare<[string, string], number>(
      `SELECT 1 FROM ${name} WHERE ns = ? AND key = ?`,
    )
    .pluck();
  const count = db
    .prepare<[string], number>(`SELECT COUNT(*) FROM ${name} WHERE ns = ?`)
    .pluck();
  const oldest = db
    .prepare<[string, number], string>(
      `SELECT key FROM ${name} WHERE ns = ? ORDER BY written_at, seq LIMIT ?`,
    )
    .pluck();
  const upsert = db.prepare<
    [string, string, string, string, number, number | null]
  >(
    `INSERT OR REPLACE INTO ${name} (ns, key, meta, value, written_at, expires_at, layout)
     VALUES (?, ?, ?, ?, ?, ?, ${SQLITE_LAYOUT_VERSION})`,
  );

  // One IMMEDIATE transaction: it takes the write lock first, so two
  // processes never both see room for one more entry.
  const write = db.transaction(
    (
      ns: string,
      key: string,
      record: StoredRecord,
      maxEntries: number | undefined,
      nowMs: number,
    ): StoreSetResult => {
      sweep.run(nowMs);
      let evicted: string[] = [];
      if (maxEntries !== undefined && exists.get(ns, key) === undefined) {
        const excess = (count.get(ns) ?? 0) - maxEntries + 1;
        if (excess > 0) {
          evicted = oldest.all(ns, excess);
          for (const old of evicted) remove.run(ns, old);
        }
      }
      upsert.run(
        ns,
        key,
        record.meta,
        record.value,
        record.writtenAt,
        record.expiresAt ?? null,
      );
      return { evicted };
    },
  );

  return {
    get,
    list,
    delete: remove,
    clear,
    write: (ns, key, record, maxEntries, nowMs) =>
      write.immediate(ns, key, record, maxEntries, nowMs),
  };
}
