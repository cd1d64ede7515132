import { formatCell, formatLiteral } from './json-cell.ts';

/**
 * A value in run notation: a string bare when a table cell would be and it
 * holds none of the notation's own marks (`×`, parentheses, `..`), else a
 * JSON literal.
 */
function runLiteral(value: unknown): string {
  return typeof value === 'string' &&
    formatCell(value) === value &&
    !/[×()]|\.\./.test(value)
    ? value
    : formatLiteral(value);
}

const MAX_PERIOD = 4;

function sameList(
  literals: readonly string[],
  a: number,
  b: number,
  length: number,
): boolean {
  for (let offset = 0; offset < length; offset++)
    if (literals[a + offset] !== literals[b + offset]) return false;
  return true;
}

/**
 * Scalars in run notation, lossless: `v×N` for N equal values in a row,
 * `a..b` for a run of 4+ consecutive integers, `(a,b,c)×N` for a short
 * group repeated 2+ times; anything else as a literal (strings bare where
 * they cannot be misread), comma-separated.
 * `[10,11,12,10,11,12,10,11,12,50,51,52,53]` → `(10,11,12)×3,50..53`.
 */
export function runNotation(values: readonly unknown[]): string {
  const literals = values.map(runLiteral);
  const parts: string[] = [];
  let index = 0;
  while (index < values.length) {
    const value = values[index];
    // Consecutive integers.
    if (typeof value === 'number' && Number.isSafeInteger(value)) {
      let end = index + 1;
      while (
        end < values.length &&
        values[end] === (values[end - 1] as number) + 1
      )
        end++;
      if (end - index >= 4) {
        parts.push(`${value}..${values[end - 1]}`);
        index = end;
        continue;
      }
    }
    // A value or a short group repeated.
    let best: { period: number; reps: number } | undefined;
    for (
      let period = 1;
      period <= MAX_PERIOD && index + 2 * period <= values.length;
      period++
    ) {
      let reps = 1;
      while (
        index + (reps + 1) * period <= values.length &&
        sameList(literals, index, index + reps * period, period)
      )
        reps++;
      const saved = (reps - 1) * period;
      if (
        reps >= (period === 1 ? 3 : 2) &&
        (!best || saved > (best.reps - 1) * best.period)
      )
        best = { period, reps };
    }
    if (best) {
      const group = literals.slice(index, index + best.period).join(',');
      parts.push(
        best.period === 1 ? `${group}×${best.reps}` : `(${group})×${best.reps}`,
      );
      index += best.period * best.reps;
      continue;
    }
    parts.push(literals[index]!);
    index++;
  }
  return parts.join(',');
}

const NUMBER = /-?\d+(?:\.\d+)?/g;

/**
 * Strings that share one shape with numbers varying (`event 3: happened at
 * index 3`) as a template and one row of numbers per string; undefined when
 * they do not share a shape. Lossless: the numbers are kept as written.
 */
export function stringTemplate(
  values: readonly unknown[],
): { template: string; rows: string[] } | undefined {
  if (values.length < 3) return undefined;
  let shape: string | undefined;
  const rows: string[] = [];
  for (const value of values) {
    if (
      typeof value !== 'string' ||
      value.includes('{}') ||
      /[\n,]/.test(value)
    )
      return undefined;
    const numbers = value.match(NUMBER);
    if (!numbers) return undefined;
    const current = value.replace(NUMBER, '{}');
    if (shape === undefined) shape = current;
    else if (shape !== current) return undefined;
    rows.push(numbers.join(','));
  }
  return shape === undefined ? undefined : { template: shape, rows };
}
