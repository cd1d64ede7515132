import type { StoredRecord, StoreSetResult } from '@sharedcontext/core';
import type Database from 'better-sqlite3';

/** Version of the table layout; stored in every row. */
export const SQLITE_LAYOUT_VERSION = 1;

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

/** The prepared statements of one table, plus the write transaction. */
export interface SqliteStatements {
  get: Database.Statement<[string, number], GetRow>;
  list: Database.Statement<[number], ListRow>;
  delete: Database.Statement<[string]>;
  clear: Database.Statement<[]>;
  write(
    key: string,
    record: StoredRecord,
    maxEntries: number | undefined,
    nowMs: number,
  ): StoreSetResult;
}

/**
 * Creates the table if needed and prepares every statement. `seq` is an
 * AUTOINCREMENT id renewed on each write (REPLACE inserts a new row), so
 * `(written_at, seq)` orders writes stably even within one millisecond and
 * across processes.
 */
export function createStatements(
  db: Database.Database,
  table: string,
): SqliteStatements {
  const name = `"${table}"`;
  db.exec(`
    CREATE TABLE IF NOT EXISTS ${name} (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      key TEXT NOT NULL UNIQUE,
      meta TEXT NOT NULL,
      value TEXT NOT NULL,
      written_at INTEGER NOT NULL,
      expires_at INTEGER,
      layout INTEGER NOT NULL DEFAULT ${SQLITE_LAYOUT_VERSION}
    );
    CREATE INDEX IF NOT EXISTS "${table}_order" ON ${name} (written_at, seq);
    CREATE INDEX IF NOT EXISTS "${table}_expiry" ON ${name} (expires_at)
      WHERE expires_at IS NOT NULL;
  `);
  const live = '(expires_at IS NULL OR expires_at > ?)';
  const get = db.prepare<[string, number], GetRow>(
    `SELECT meta, value, written_at, expires_at FROM ${name} WHERE key = ? AND ${live}`,
  );
  const list = db.prepare<[number], ListRow>(
    `SELECT key, meta, written_at, expires_at FROM ${name} WHERE ${live} ORDER BY written_at, seq`,
  );
  const remove = db.prepare<[string]>(`DELETE FROM ${name} WHERE key = ?`);
  const clear = db.prepare<[]>(`DELETE FROM ${name}`);
  const sweep = db.prepare<[number]>(
    `DELETE FROM ${name} WHERE expires_at IS NOT NULL AND expires_at <= ?`,
  );
  const exists = db
    .prepare<[string], number>(`SELECT 1 FROM ${name} WHERE key = ?`)
    .pluck();
  const count = db.prepare<[], number>(`SELECT COUNT(*) FROM ${name}`).pluck();
  const oldest = db
    .prepare<[number], string>(
      `SELECT key FROM ${name} ORDER BY written_at, seq LIMIT ?`,
    )
    .pluck();
  const upsert = db.prepare<[string, string, string, number, number | null]>(
    `INSERT OR REPLACE INTO ${name} (key, meta, value, written_at, expires_at, layout)
     VALUES (?, ?, ?, ?, ?, ${SQLITE_LAYOUT_VERSION})`,
  );

  // One IMMEDIATE transaction: it takes the write lock first, so two
  // processes never both see room for one more entry.
  const write = db.transaction(
    (
      key: string,
      record: StoredRecord,
      maxEntries: number | undefined,
      nowMs: number,
    ): StoreSetResult => {
      sweep.run(nowMs);
      let evicted: string[] = [];
      if (maxEntries !== undefined && exists.get(key) === undefined) {
        const excess = (count.get() ?? 0) - maxEntries + 1;
        if (excess > 0) {
          evicted = oldest.all(excess);
          for (const old of evicted) remove.run(old);
        }
      }
      upsert.run(
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
    write: (key, record, maxEntries, nowMs) =>
      write.immediate(key, record, maxEntries, nowMs),
  };
}
