/**
 * Search output as file groups: which lines belong to which file, and
 * which of them a budget keeps. Private to the package.
 */
import { readSearchLines, type SearchHit } from '../detect/search-lines.ts';
import type { LineIndex } from './line-index.ts';
import { queryHits } from './line-index.ts';
import { directoryOf } from './search-directories.ts';

const SIGNAL =
  /\b(?:error|errors|exception|fail|failed|failure|fatal|panic|throw|todo|fixme|deprecated|warn|warning)\b/i;

/** One hit and the input line it came from. */
export interface GroupLine {
  line: number;
  hit: SearchHit;
}

/** Every hit of one file, in input order. */
export interface FileGroup {
  /** The location as written; '' for bare lines under no heading. */
  path: string;
  lines: GroupLine[];
  /** Lines this file keeps; 0 lists the file by path and line numbers only. */
  keep: number;
}

/** Files and lines that are no hit, in order of first appearance. */
export type SearchBlock = FileGroup | number;

/**
 * Groups hits by file in order of first appearance; headings and `--`
 * separators are dropped (the group header and line numbers say the
 * same); other lines are kept in place as line indexes.
 */
export function groupSearchLines(
  content: string,
  index: LineIndex,
): { blocks: SearchBlock[]; groups: FileGroup[] } {
  const lines = index.starts.map((start, i) =>
    content.slice(start, index.ends[i]),
  );
  const kinds = readSearchLines(lines);
  const blocks: SearchBlock[] = [];
  const files = new Map<string, FileGroup>();
  kinds.forEach((kind, line) => {
    if (kind === 'separator' || kind === 'heading') return;
    if (kind === 'other') {
      blocks.push(line);
      return;
    }
    const path = kind.path ?? '';
    let group = files.get(path);
    if (!group) {
      group = { path, lines: [], keep: 0 };
      files.set(path, group);
      blocks.push(group);
    }
    group.lines.push({ line, hit: kind });
  });
  return { blocks, groups: [...files.values()] };
}

/** How much a line is worth keeping: query terms, error words, a match over context. */
export function lineScore(hit: SearchHit, terms: readonly string[]): number {
  return (
    queryHits(hit.text, terms) * 2 +
    (SIGNAL.test(hit.text) ? 1 : 0) +
    (hit.match ? 0.5 : 0)
  );
}

/** Lines kept never drop below this, whatever `maxKeptShare` says. */
const MIN_KEPT_LINES = 20;

/**
 * Sets each group's `keep`. The budget is `maxTotalLines`, and at most
 * `maxKeptShare` of the hit lines (never under twenty): output with many
 * files and few matches each is mostly paths, so it keeps fewer texts.
 * Up to `maxLinesPerFile` per file, shrunk until the total fits; when
 * there are more files than the budget, the best-scoring files (query
 * terms, error words; then order) keep one line and the rest are listed
 * by path and line numbers only: every path stays either way.
 */
export function budgetGroups(
  groups: readonly FileGroup[],
  terms: readonly string[],
  { maxLinesPerFile, maxTotalLines, maxKeptShare }: SearchBudget,
): void {
  const hitLines = groups.reduce((sum, group) => sum + group.lines.length, 0);
  const budget = Math.min(
    maxTotalLines,
    Math.max(MIN_KEPT_LINES, Math.ceil(hitLines * maxKeptShare)),
  );
  if (groups.length > budget) {
    // Among equal scores, the first file of each folder before the second
    // of any: the kept texts sample the whole tree, not its first folders.
    const seen = new Map<string, number>();
    const ranked = groups
      .filter((group) => group.path !== '')
      .map((group, order) => {
        const folder = directoryOf(group.path);
        const inFolder = seen.get(folder) ?? 0;
        seen.set(folder, inFolder + 1);
        return {
          group,
          order,
          inFolder,
          // A reduce, not Math.max(...): a file may hold 100k lines.
          score: group.lines.reduce(
            (best, { hit }) => Math.max(best, lineScore(hit, terms)),
            0,
          ),
        };
      })
      .sort(
        (a, b) =>
          b.score - a.score || a.inFolder - b.inFolder || a.order - b.order,
      );
    ranked.forEach(({ group }, rank) => {
      group.keep = rank < budget ? 1 : 0;
    });
    // Bare lines under no heading have no path to list: they keep one line.
    for (const group of groups) if (group.path === '') group.keep = 1;
    return;
  }
  let cap = maxLinesPerFile;
  const keptAt = (limit: number): number =>
    groups.reduce((sum, group) => sum + Math.min(limit, group.lines.length), 0);
  while (cap > 1 && keptAt(cap) > budget) cap--;
  for (const group of groups) group.keep = Math.min(cap, group.lines.length);
}

/** The line budget of {@link budgetGroups}. */
export interface SearchBudget {
  maxLinesPerFile: number;
  maxTotalLines: number;
  maxKeptShare: number;
}

/** Which lines of one file stay: first and last match, then the best. */
export function selectLines(
  group: FileGroup,
  terms: readonly string[],
): Set<GroupLine> {
  const { lines, keep } = group;
  if (lines.length <= keep) return new Set(lines);
  if (keep === 0) return new Set();
  const ranked = lines
    .map((entry, order) => ({
      entry,
      order,
      score: lineScore(entry.hit, terms),
    }))
    .sort((a, b) => b.score - a.score || a.order - b.order);
  // One line: the best (the first match when none stands out).
  if (keep === 1) return new Set([ranked[0]!.entry]);
  const matches = lines.filter(({ hit }) => hit.match);
  const pool = matches.length > 0 ? matches : lines;
  const kept = new Set<GroupLine>([pool[0]!, pool[pool.length - 1]!]);
  for (const { entry } of ranked) {
    if (kept.size >= keep) break;
    kept.add(entry);
  }
  return kept;
}
