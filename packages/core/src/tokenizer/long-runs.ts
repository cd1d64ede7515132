/**
 * Finds the runs the tokenizer counts in slices, in one pass over the
 * character codes. The regular expression it replaces,
 * `\S{257,}|\s{65,}`, restarts at every character of every shorter run
 * and reads ahead to the run's end: quadratic in the run length, and most
 * of a count's time on minified JSON, whose runs are just under the limit.
 * Private to the package.
 */

/** A maximal run of one kind: `[start, end)`. */
export interface LongRun {
  start: number;
  end: number;
  /** A whitespace run (else a run without whitespace). */
  space: boolean;
}

/** Exactly the characters of the regular-expression class `\s`. */
export function isRegExpSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * The maximal runs without whitespace longer than `maxRun` and the
 * whitespace runs longer than `maxSpaceRun`, in order: the matches of
 * `new RegExp(`\\S{${maxRun + 1},}|\\s{${maxSpaceRun + 1},}`, 'g')`.
 */
export function findLongRuns(
  text: string,
  maxRun: number,
  maxSpaceRun: number,
): LongRun[] {
  const runs: LongRun[] = [];
  let start = 0;
  let space = text.length > 0 && isRegExpSpace(text.charCodeAt(0));
  for (let i = 1; i <= text.length; i++) {
    const next = i < text.length ? isRegExpSpace(text.charCodeAt(i)) : !space;
    if (next === space) continue;
    if (i - start > (space ? maxSpaceRun : maxRun))
      runs.push({ start, end: i, space });
    start = i;
    space = next;
  }
  return runs;
}
