export { type SqliteDriverOptions, sqliteDriver } from './sqlite-driver.ts';
export { SQLITE_LAYOUT_VERSION } from './sqlite-schema.ts';
