/** 32-bit FNV-1a of a string as 8 hex chars: a short, stable id, not a security hash. */
export function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

const LOW_BITS = 2097152; // 2^21: 32 + 21 bits stay exact in a double

/**
 * Two 32-bit hashes packed into one 53-bit number: a key that names a
 * word, a sentence or a line's layout without building a string for it.
 */
export function packHashes(a: number, b: number): number {
  return (a >>> 0) * LOW_BITS + ((b >>> 0) % LOW_BITS);
}

/** One step of the first hash (FNV-1a). */
export function mixA(hash: number, value: number): number {
  return Math.imul(hash ^ value, 0x01000193);
}

/** One step of the second, independent hash. */
export function mixB(hash: number, value: number): number {
  const mixed = Math.imul(hash + value + 0x9e3779b9, 0x85ebca6b);
  return mixed ^ (mixed >>> 13);
}
