/**
 * Shared URL and path prefixes of a document's strings
 * (`https://api.github.com/repos/acme/widgets` in every `*_url`), each
 * named once (`$1: https://…`) and written as `$1/issues/13`.
 */

/** Options of {@link choosePrefixes}. */
export interface PrefixOptions {
  /** At most this many prefixes are named. */
  maxPrefixes: number;
  /** A prefix must save at least this many characters over the document. */
  minGain: number;
}

/** Strings longer than this are not cut (their prefixes are not counted). */
const MAX_STRING = 512;
/** Cut points (`/` characters) looked at per string. */
const MAX_CUTS = 16;
/** A prefix shorter than this is not worth a name. */
const MIN_PREFIX = 12;
/** What `$12` plus the definition line's overhead cost, in characters. */
const REF_COST = 3;

/** Where a string may be cut: before each `/` past the scheme, and at its end. */
function cutPoints(value: string): number[] {
  const cuts: number[] = [];
  if (value.length > MAX_STRING || /[\u0000-\u001f]/.test(value)) return cuts;
  let from = value.indexOf('://');
  from = from < 0 ? 1 : from + 3;
  for (
    let index = value.indexOf('/', from);
    index >= 0 && cuts.length < MAX_CUTS;
    index = value.indexOf('/', index + 1)
  )
    if (index >= MIN_PREFIX) cuts.push(index);
  if (cuts.length > 0 || value.includes('://')) cuts.push(value.length);
  return cuts;
}

/**
 * Named prefixes, in the order they are defined: greedy by characters
 * saved, each choice lowering the worth of prefixes it overlaps. Linear in
 * the strings' total length (a bounded number of cuts per string).
 */
export function choosePrefixes(
  strings: Iterable<string>,
  { maxPrefixes, minGain }: PrefixOptions,
): string[] {
  const counts = new Map<string, number>();
  for (const value of strings)
    for (const cut of cutPoints(value)) {
      if (cut < MIN_PREFIX) continue;
      const prefix = value.slice(0, cut);
      counts.set(prefix, (counts.get(prefix) ?? 0) + 1);
    }
  let candidates = [...counts.entries()].filter(([, count]) => count >= 2);
  const chosen: string[] = [];
  while (chosen.length < maxPrefixes && candidates.length > 0) {
    let best: { prefix: string; gain: number } | undefined;
    for (const [prefix, count] of candidates) {
      let saved = prefix.length - REF_COST;
      let uses = count;
      for (const other of chosen) {
        if (prefix.startsWith(other))
          saved = Math.min(saved, prefix.length - other.length);
        else if (other.startsWith(prefix)) uses -= counts.get(other) ?? 0;
      }
      const gain = saved * uses - prefix.length - REF_COST;
      if (
        gain >= minGain &&
        (!best ||
          gain > best.gain ||
          (gain === best.gain && prefix < best.prefix))
      )
        best = { prefix, gain };
    }
    if (!best) break;
    chosen.push(best.prefix);
    const taken = best.prefix;
    candidates = candidates.filter(([prefix]) => prefix !== taken);
  }
  return chosen;
}

/** Rewrites strings that start with a named prefix as `$n` plus the rest. */
export class PrefixTable {
  private readonly names = new Map<string, string>();
  readonly prefixes: readonly string[];

  constructor(prefixes: readonly string[]) {
    this.prefixes = prefixes;
    prefixes.forEach((prefix, index) => {
      this.names.set(prefix, `$${index + 1}`);
    });
  }

  /** `$n` and the rest for the longest named prefix of `value`, or undefined. */
  shorten(value: string): string | undefined {
    if (this.names.size === 0) return undefined;
    const cuts = cutPoints(value);
    for (let index = cuts.length - 1; index >= 0; index--) {
      const cut = cuts[index]!;
      const name = this.names.get(value.slice(0, cut));
      if (name) return `${name}${value.slice(cut)}`;
    }
    return undefined;
  }
}
