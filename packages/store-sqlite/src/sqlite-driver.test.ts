import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  InvalidArgumentError,
  SharedContext,
  StoreDriverError,
} from '@sharedcontext/core';
import {
  describeStoreDriver,
  lineDropCompressor,
  storeTestText,
} from '@sharedcontext-internal/test-utils';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteDriver } from './sqlite-driver.ts';

const directory = mkdtempSync(join(tmpdir(), 'sc-sqlite-'));
let files = 0;
const nextFile = () => join(directory, `store-${++files}.db`);

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describeStoreDriver({
  name: 'sqlite :memory:',
  create: ({ now }) => sqliteDriver({ now }),
});

describeStoreDriver({
  name: 'sqlite file',
  create: ({ now }) => sqliteDriver({ filename: nextFile(), now }),
});

describe('sqliteDriver', () => {
  it('opens lazily and creates its table on first use, in WAL mode', () => {
    const filename = nextFile();
    const driver = sqliteDriver({ filename, table: 'ctx_lazy' });
    const probe = new Database(filename);
    const tables = () =>
      probe
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'ctx_lazy'",
        )
        .all();
    expect(tables()).toEqual([]);
    expect(driver.list()).toEqual([]);
    expect(tables()).toEqual([{ name: 'ctx_lazy' }]);
    expect(probe.pragma('journal_mode', { simple: true })).toBe('wal');
    probe.close();
    driver.dispose?.();
  });

  it('keeps tables apart and shares one file between drivers', async () => {
    const filename = nextFile();
    const writer = sqliteDriver({ filename, table: 'tenant_a' });
    const reader = sqliteDriver({ filename, table: 'tenant_a' });
    const other = sqliteDriver({ filename, table: 'tenant_b' });
    const ctx = new SharedContext({
      store: writer,
      compressors: [lineDropCompressor()],
    });
    await ctx.put('shared', storeTestText('shared'));
    const readerCtx = new SharedContext({ store: reader });
    expect(await readerCtx.get('shared', { full: true })).toBe(
      storeTestText('shared'),
    );
    expect(other.list()).toEqual([]);
    for (const driver of [writer, reader, other]) driver.dispose?.();
  });

  it('makes putSync durable when it returns', async () => {
    const filename = nextFile();
    const ctx = new SharedContext({ store: sqliteDriver({ filename }) });
    await ctx.ready();
    ctx.putSync('sync', storeTestText('sync'));
    const other = sqliteDriver({ filename });
    expect(other.get('sync')).toBeDefined();
    other.dispose?.();
    await ctx.dispose();
  });

  it('uses an injected database and never closes it', () => {
    const database = new Database(':memory:');
    const driver = sqliteDriver({ database, table: 'injected' });
    driver.set('k', { meta: 'm', value: 'v', writtenAt: 1 });
    driver.dispose?.();
    expect(database.open).toBe(true);
    expect(database.prepare('SELECT key, value FROM injected').all()).toEqual([
      { key: 'k', value: 'v' },
    ]);
    database.close();
  });

  it('closes a database it opened on dispose, and refuses calls afterwards', () => {
    const driver = sqliteDriver({ filename: nextFile() });
    driver.list();
    driver.dispose?.();
    let error: unknown;
    try {
      driver.get('k');
    } catch (caught) {
      error = caught;
    }
    expect(StoreDriverError.isInstance(error)).toBe(true);
    expect((error as StoreDriverError).operation).toBe('get');
  });

  it('raises StoreDriverError with the operation when the file cannot be opened', () => {
    const driver = sqliteDriver({
      filename: join(directory, 'missing-dir', 'x.db'),
    });
    try {
      driver.list();
      expect.unreachable();
    } catch (error) {
      expect(StoreDriverError.isInstance(error)).toBe(true);
      expect((error as StoreDriverError).driver).toBe('sqlite');
      expect((error as StoreDriverError).operation).toBe('connect');
      expect((error as StoreDriverError).code).toBe('STORE_UNAVAILABLE');
    }
  });

  it('raises STORE_CORRUPT naming the key for a foreign row; other keys unaffected', async () => {
    const database = new Database(':memory:');
    const driver = sqliteDriver({ database });
    const ctx = new SharedContext({ store: driver });
    await ctx.put('good', storeTestText('good'));
    database
      .prepare(
        'INSERT INTO sharedcontext_entries (key, meta, value, written_at) VALUES (?, ?, ?, ?)',
      )
      .run('foreign', Buffer.from('blob'), 42, Date.now());
    const error = await ctx
      .getEntry('foreign')
      .catch((caught: unknown) => caught);
    expect(StoreDriverError.isInstance(error)).toBe(true);
    expect((error as StoreDriverError).code).toBe('STORE_CORRUPT');
    expect((error as StoreDriverError).key).toBe('foreign');
    expect(await ctx.get('good', { full: true })).toBe(storeTestText('good'));
    expect((await ctx.stats()).unreadable).toBe(1);
    database.close();
  });

  it('rejects bad options with InvalidArgumentError naming the parameter', () => {
    const bad: Array<[string, () => unknown]> = [
      ['table', () => sqliteDriver({ table: 'drop table; --' })],
      ['filename', () => sqliteDriver({ filename: '' })],
      ['busyTimeoutMs', () => sqliteDriver({ busyTimeoutMs: -1 })],
      ['database', () => sqliteDriver({ database: {} as never })],
      ['now', () => sqliteDriver({ now: 5 as never })],
    ];
    for (const [parameter, make] of bad) {
      try {
        make();
        expect.unreachable(parameter);
      } catch (error) {
        expect(InvalidArgumentError.isInstance(error)).toBe(true);
        expect((error as InvalidArgumentError).parameter).toBe(parameter);
      }
    }
  });
});
