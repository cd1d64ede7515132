/**
 * The seeded draws every generator here shares: one random source (so a
 * seed means the same on every platform) and the small helpers drawn
 * layouts are built from.
 */

/** A source of numbers in [0, 1). */
export type Draw = () => number;

/** mulberry32: small, fast, the same on every platform. */
export function seededRandom(seed: number): Draw {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** One of `items`, drawn. */
export function pick<T>(draw: Draw, items: readonly T[]): T {
  return items[Math.floor(draw() * items.length)]!;
}

/** An integer in [min, max], drawn. */
export function int(draw: Draw, min: number, max: number): number {
  return min + Math.floor(draw() * (max - min + 1));
}

/** `value` zero-padded to `width` digits. */
export const pad = (value: number, width = 2): string =>
  String(value).padStart(width, '0');

export const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(
  ' ',
);
