import type { MarkerSink } from '../retrieval/index.ts';
import { type LineIndex, lineRanges, plural } from './line-index.ts';
import type { LogEntry } from './log-templates.ts';

/**
 * Stack traces of kept error entries, written once: a run of trace lines
 * that an earlier kept entry already wrote, word for word (the runtime's
 * own frames under every failing test, the same framework frames under
 * every exception), goes behind one counted marker in place. The entry's
 * head line and its own frames stay. Private to the package.
 */

/** Shorter runs are written again: a marker would cost about as much. */
const MIN_REPEATED_LINES = 3;

/** Writes kept entries' trace lines, each repeat run behind a marker. */
export interface TraceWriter {
  /** The entry's text, or undefined when none of its trace repeats. */
  write(entry: LogEntry): string | undefined;
}

export function traceWriter(
  content: string,
  index: LineIndex,
  markers: MarkerSink,
): TraceWriter {
  const written = new Set<string>();
  const lineAt = (line: number): string =>
    content.slice(index.starts[line], index.ends[line]);
  return {
    write(entry) {
      if (entry.last === entry.first) return undefined;
      const lines: string[] = [lineAt(entry.first)];
      let changed = false;
      let run: number[] = [];
      const close = (): void => {
        if (run.length >= MIN_REPEATED_LINES) {
          lines.push(
            markers.drop({
              summary: `${plural(run.length, 'repeated trace line')} omitted`,
              ranges: lineRanges(index, run),
            }),
          );
          changed = true;
        } else for (const line of run) lines.push(lineAt(line));
        run = [];
      };
      for (let line = entry.first + 1; line <= entry.last; line++) {
        const text = lineAt(line);
        if (written.has(text) && text.trim() !== '') run.push(line);
        else {
          close();
          lines.push(text);
        }
      }
      close();
      for (let line = entry.first + 1; line <= entry.last; line++)
        written.add(lineAt(line));
      return changed ? lines.join('\n') : undefined;
    },
  };
}
