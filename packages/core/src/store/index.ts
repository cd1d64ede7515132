export {
  decodeEntry,
  decodeMeta,
  ENTRY_FORMAT_VERSION,
  type EntryMeta,
  encodeEntry,
} from './entry-codec.ts';
export { keysToEvict } from './eviction.ts';
export { memoryDriver } from './memory-driver.ts';
export type {
  StoreDriver,
  StoreDriverFactory,
  StoreDriverFlags,
  StoredMeta,
  StoredRecord,
  StoreSetOptions,
  StoreSetResult,
} from './store-driver.ts';
