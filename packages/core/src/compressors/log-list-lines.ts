import type { MarkerSink } from '../retrieval/index.ts';
import { wordSeverity } from '../util/log-severity.ts';
import { type LineIndex, plural } from './line-index.ts';
import { type ListCut, listCuts } from './line-lists.ts';
import { type LogEntry, lineAt } from './log-templates.ts';

/** About what a marker costs, in characters (`[… 12 similar lines omitted · sc:key#c …]`). */
export const MARKER_CHARS = 48;

/** The log compressor's view of the list lines among its entries. */
export interface ListLines {
  /** Characters an entry costs in the output, its list cut. */
  rendered(entry: LogEntry): number;
  /** The entry's text as written: list tails behind markers, or undefined when it has none. */
  render(entry: LogEntry, markers: MarkerSink): string | undefined;
}

/**
 * List cuts of the ordinary one-line entries of a log (see `listCuts`),
 * found once per entry. Error and warning lines stay verbatim, lists and
 * all; an item carrying an error or warning word stays in place.
 */
export function listLines(content: string, index: LineIndex): ListLines {
  const cuts = new Map<LogEntry, ListCut[]>();
  const cutsOf = (entry: LogEntry): ListCut[] => {
    if (entry.level !== 0 || entry.last !== entry.first) return [];
    let found = cuts.get(entry);
    if (!found) {
      found = listCuts(
        lineAt(content, index, entry.first),
        (item) => wordSeverity(item) > 0,
      );
      cuts.set(entry, found);
    }
    return found;
  };
  return {
    rendered: (entry) =>
      cutsOf(entry).reduce(
        (chars, cut) => chars - (cut.end - cut.start) + MARKER_CHARS,
        index.ends[entry.last]! - index.starts[entry.first]! + 1,
      ),
    render(entry, markers) {
      const listed = cutsOf(entry);
      if (listed.length === 0) return undefined;
      const start = index.starts[entry.first]!;
      const text = lineAt(content, index, entry.first);
      let line = '';
      let from = 0;
      for (const cut of listed) {
        line += text.slice(from, cut.start);
        line += markers.drop({
          summary: `${plural(cut.items, 'more item')} omitted`,
          ranges: [[start + cut.start, start + cut.end]],
        });
        from = cut.end;
      }
      return line + text.slice(from);
    },
  };
}
