/**
 * Lines that differ only by one counting number (`step 1 done`, `step 2
 * done`, …) written once with the range in brace notation (`step {1..3}
 * done`). Lossless: the lines are rebuilt by counting through the range.
 */

/** Fewer lines than this read as well spelled out. */
const MIN_RUN = 3;
const NUMBER = /\d+/g;
/** A number that counts: no leading zero, small enough to stay exact. */
const COUNTING = /^(0|[1-9]\d{0,8})$/;

interface Shape {
  /** The text around the numbers, joined with `\u0000` where each number was. */
  frame: string;
  numbers: string[];
}

function shapeOf(line: string): Shape {
  return {
    frame: line.replace(NUMBER, '\u0000'),
    numbers: line.match(NUMBER) ?? [],
  };
}

/** The one slot where `a` and `b` differ, or -1 when none or several do. */
function varyingSlot(a: Shape, b: Shape): number {
  if (a.frame !== b.frame) return -1;
  let slot = -1;
  for (let i = 0; i < a.numbers.length; i++) {
    if (a.numbers[i] === b.numbers[i]) continue;
    if (slot >= 0) return -1;
    slot = i;
  }
  return slot;
}

function counts(a: Shape, b: Shape, slot: number): boolean {
  const from = a.numbers[slot]!;
  const to = b.numbers[slot]!;
  return (
    COUNTING.test(from) && COUNTING.test(to) && Number(to) === Number(from) + 1
  );
}

function withRange(line: string, slot: number, range: string): string {
  let seen = -1;
  return line.replace(NUMBER, (match) => (++seen === slot ? range : match));
}

/**
 * Collapses each run of at least three consecutive lines that are equal
 * except for one number counting up by one. A line holding a literal `{`
 * is left alone, so a range is never confused with the line's own text,
 * and so is one holding `…` (a marker's numbers name spans, not counts).
 */
export function collapseNumberedLines(lines: readonly string[]): string[] {
  const shapes = lines.map((line) =>
    line.includes('{') || line.includes('…') ? undefined : shapeOf(line),
  );
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const first = shapes[i];
    const next = shapes[i + 1];
    const slot = first && next ? varyingSlot(first, next) : -1;
    let end = i + 1;
    if (slot >= 0 && counts(first!, next!, slot)) {
      end = i + 2;
      while (end < lines.length) {
        const previous = shapes[end - 1]!;
        const current = shapes[end];
        if (
          !current ||
          varyingSlot(previous, current) !== slot ||
          !counts(previous, current, slot)
        )
          break;
        end++;
      }
    }
    if (end - i >= MIN_RUN) {
      const range = `{${first!.numbers[slot]}..${shapes[end - 1]!.numbers[slot]}}`;
      out.push(withRange(lines[i]!, slot, range));
      i = end;
    } else {
      // Too short: the next line may still start a run of its own.
      out.push(lines[i]!);
      i++;
    }
  }
  return out;
}
