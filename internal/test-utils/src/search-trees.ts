/**
 * A seeded generator of search output over a random directory tree with
 * many files and few matches each (a `grep -rn` over a repository): the
 * case where paths, not matched text, make up most of the output. Folder
 * and file names are drawn from syllables, so no list of known trees can
 * pass; files come in the walk order of a recursive search, a folder's
 * files and subfolders interleaved. Deterministic per seed.
 */
import { line, type SearchLayout } from './search-layouts.ts';
import { type Draw, pick as pickFrom, seededRandom } from './seeded.ts';

/** The layouts a recursive search over many files writes. */
export type SearchTreeLayout = Exclude<SearchLayout, 'single-file'>;

/** What {@link generateSearchTree} made. */
export interface GeneratedSearchTree {
  content: string;
  layout: SearchTreeLayout;
  /** Every distinct file location as the output writes it (revision included). */
  paths: string[];
  /** Match lines written. */
  matches: number;
}

/** Options of {@link generateSearchTree}. */
export interface GenerateSearchTreeOptions {
  /** @default a layout drawn from the seed */
  layout?: SearchTreeLayout;
  /** Files with matches, at least. @default 80..300, drawn */
  files?: number;
}

const TREE_LAYOUTS: readonly SearchTreeLayout[] = [
  'path-line',
  'path-line-column',
  'revision',
  'heading',
  'paren',
];
const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ser',
  'vi',
  'ce',
  'dat',
  'red',
  'ux',
  'pro',
  'to',
  'col',
  'ne',
  'tra',
  'bin',
  'gu',
  'sto',
  'ra',
  'fe',
  'mon',
  'qui',
  'el',
];
const EXTENSIONS = ['ts', 'tsx', 'js', 'py', 'go', 'rs', 'java', 'rb', 'md'];
const KEYWORDS = [
  'export function',
  'export const',
  'def',
  'func',
  'class',
  'import',
  'throw new Error(',
  'return',
  'TODO',
];

/** `serka`, `vi-dat`, `monTra`, `el_gu`: a name of one to three syllables. */
function name(draw: Draw): string {
  const parts = Array.from({ length: 1 + Math.floor(draw() * 3) }, () =>
    pickFrom(draw, SYLLABLES),
  );
  const join = pickFrom(draw, ['', '-', '_', 'camel']);
  if (join !== 'camel') return parts.join(join);
  return parts
    .map((part, i) => (i === 0 ? part : part[0]!.toUpperCase() + part.slice(1)))
    .join('');
}

/** A matched line of code: some short, most 30-120 characters, now and then one very long. */
function matchedText(draw: Draw, keyword: string): string {
  const indent = ' '.repeat(Math.floor(draw() * 3) * 2);
  const words = Array.from({ length: 2 + Math.floor(draw() * 10) }, () =>
    name(draw),
  );
  if (draw() < 0.03)
    return `${indent}${keyword} ${words[0]} = '${'x'.repeat(300 + Math.floor(draw() * 500))}';`;
  return `${indent}${keyword} ${words[0]}(${words.slice(1).join(', ')}) {`;
}

/**
 * Walks a random tree: each folder holds files and subfolders in drawn
 * order, to a drawn depth; `visit` gets each file's path.
 */
function walk(
  draw: Draw,
  folder: string,
  depth: number,
  separator: string,
  visit: (path: string) => void,
): void {
  const files = 1 + Math.floor(draw() * 6);
  const folders = depth >= 5 ? 0 : Math.floor(draw() * 4);
  const entries = [
    ...Array.from({ length: files }, () => 'file'),
    ...Array.from({ length: folders }, () => 'folder'),
  ];
  // Fisher-Yates: a recursive search lists a folder's entries in no set order.
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(draw() * (i + 1));
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  const used = new Set<string>();
  for (const entry of entries) {
    let child = name(draw);
    while (used.has(child)) child += pickFrom(draw, SYLLABLES);
    used.add(child);
    if (entry === 'file')
      visit(`${folder}${child}.${pickFrom(draw, EXTENSIONS)}`);
    else
      walk(draw, `${folder}${child}${separator}`, depth + 1, separator, visit);
  }
}

/**
 * Search output with one or two matches in most files (now and then
 * more) over a random tree of at least `files` files, in one layout.
 */
export function generateSearchTree(
  seed: number,
  options: GenerateSearchTreeOptions = {},
): GeneratedSearchTree {
  const draw = seededRandom(seed);
  const layout = options.layout ?? pickFrom(draw, TREE_LAYOUTS);
  const wanted = options.files ?? 80 + Math.floor(draw() * 221);
  const windows = layout === 'paren' && draw() < 0.5;
  const separator = windows ? '\\' : '/';
  const root = windows
    ? `C:\\${name(draw)}\\`
    : pickFrom(draw, ['', './', `${name(draw)}/`]);
  const revision = pickFrom(draw, ['HEAD', 'main', 'v1.4.2', 'a3f9c21']);
  const keyword = pickFrom(draw, KEYWORDS);
  const paths: string[] = [];
  while (paths.length < wanted)
    walk(draw, `${root}${name(draw)}${separator}`, 1, separator, (path) => {
      if (!paths.includes(path)) paths.push(path);
    });
  const out: string[] = [];
  let matches = 0;
  const locations = paths.map((path) =>
    layout === 'revision' ? `${revision}:${path}` : path,
  );
  locations.forEach((location, file) => {
    if (layout === 'heading') {
      if (file > 0) out.push('');
      out.push(location);
    }
    const roll = draw();
    const count = roll < 0.7 ? 1 : roll < 0.95 ? 2 : 3 + Math.floor(draw() * 4);
    let lineNumber = 0;
    for (let m = 0; m < count; m++) {
      lineNumber += 1 + Math.floor(draw() * 120);
      const column = 1 + Math.floor(draw() * 20);
      out.push(
        line(
          layout,
          location,
          lineNumber,
          column,
          true,
          matchedText(draw, keyword),
        ),
      );
      matches++;
    }
  });
  return { content: out.join('\n'), layout, paths: locations, matches };
}
