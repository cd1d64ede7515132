/**
 * A seeded generator of search-tool output in random layouts, for property
 * tests that a list of known formats cannot pass: path styles (relative,
 * `./`, Windows drives, spaces, names holding `-12-`), revision prefixes,
 * columns, context lines with `--` separators, headings, and the
 * `path(N,C): text` form. Deterministic per seed.
 */

import { seededRandom } from './seeded.ts';

/** The layouts the generator writes. */
export type SearchLayout =
  | 'path-line'
  | 'path-line-column'
  | 'revision'
  | 'heading'
  | 'paren'
  | 'single-file';

/** What {@link generateSearchOutput} made. */
export interface GeneratedSearch {
  content: string;
  layout: SearchLayout;
  /** Every distinct file location as the output writes it (revision included). */
  paths: string[];
  /** Match lines written (context lines excluded). */
  matches: number;
  /** Lines that are match or context lines. */
  lines: number;
}

/** Options of {@link generateSearchOutput}. */
export interface GenerateSearchOptions {
  /** @default a layout drawn from the seed */
  layout?: SearchLayout;
  /** Files with matches. @default 2..40, drawn */
  files?: number;
  /** Most matches per file. @default 1..30, drawn */
  maxMatchesPerFile?: number;
}

const LAYOUTS: readonly SearchLayout[] = [
  'path-line',
  'path-line-column',
  'revision',
  'heading',
  'paren',
  'single-file',
];

const WORDS = [
  'driver',
  'mount',
  'cache',
  'storage',
  'queue',
  'client',
  'router',
  'parser',
  'token',
  'session',
  'handler',
  'buffer',
  'config',
  'render',
];
const DIRECTORIES = ['src', 'lib', 'packages/core/src', 'test', 'app/models'];
const EXTENSIONS = ['ts', 'js', 'py', 'go', 'rs', 'java', 'cs', 'md'];
const REVISIONS = ['HEAD', 'main', 'v2.1.0', 'origin/release-3', 'a1b2c3d'];

function makePath(
  draw: () => number,
  pick: <T>(items: readonly T[]) => T,
  drive: boolean,
): string {
  const word = pick(WORDS);
  const extension = pick(EXTENSIONS);
  const directory = pick(DIRECTORIES);
  const style = Math.floor(draw() * 6);
  switch (style) {
    case 0:
      return `./${directory}/${word}.${extension}`;
    case 1:
      if (!drive) return `${directory}/${word}.${extension}`;
      return `C:\\work\\${directory.replaceAll('/', '\\')}\\${word}.${extension}`;
    case 2:
      return `docs/My Notes/${word}.${extension}`;
    case 3:
      // A name that itself reads like a context-line head.
      return `${directory}/v-${1 + Math.floor(draw() * 9)}-${word}.${extension}`;
    default:
      return `${directory}/${word}-${Math.floor(draw() * 100)}.${extension}`;
  }
}

function makeText(
  draw: () => number,
  pick: <T>(items: readonly T[]) => T,
): string {
  const indent = ' '.repeat(Math.floor(draw() * 4) * 2);
  const a = pick(WORDS);
  const b = pick(WORDS);
  switch (Math.floor(draw() * 5)) {
    case 0:
      return `${indent}const ${a} = ${b}.get('${a}:${Math.floor(draw() * 90) + 10}:x');`;
    case 1:
      return `${indent}throw new Error('${a} failed: ${b} unavailable');`;
    case 2:
      return `${indent}// TODO ${a} ${b}(${Math.floor(draw() * 9) + 1}): revisit`;
    case 3:
      return `${indent}return ${a}(${b}, { retries: ${Math.floor(draw() * 9)} });`;
    default:
      return `${indent}${a}.${b} = await load${a[0]!.toUpperCase()}${a.slice(1)}();`;
  }
}

/**
 * Search output over random files in one drawn layout: every file's
 * matches in line order, some with context lines around them (`-`
 * separated, groups split by `--`) in the layouts whose tools print them.
 */
export function generateSearchOutput(
  seed: number,
  options: GenerateSearchOptions = {},
): GeneratedSearch {
  const draw = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T =>
    items[Math.floor(draw() * items.length)]!;
  const layout = options.layout ?? pick(LAYOUTS);
  const fileCount =
    layout === 'single-file'
      ? 1
      : (options.files ?? 2 + Math.floor(draw() * 39));
  const maxMatches = options.maxMatchesPerFile ?? 1 + Math.floor(draw() * 30);
  const contextLines =
    layout === 'paren' || layout === 'path-line-column'
      ? 0
      : Math.floor(draw() * 3);
  const revision = pick(REVISIONS);
  const out: string[] = [];
  const paths = new Set<string>();
  let matches = 0;
  let lines = 0;
  for (let file = 0; file < fileCount; file++) {
    let path = makePath(draw, pick, layout !== 'revision');
    while (paths.has(layout === 'revision' ? `${revision}:${path}` : path))
      path = `${path.slice(0, path.lastIndexOf('.'))}${file}${path.slice(path.lastIndexOf('.'))}`;
    const location = layout === 'revision' ? `${revision}:${path}` : path;
    if (layout !== 'single-file') paths.add(location);
    if (layout === 'heading') {
      if (file > 0) out.push('');
      out.push(location);
    }
    const count = 1 + Math.floor(draw() * maxMatches);
    let lineNumber = 0;
    let lastWritten = 0;
    for (let m = 0; m < count; m++) {
      lineNumber += 1 + contextLines * 2 + Math.floor(draw() * 40);
      const first = Math.max(lastWritten + 1, lineNumber - contextLines);
      if (contextLines > 0 && lastWritten > 0 && first > lastWritten + 1)
        out.push('--');
      for (let n = first; n <= lineNumber + contextLines; n++) {
        const match = n === lineNumber;
        const text = makeText(draw, pick);
        const column = 1 + Math.floor(draw() * 30);
        out.push(line(layout, location, n, column, match, text));
        lines++;
        if (match) matches++;
      }
      lastWritten = lineNumber + contextLines;
      lineNumber = lastWritten;
    }
  }
  return { content: out.join('\n'), layout, paths: [...paths], matches, lines };
}

/** One output line of `layout`: a match (`:`) or a context line (`-`). */
export function line(
  layout: SearchLayout,
  location: string,
  n: number,
  column: number,
  match: boolean,
  text: string,
): string {
  const separator = match ? ':' : '-';
  switch (layout) {
    case 'path-line-column':
      return `${location}:${n}:${column}:${text}`;
    case 'paren':
      return `${location}(${n},${column}): ${text}`;
    case 'heading':
    case 'single-file':
      return `${n}${separator}${text}`;
    default:
      return `${location}${separator}${n}${separator}${text}`;
  }
}
