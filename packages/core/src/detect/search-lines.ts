/**
 * One reader for the family of search-result layouts, shared by the search
 * detector and the search compressor. Every layout is a location (a path,
 * perhaps behind a revision: `HEAD:src/a.ts`), a line number (perhaps with
 * a column) and the line's text; they differ only in where the location is
 * written and which punctuation surrounds the numbers:
 *
 * - `LOC:N:text`, `LOC:N:C:text` (grep -n, ripgrep, `--vimgrep`, git grep
 *   with a revision, whose LOC is `REV:path`);
 * - `LOC-N-text` (context lines of `-A/-B/-C`; `--` separates groups);
 * - `LOC(N): text`, `LOC(N,C): text`;
 * - `N:text`, `N:C:text`, `N-text` with the location on a heading line
 *   before them (ripgrep `--heading`) or nowhere (grep -n over one file).
 *
 * Private to the package. Regexes are linear: bounded digit runs, no
 * nested or adjacent overlapping quantifiers.
 */

/** One search hit: a match or a context line. */
export interface SearchHit {
  /** The location as written (`src/a.ts`, `HEAD:src/a.ts`); undefined for a bare line with no heading. */
  path: string | undefined;
  lineNumber: number;
  column: number | undefined;
  /** False for context lines (`path-12-text`, `12-text`). */
  match: boolean;
  /** What followed the location in the original, up to the text: `:12:3:`, `-12-`, `(12,3): `, `12:`. */
  head: string;
  /** The line's text after the numbers. */
  text: string;
}

/** How each input line reads. */
export type SearchLineKind = SearchHit | 'heading' | 'separator' | 'other';

// `:12:` or `:12:3:` after a location. Line numbers and columns start at 1,
// so a leading zero (`:05:`, a clock's minutes) never reads as one.
const COLON_HEAD = /:([1-9]\d{0,8}):(?:([1-9]\d{0,8}):)?/g;
const PAREN_HEAD = /\(([1-9]\d{0,8})(?:, ?([1-9]\d{0,8}))?\) ?: ?/;
const DASH_HEAD = /-([1-9]\d{0,8})-/g;
const BARE_HEAD = /^([1-9]\d{0,8})([:-])(?:([1-9]\d{0,8}):)?/;
/** A clock or a ratio around the numbers (`web.log:10:23:45`) is no location. */
const CLOCK = /(?:^|\D)\d{1,2}:\d\d:\d\d(?:\D|$)/;
const HAS_LETTER_OR_SEPARATOR = /[A-Za-z./\\]/;
const BLANK = /\s/;
const FILE_NAME = /[./\\]/;

/**
 * A location must read as a file: no leading blank, a letter, dot or
 * slash, and no blank in its last segment (folders may hold spaces,
 * `docs/My Notes/a.md`; a context line's text holding `:12:` must not
 * read as the location `src/a.ts-3-  x = 'a`).
 */
function isLocation(location: string): boolean {
  if (location.length === 0 || location.length > 1000) return false;
  const first = location.charCodeAt(0);
  if (first === 32 || first === 9) return false;
  if (!HAS_LETTER_OR_SEPARATOR.test(location)) return false;
  const lastSeparator = Math.max(
    location.lastIndexOf('/'),
    location.lastIndexOf('\\'),
  );
  return !BLANK.test(location.slice(lastSeparator + 1));
}

/** True when the numbers around `at` are part of a clock, not a location. */
function clockAround(line: string, at: number, headLength: number): boolean {
  const window = line.slice(Math.max(0, at - 3), at + headLength + 3);
  return CLOCK.test(window);
}

/**
 * `12:5:foo` is a bare line whose text holds a colon, not the location
 * `12:5:foo`; `1234567:src/a.ts` (a revision that happens to be all
 * digits) still reads as a location because a path follows it.
 */
function numberedText(location: string): boolean {
  const bare = /^\d{1,9}:/.exec(location);
  return bare !== null && !FILE_NAME.test(location.slice(bare[0].length));
}

function colonHit(line: string): SearchHit | undefined {
  COLON_HEAD.lastIndex = 0;
  for (
    let found = COLON_HEAD.exec(line);
    found;
    found = COLON_HEAD.exec(line)
  ) {
    const location = line.slice(0, found.index);
    if (!isLocation(location) || numberedText(location)) continue;
    if (clockAround(line, found.index, found[0].length)) return undefined;
    return {
      path: location,
      lineNumber: Number(found[1]),
      column: found[2] === undefined ? undefined : Number(found[2]),
      match: true,
      head: found[0],
      text: line.slice(found.index + found[0].length),
    };
  }
  return undefined;
}

function parenHit(line: string): SearchHit | undefined {
  const found = PAREN_HEAD.exec(line);
  if (!found || !isLocation(line.slice(0, found.index))) return undefined;
  return {
    path: line.slice(0, found.index),
    lineNumber: Number(found[1]),
    column: found[2] === undefined ? undefined : Number(found[2]),
    match: true,
    head: found[0],
    text: line.slice(found.index + found[0].length),
  };
}

/**
 * `LOC-N-text`: a path may hold `-12-` itself, so the split that names a
 * path already seen on a match line wins; otherwise the first split whose
 * location looks like a file name.
 */
function contextHit(
  line: string,
  knownPaths: ReadonlySet<string>,
): SearchHit | undefined {
  let fallback: RegExpExecArray | undefined;
  DASH_HEAD.lastIndex = 0;
  for (let found = DASH_HEAD.exec(line); found; found = DASH_HEAD.exec(line)) {
    const location = line.slice(0, found.index);
    if (knownPaths.has(location)) {
      fallback = found;
      break;
    }
    if (!fallback && isLocation(location) && FILE_NAME.test(location))
      fallback = found;
    // Overlapping candidates (`a-1-2-b`): look again one past this dash.
    DASH_HEAD.lastIndex = found.index + 1;
  }
  if (!fallback) return undefined;
  return {
    path: line.slice(0, fallback.index),
    lineNumber: Number(fallback[1]),
    column: undefined,
    match: false,
    head: fallback[0],
    text: line.slice(fallback.index + fallback[0].length),
  };
}

/** `12:text`, `12:3:text`, `12-text`: a line under a heading. */
function bareHit(line: string): SearchHit | undefined {
  const found = BARE_HEAD.exec(line);
  if (!found || clockAround(line, 0, found[0].length)) return undefined;
  const match = found[2] === ':';
  return {
    path: undefined,
    lineNumber: Number(found[1]),
    column: match && found[3] !== undefined ? Number(found[3]) : undefined,
    match,
    head: match ? found[0] : `${found[1]}-`,
    text: line.slice(match ? found[0].length : found[1]!.length + 1),
  };
}

/** A match line (`LOC:N:`, `LOC(N):`): the earliest location wins. */
function matchHit(line: string): SearchHit | undefined {
  const colon = colonHit(line);
  const paren = line.includes('(') ? parenHit(line) : undefined;
  if (colon && paren)
    return colon.path!.length <= paren.path!.length ? colon : paren;
  return colon ?? paren;
}

/**
 * Reads every line. Two passes: match lines first, so a context line's
 * location can be resolved against the paths they name; then headings (a
 * line that is no hit, followed by bare numbered lines) lend their text as
 * the path of the bare lines under them.
 */
export function readSearchLines(lines: readonly string[]): SearchLineKind[] {
  const kinds: SearchLineKind[] = new Array(lines.length);
  const knownPaths = new Set<string>();
  lines.forEach((line, i) => {
    const hit = matchHit(line);
    if (hit) {
      knownPaths.add(hit.path!);
      kinds[i] = hit;
    }
  });
  let heading: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    if (kinds[i] !== undefined) continue;
    const line = lines[i]!;
    if (line === '--' || line.trim() === '') {
      kinds[i] = 'separator';
      continue;
    }
    const bare = bareHit(line);
    if (bare) {
      bare.path = heading;
      kinds[i] = bare;
      continue;
    }
    // Before context lines: a heading may itself hold `-12-` (`v-2-a.ts`).
    // The next line's anchored test first: most lines are no heading.
    const next = lines[i + 1];
    if (
      next !== undefined &&
      bareHit(next) !== undefined &&
      isLocation(line.trimEnd())
    ) {
      heading = line.trimEnd();
      kinds[i] = 'heading';
      continue;
    }
    kinds[i] = contextHit(line, knownPaths) ?? 'other';
  }
  return kinds;
}
