/**
 * Which keys to evict before inserting a new key so that at most
 * `maxEntries` remain: the least recently written first. `orderedKeys` is
 * oldest first. Shared by drivers that keep their own order (memory).
 */
export function keysToEvict(
  orderedKeys: Iterable<string>,
  size: number,
  maxEntries: number | undefined,
): string[] {
  if (maxEntries === undefined || size < maxEntries) return [];
  const excess = size - maxEntries + 1;
  const evicted: string[] = [];
  for (const key of orderedKeys) {
    if (evicted.length >= excess) break;
    evicted.push(key);
  }
  return evicted;
}
