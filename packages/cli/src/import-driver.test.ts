import { MissingDependencyError } from '@sharedcontext/core';
import { describe, expect, it } from 'vitest';
import { importDriver } from './import-driver.ts';

describe('importDriver', () => {
  it('loads an installed driver package', async () => {
    const sqlite = await importDriver<{ sqliteDriver: unknown }>(
      '@sharedcontext/store-sqlite',
    );
    expect(typeof sqlite.sqliteDriver).toBe('function');
  });

  it('throws MissingDependencyError naming a driver that is not installed', async () => {
    const error = await importDriver('@sharedcontext/store-nowhere').catch(
      (caught: unknown) => caught,
    );
    expect(MissingDependencyError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'MISSING_DEPENDENCY',
      packageName: '@sharedcontext/store-nowhere',
    });
    expect((error as Error).message).toMatch(
      /npm install @sharedcontext\/store-nowhere/,
    );
  });
});
