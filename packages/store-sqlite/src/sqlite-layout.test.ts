import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SharedContext, StoreDriverError } from '@sharedcontext/core';
import {
  lineDropCompressor,
  storeTestText,
} from '@sharedcontext-internal/test-utils';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { shouldOpenReadOnly } from './read-only.ts';
import { sqliteDriver } from './sqlite-driver.ts';

const directory = mkdtempSync(join(tmpdir(), 'sc-sqlite-layout-'));
let files = 0;
const nextFile = () => join(directory, `layout-${++files}.db`);

afterAll(() => rmSync(directory, { recursive: true, force: true }));

const context = (store: ReturnType<typeof sqliteDriver>, namespace?: string) =>
  new SharedContext({
    store,
    compressors: [lineDropCompressor()],
    minTokens: 0,
    ...(namespace === undefined ? {} : { namespace }),
  });

// The table as layout 1 created it (before namespaces).
function createLayout1(db: Database.Database, table: string): void {
  db.exec(`
    CREATE TABLE "${table}" (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      key TEXT NOT NULL UNIQUE,
      meta TEXT NOT NULL,
      value TEXT NOT NULL,
      written_at INTEGER NOT NULL,
      expires_at INTEGER,
      layout INTEGER NOT NULL DEFAULT 1
    );
    CREATE INDEX "${table}_order" ON "${table}" (written_at, seq);
    CREATE INDEX "${table}_expiry" ON "${table}" (expires_at) WHERE expires_at IS NOT NULL;
  `);
}

describe('issue 15: sqlite table layout', () => {
  it('opens tables acme and acme_order in one file, in either order', async () => {
    for (const order of [
      ['acme', 'acme_order'],
      ['acme_order', 'acme'],
    ]) {
      const filename = nextFile();
      const drivers = order.map((table) => sqliteDriver({ filename, table }));
      for (const [index, driver] of drivers.entries())
        await context(driver).put('k', storeTestText(order[index]!));
      for (const [index, driver] of drivers.entries()) {
        expect(await context(driver).get('k', { full: true })).toBe(
          storeTestText(order[index]!),
        );
        driver.dispose?.();
      }
    }
  });

  it('migrates a layout 1 table: rows kept in the unnamed namespace, old index names freed', async () => {
    const filename = nextFile();
    const legacy = new Database(filename);
    createLayout1(legacy, 'acme');
    legacy
      .prepare(
        'INSERT INTO acme (key, meta, value, written_at) VALUES (?, ?, ?, ?)',
      )
      .run('old', 'm', 'v', 1);
    legacy.close();
    const driver = sqliteDriver({ filename, table: 'acme' });
    expect(driver.get('old')).toEqual({ meta: 'm', value: 'v', writtenAt: 1 });
    expect(driver.withNamespace?.('t').get('old')).toBeUndefined();
    const neighbour = sqliteDriver({ filename, table: 'acme_order' });
    await context(neighbour).put('n', storeTestText('n'));
    expect(neighbour.list().map((meta) => meta.key)).toEqual(['n']);
    driver.set('new', { meta: 'm2', value: 'v2', writtenAt: 2 });
    expect(driver.list().map((meta) => meta.key)).toEqual(['old', 'new']);
    driver.dispose?.();
    neighbour.dispose?.();
  });

  it('keeps namespaces of one table apart across processes sharing the file', async () => {
    const filename = nextFile();
    const first = sqliteDriver({ filename });
    const second = sqliteDriver({ filename });
    await context(first, 'tenant1').put('k', storeTestText('one'));
    await context(second, 'tenant10').put('k', storeTestText('two'));
    await context(second, 'tenant1').clear();
    expect(await context(first, 'tenant10').get('k', { full: true })).toBe(
      storeTestText('two'),
    );
    expect(await context(first, 'tenant1').keys()).toEqual([]);
    first.dispose?.();
    second.dispose?.();
  });
});

describe('issue 15: read-only sqlite', () => {
  it('opens read-only without changing the journal mode or the file, and refuses writes', async () => {
    const filename = nextFile();
    const writer = sqliteDriver({ filename });
    await context(writer).put('k', storeTestText('k'));
    writer.dispose?.();
    const probe = new Database(filename);
    probe.pragma('journal_mode = DELETE');
    probe.close();
    const before = readFileSync(filename);

    const reader = sqliteDriver({ filename, readonly: true });
    const ctx = context(reader);
    expect(await ctx.get('k', { full: true })).toBe(storeTestText('k'));
    expect(await ctx.keys()).toEqual(['k']);
    const error = await ctx
      .put('other', 'x')
      .catch((caught: unknown) => caught);
    expect(StoreDriverError.isInstance(error)).toBe(true);
    expect((error as StoreDriverError).operation).toBe('set');
    expect((error as Error).message).toContain('read-only');
    reader.dispose?.();

    expect(readFileSync(filename).equals(before)).toBe(true);
    const check = new Database(filename, { readonly: true });
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    check.close();
  });

  it('says why when a read-only file has no table to read', () => {
    const filename = nextFile();
    new Database(filename).close();
    const reader = sqliteDriver({ filename, readonly: true });
    const error = (() => {
      try {
        reader.list();
      } catch (caught) {
        return caught;
      }
    })();
    expect(StoreDriverError.isInstance(error)).toBe(true);
    expect((error as StoreDriverError).operation).toBe('connect');
    expect((error as Error).message).toContain('read-only');
    expect((error as Error).message).toContain('sharedcontext_entries');
  });

  it('treats an injected read-only database as read-only', () => {
    const filename = nextFile();
    sqliteDriver({ filename }).list();
    const database = new Database(filename, { readonly: true });
    const driver = sqliteDriver({ database });
    expect(driver.list()).toEqual([]);
    expect(() =>
      driver.set('k', { meta: 'm', value: 'v', writtenAt: 1 }),
    ).toThrow(/read-only/);
    database.close();
  });
});

describe('shouldOpenReadOnly', () => {
  it('opens an existing file read-only when it or its folder is not writable', () => {
    const filename = nextFile();
    new Database(filename).close();
    const folder = dirname(filename);
    expect(shouldOpenReadOnly(filename, () => true)).toBe(false);
    expect(shouldOpenReadOnly(filename, (path) => path !== folder)).toBe(true);
    expect(shouldOpenReadOnly(filename, (path) => path !== filename)).toBe(
      true,
    );
    // A file that does not exist yet is created normally; memory is memory.
    expect(shouldOpenReadOnly(join(directory, 'new.db'), () => false)).toBe(
      false,
    );
    expect(shouldOpenReadOnly(':memory:', () => false)).toBe(false);
  });
});
