import type { MarkerSink } from '@sharedcontext/core';
import type { SegmentedText } from './segment-text.ts';

/** What {@link assembleOutput} built. */
export interface AssembledOutput {
  output: string;
  droppedWords: number;
  /** Markers added (one per block with a dropped word). */
  markers: number;
}

/**
 * Rebuilds the content from the kept words, line by line: verbatim and
 * blank lines are copied, a prose line keeps its indentation and list
 * marker and each kept word keeps the whitespace that preceded it, so line
 * structure survives (Kompress joins all kept words with single spaces). A
 * prose line whose words are all dropped is left out. After each block that
 * lost a word comes one marker whose span is the whole original block, so
 * `retrieve(key, { marker })` gives the block back word for word. A block
 * whose dropped words are shorter than its marker is kept whole (`keep` is
 * updated to say so).
 */
export function assembleOutput(
  content: string,
  text: SegmentedText,
  keep: Uint8Array,
  markers: MarkerSink,
): AssembledOutput {
  const { lines, words, blocks } = text;
  const markerAfterLine = new Map<number, string>();
  let droppedWords = 0;
  for (const block of blocks) {
    const blockWords: number[] = [];
    for (let line = block.firstLine; line <= block.lastLine; line++) {
      blockWords.push(...lines[line]!.words);
    }
    const droppedInBlock = blockWords.filter((word) => !keep[word]);
    if (droppedInBlock.length === 0) continue;
    const start = lines[block.firstLine]!.start;
    const end = lines[block.lastLine]!.end;
    const marker = markers.drop({
      summary: `${droppedInBlock.length} of ${blockWords.length} words dropped`,
      ranges: [[start, end]],
    });
    // A marker that costs more than the words it replaces is not worth it:
    // the block stays whole.
    const droppedChars = droppedInBlock.reduce(
      (sum, word) => sum + words[word]!.text.length + 1,
      0,
    );
    if (droppedChars <= marker.length + 1) {
      markers.truncate(markers.spans.length - 1);
      for (const word of droppedInBlock) keep[word] = 1;
      continue;
    }
    droppedWords += droppedInBlock.length;
    markerAfterLine.set(block.lastLine, marker);
  }

  const out: string[] = [];
  let removedSinceEmit = false;
  lines.forEach((line, index) => {
    if (line.kind !== 'prose') {
      const isBlank = line.kind === 'blank';
      // A removed paragraph must not leave two blank lines where there was one.
      const doubled =
        isBlank &&
        removedSinceEmit &&
        out.length > 0 &&
        out[out.length - 1]!.trim() === '';
      if (!doubled) out.push(content.slice(line.start, line.end));
      if (!isBlank) removedSinceEmit = false;
    } else {
      const kept = line.words.filter((word) => keep[word]);
      if (kept.length === 0) {
        removedSinceEmit = true;
      } else {
        let rebuilt = content.slice(line.start, line.prefixEnd);
        kept.forEach((wordIndex, position) => {
          const word = words[wordIndex]!;
          if (position > 0)
            rebuilt += separatorBefore(content, words, keep, wordIndex);
          rebuilt += word.text;
        });
        out.push(rebuilt);
        removedSinceEmit = false;
      }
    }
    const marker = markerAfterLine.get(index);
    if (marker !== undefined) {
      out.push(marker);
      removedSinceEmit = false;
    }
  });
  return {
    output: out.join('\n'),
    droppedWords,
    markers: markerAfterLine.size,
  };
}

/**
 * The original whitespace before a kept word. When the word was glued to a
 * dropped one (`the,`), the whitespace before that dropped run is used, so
 * `word ,` never appears; a word glued to a kept word stays glued.
 */
function separatorBefore(
  content: string,
  words: SegmentedText['words'],
  keep: Uint8Array,
  index: number,
): string {
  const line = words[index]!.line;
  let current = index;
  while (current > 0) {
    const previous = words[current - 1]!;
    if (previous.line !== line) break;
    const gap = content.slice(previous.end, words[current]!.start);
    if (gap !== '' || keep[current - 1]) return gap;
    current--;
  }
  return ' ';
}
