/**
 * One test for "does any of these patterns match": the patterns sharing
 * their flags are joined into one expression (`(?:a)|(?:b)`, the same
 * lines match), so a line is scanned once per flag set instead of once per
 * pattern. Patterns that cannot be joined faithfully (global or sticky
 * ones, which keep state between calls, make the whole list tested as
 * given; a numbered backreference, which would point at another group
 * once joined, is tested on its own).
 * Private to the package.
 */

// A numbered backreference would point at another group once joined.
const BACKREFERENCE = /\\[1-9]/;

export function anyOf(patterns: readonly RegExp[]): (line: string) => boolean {
  // Stateful patterns: tested as given, in order, as `some` would.
  if (patterns.some(({ flags }) => flags.includes('g') || flags.includes('y')))
    return (line) => patterns.some((pattern) => pattern.test(line));
  const alone: RegExp[] = [];
  const byFlags = new Map<string, RegExp[]>();
  for (const pattern of patterns) {
    if (BACKREFERENCE.test(pattern.source)) alone.push(pattern);
    else
      byFlags.set(pattern.flags, [
        ...(byFlags.get(pattern.flags) ?? []),
        pattern,
      ]);
  }
  const tests: RegExp[] = [];
  for (const [flags, group] of byFlags) {
    if (group.length === 1) {
      tests.push(group[0]!);
      continue;
    }
    try {
      tests.push(
        new RegExp(
          group.map((pattern) => `(?:${pattern.source})`).join('|'),
          flags,
        ),
      );
    } catch {
      // Named groups repeated across patterns cannot be joined.
      tests.push(...group);
    }
  }
  tests.push(...alone);
  if (tests.length === 1) {
    const only = tests[0]!;
    return (line) => only.test(line);
  }
  return (line) => tests.some((test) => test.test(line));
}
