import { isMustKeep, matchesQuery } from './must-keep.ts';

/** One word of a prose line: a whitespace-free run, or an atom such as a code span. */
export interface TextWord {
  /** `[start, end)` offsets into the content. */
  start: number;
  end: number;
  text: string;
  /** Never dropped: a number, identifier, path, URL, code span, link, marker or query match. */
  mustKeep: boolean;
  /** Index of its line in {@link SegmentedText.lines}. */
  line: number;
}

/** A line of the content and how it is treated. */
export interface TextLine {
  start: number;
  /** End offset, before the newline. */
  end: number;
  /** `prose` lines are compressed word by word; `verbatim` and `blank` lines are copied. */
  kind: 'prose' | 'verbatim' | 'blank';
  /** End of the indentation, list marker or quote prefix, copied as is. */
  prefixEnd: number;
  /** Indices into {@link SegmentedText.words}. */
  words: number[];
}

/** Lines that share one retrieval marker when something in them is dropped. */
export interface TextBlock {
  /** First and last (inclusive) line index. */
  firstLine: number;
  lastLine: number;
}

/** Content split for the model: lines, words, sentences (word ranges) and marker blocks. */
export interface SegmentedText {
  lines: TextLine[];
  words: TextWord[];
  /** `[firstWord, endWord)` ranges, in order, covering every word. */
  sentences: Array<[number, number]>;
  blocks: TextBlock[];
}

/** Options of {@link segmentText}. */
export interface SegmentTextOptions {
  /** Query terms (see `queryTerms`); matching words are kept. */
  queryTerms?: readonly string[];
  /** A block is closed at the next blank line once it spans this many characters. */
  blockChars: number;
}

const FENCE = /^\s{0,3}(```|~~~)/;
/**
 * Headings, tables, HTML, rules, link definitions (`[id]: url`, also used
 * as comments) and lines that are only a retrieval marker stay as they are.
 */
const VERBATIM_LINE =
  /^\s{0,3}(#{1,6}\s|\||<[A-Za-z/!]|([-*_])(\s*\2){2,}\s*$|\[[^\]\n]+\]:\s)|^\s*\[… [^\n]* …\]\s*$/;
/** Indentation, blockquote `>`, list markers `-`/`*`/`+`/`1.`/`1)` and task boxes. */
const LINE_PREFIX =
  /^\s*(?:(?:>\s?)|(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?)*/;
/**
 * Atoms are kept whole: inline code, links and images, autolinks and
 * retrieval markers from an earlier compression. Anything else is a word.
 */
const WORD =
  /`[^`\n]+`|!?\[[^\]\n]*\]\([^)\s]*\)|<[a-z][a-z0-9+.-]*:[^>\s]+>|\[… [^\]\n]*? …\]|\S+/gi;
const ATOM = /^(`|!?\[|<[a-z]|\[… )/i;
const SENTENCE_END = /[.!?]["'”’)\]]*$/;

function classifyLines(content: string): TextLine[] {
  const lines: TextLine[] = [];
  let inFence = false;
  let start = 0;
  for (const text of content.split('\n')) {
    const end = start + text.length;
    let kind: TextLine['kind'];
    if (FENCE.test(text)) {
      inFence = !inFence;
      kind = 'verbatim';
    } else if (inFence || VERBATIM_LINE.test(text)) {
      kind = 'verbatim';
    } else {
      kind = text.trim().length === 0 ? 'blank' : 'prose';
    }
    const prefixLength =
      kind === 'prose' ? (LINE_PREFIX.exec(text)?.[0].length ?? 0) : 0;
    lines.push({
      start,
      end,
      kind,
      prefixEnd: start + prefixLength,
      words: [],
    });
    start = end + 1;
  }
  return lines;
}

/** True when a line opens a new list item or quote (so the previous line's sentence ended). */
function startsItem(content: string, line: TextLine): boolean {
  return (
    line.prefixEnd > line.start &&
    /[-*+>)]|\d[.)]/.test(content.slice(line.start, line.prefixEnd))
  );
}

/**
 * Splits prose into lines, words, sentences and marker blocks. Headings,
 * fenced code, tables, HTML and existing markers are verbatim lines; a
 * sentence ends at `.`/`!`/`?`, at a blank or verbatim line, before a new
 * list item and at the end of the content.
 */
export function segmentText(
  content: string,
  { queryTerms = [], blockChars }: SegmentTextOptions,
): SegmentedText {
  const lines = classifyLines(content);
  const words: TextWord[] = [];
  const sentences: Array<[number, number]> = [];
  let sentenceStart = 0;
  const closeSentence = (): void => {
    if (words.length > sentenceStart)
      sentences.push([sentenceStart, words.length]);
    sentenceStart = words.length;
  };

  lines.forEach((line, lineIndex) => {
    if (line.kind !== 'prose') {
      closeSentence();
      return;
    }
    if (startsItem(content, line)) closeSentence();
    const body = content.slice(line.prefixEnd, line.end);
    for (const match of body.matchAll(WORD)) {
      const text = match[0];
      const start = line.prefixEnd + match.index;
      const mustKeep =
        ATOM.test(text) || isMustKeep(text) || matchesQuery(text, queryTerms);
      line.words.push(words.length);
      words.push({
        start,
        end: start + text.length,
        text,
        mustKeep,
        line: lineIndex,
      });
      if (SENTENCE_END.test(text)) closeSentence();
    }
  });
  closeSentence();

  return {
    lines,
    words,
    sentences,
    blocks: groupBlocks(lines, blockChars),
  };
}

/**
 * Marker blocks: runs of lines that close at a blank line once they span
 * `blockChars`. Headings, code and tables inside a run belong to it (its span
 * is the original slice), so a heading-dense page does not multiply markers.
 */
function groupBlocks(
  lines: readonly TextLine[],
  blockChars: number,
): TextBlock[] {
  const blocks: TextBlock[] = [];
  let first = -1;
  let last = -1;
  const close = (): void => {
    if (first >= 0 && last >= 0)
      blocks.push({ firstLine: first, lastLine: last });
    first = -1;
    last = -1;
  };
  lines.forEach((line, index) => {
    if (line.kind === 'blank') {
      if (first >= 0 && line.start - lines[first]!.start >= blockChars) close();
      return;
    }
    if (first < 0) first = index;
    if (line.kind === 'prose') last = index;
  });
  close();
  return blocks;
}
