/**
 * A part of the original left out of the compressed text. `ranges` are
 * `[start, end)` UTF-16 offsets into the original; the span's text is those
 * slices joined by `\n` (a run of lines or items is one range). A compressor
 * that cannot point into the original gives `text` instead.
 */
export interface DroppedSpan {
  /** Short id, unique within the entry; the marker names it. */
  id: string;
  /** What was dropped, as shown in the marker: `1,842 rows omitted`. */
  summary: string;
  ranges?: Array<[number, number]>;
  text?: string;
}
