import type { ContextEntry } from '../context-entry.ts';
import { StoreDriverError } from '../errors/index.ts';
import type { StoredRecord } from './store-driver.ts';

/** Bumped whenever the stored shape changes; every record carries it. */
export const ENTRY_FORMAT_VERSION = 1;

/** The header fields kept in `StoredRecord.meta` (everything but the texts). */
export type EntryMeta = Omit<
  ContextEntry,
  'original' | 'compressed' | 'spans' | 'key'
>;

/** Entry → record. `writtenAt`/`expiresAt` are milliseconds for drivers. */
export function encodeEntry(entry: ContextEntry): StoredRecord {
  const { key: _key, original, compressed, spans, ...meta } = entry;
  return {
    meta: JSON.stringify({ v: ENTRY_FORMAT_VERSION, ...meta }),
    value: JSON.stringify({
      v: ENTRY_FORMAT_VERSION,
      original,
      compressed,
      spans,
    }),
    writtenAt: Math.round(entry.timestamp * 1000),
    expiresAt: Math.round(entry.expiresAt * 1000),
  };
}

function corrupt(
  driver: string,
  key: string,
  why: string,
  cause?: unknown,
): StoreDriverError {
  return new StoreDriverError({
    driver,
    operation: 'decode',
    key,
    code: 'STORE_CORRUPT',
    message: `stored value is not a SharedContext entry (${why})`,
    cause,
  });
}

function parseVersioned(
  text: string,
  driver: string,
  key: string,
  part: string,
): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw corrupt(driver, key, `${part} is not JSON`, error);
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    (parsed as { v?: unknown }).v !== ENTRY_FORMAT_VERSION
  ) {
    throw corrupt(
      driver,
      key,
      `${part} has no format version ${ENTRY_FORMAT_VERSION}`,
    );
  }
  return parsed as Record<string, unknown>;
}

/** Header text → entry header. Throws `StoreDriverError` (STORE_CORRUPT) naming the key. */
export function decodeMeta(
  meta: string,
  driver: string,
  key: string,
): EntryMeta {
  const { v: _v, ...fields } = parseVersioned(meta, driver, key, 'meta');
  if (
    typeof fields.originalTokens !== 'number' ||
    typeof fields.timestamp !== 'number' ||
    !Array.isArray(fields.transforms)
  ) {
    throw corrupt(driver, key, 'meta lacks token counts');
  }
  return fields as unknown as EntryMeta;
}

/** Record → entry. Throws `StoreDriverError` (STORE_CORRUPT) naming the key. */
export function decodeEntry(
  key: string,
  record: StoredRecord,
  driver: string,
): ContextEntry {
  const meta = decodeMeta(record.meta, driver, key);
  const payload = parseVersioned(record.value, driver, key, 'value');
  if (
    typeof payload.original !== 'string' ||
    typeof payload.compressed !== 'string' ||
    !Array.isArray(payload.spans)
  ) {
    throw corrupt(driver, key, 'value lacks the original');
  }
  return {
    key,
    ...meta,
    original: payload.original,
    compressed: payload.compressed,
    spans: payload.spans as ContextEntry['spans'],
  };
}
