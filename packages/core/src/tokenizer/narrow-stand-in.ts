/**
 * A one-byte stand-in for a text, read by the pre-tokenizer's pattern in
 * its place. Private to the package.
 *
 * V8 runs a pattern with Unicode property classes several times slower
 * over a string that holds any character past U+00FF: the o200k pattern
 * took 6× as long over a 4 KB page once one `…` was added to it. A
 * marker (`[… 3 sentences omitted …]`), an em dash or a curly quote is
 * enough. So each such character is replaced by a Latin-1 character that
 * every class a tokenizer pattern uses reads alike: an upper-case letter
 * by `À`, a lower-case one by `ß`, another letter by `ª`, a number by
 * `²`, a space by U+00A0, anything else by `¡`. The pattern then finds
 * the same pieces at the same offsets; the pieces themselves are read
 * from the text.
 *
 * It holds only where the pattern's atoms are the classes below, `\r`,
 * `\n` and ASCII literals ({@link readsAlike} checks the source), and for
 * characters of the Basic Multilingual Plane: a surrogate pair is one
 * character to the pattern but two here, and letters of title case, modifier
 * letters and marks have no Latin-1 twin. A text holding any of them has
 * no stand-in.
 */

/** The classes whose membership a stand-in keeps, one bit each. */
const CLASSES = [
  /\p{Lu}/u,
  /\p{Ll}/u,
  /\p{Lt}/u,
  /\p{Lm}/u,
  /\p{Lo}/u,
  /\p{M}/u,
  /\p{N}/u,
  /\s/u,
];

function signature(char: string): number {
  let bits = 0;
  CLASSES.forEach((pattern, bit) => {
    if (pattern.test(char)) bits |= 1 << bit;
  });
  return bits;
}

/** A Latin-1 twin per class signature, from U+00A0 on (never an ASCII literal). */
const TWINS = ((): Map<number, number> => {
  const twins = new Map<number, number>();
  for (let code = 0xa0; code <= 0xff; code++) {
    const bits = signature(String.fromCharCode(code));
    if (!twins.has(bits)) twins.set(bits, code);
  }
  return twins;
})();

const UNKNOWN = 0;
const NO_TWIN = 1;
/** Per BMP character: its twin's code, or NO_TWIN; filled as characters are met. */
const twinOf = new Uint8Array(0x10000);

function twin(code: number): number {
  let found = twinOf[code]!;
  if (found === UNKNOWN) {
    found =
      code >= 0xd800 && code <= 0xdfff
        ? NO_TWIN
        : (TWINS.get(signature(String.fromCharCode(code))) ?? NO_TWIN);
    twinOf[code] = found;
  }
  return found;
}

/** Atoms a pattern may use: the classes above, `\S`, line breaks. */
const KNOWN_ATOMS = /\\p\{(?:L|N|Lu|Ll|Lt|Lm|Lo|M)\}|\\[sSrn]/g;

/**
 * Whether a stand-in reads alike to `pattern`: no flag but `g`, `u` and
 * `y`, no atom but the known ones, no `.`, and ASCII literals only.
 */
export function readsAlike(pattern: RegExp): boolean {
  if (!/^[guy]*$/.test(pattern.flags) || !pattern.flags.includes('u'))
    return false;
  const rest = pattern.source.replace(KNOWN_ATOMS, '');
  return !/[\\.]|[^\x20-\x7e]/.test(rest);
}

const WIDE = /[^\x00-\xff]/;
/** Characters per `String.fromCharCode` call: under any engine's argument limit. */
const CHUNK = 8192;

/**
 * `text` itself when it is one-byte already, its stand-in, or undefined
 * when some character has no twin.
 */
export function narrowStandIn(text: string): string | undefined {
  if (!WIDE.test(text)) return text;
  const codes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x100) codes[i] = code;
    else {
      const found = twin(code);
      if (found === NO_TWIN) return undefined;
      codes[i] = found;
    }
  }
  let narrow = '';
  for (let start = 0; start < codes.length; start += CHUNK)
    narrow += String.fromCharCode.apply(
      null,
      codes.subarray(start, start + CHUNK) as unknown as number[],
    );
  return narrow;
}
