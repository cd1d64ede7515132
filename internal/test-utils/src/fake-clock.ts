/** A clock for the `now` option: starts at `start` ms and moves only when told. */
export interface FakeClock {
  now: () => number;
  advance(milliseconds: number): void;
  set(milliseconds: number): void;
}

/** A manual clock; pass `clock.now` as SharedContext's `now`. */
export function fakeClock(start = 1_700_000_000_000): FakeClock {
  let current = start;
  return {
    now: () => current,
    advance(milliseconds) {
      current += milliseconds;
    },
    set(milliseconds) {
      current = milliseconds;
    },
  };
}
