/**
 * Long lines that are lists of items of one shape: a package manager's
 * `Install: a:amd64 (1.0), b:amd64 (2.1, automatic), …`, a run of ids, a
 * space-separated list of names. Such a line keeps its head and its first
 * items; the rest goes behind one counted marker. Only where the items
 * share a shape: a sentence split at its commas is not a list. Shared by
 * the line-oriented compressors; private to the package.
 */

/** Lines shorter than this are read as they are. */
const MIN_LIST_CHARS = 300;
/** A list has at least this many items of the dominant shape. */
const MIN_ITEMS = 8;
/** The share of the list's items that must share its shape. */
const MIN_SHAPE_SHARE = 0.75;
/** Items kept at the head of a list: at least this many … */
const MIN_KEPT_ITEMS = 2;
/** … and more while the kept items stay under this many characters. */
const KEPT_ITEM_CHARS = 160;
/** Dropping fewer characters than this is not worth a marker. */
const MIN_DROPPED_CHARS = 120;
/** Characters of a line read for its list; the rest rides along. */
const MAX_LIST_CHARS = 1 << 20;

const OPEN = '([{';
const CLOSE = ')]}';
/** A run of item characters: what varies between items of one shape. */
const ITEM_RUN = /[^\s:;=/\\()[\]{}"'<>|@#,]+/g;
/** Separators within an item that a bare word lacks: ids, versions, paths. */
const ID_LIKE = /[\d\-_.:/@]/;
/** Share of the dropped items of a whitespace list that look like ids, at least. */
const MIN_DROPPED_ID_SHARE = 0.6;
/** Items are short: at most this many words outside brackets (a clause is not an item). */
const MAX_ITEM_WORDS = 3;
/**
 * Items carrying an error or warning word stay visible, at most this many
 * per line; a list with more is a list of problems and is not cut.
 */
const MAX_SIGNAL_ITEMS = 8;

/** One run of a list's items dropped behind a marker. */
export interface ListCut {
  /** Offset (in the line) where the dropped items begin. */
  start: number;
  /** Offset (in the line) where they end: the text after stays. */
  end: number;
  /** Items dropped. */
  items: number;
}

interface Item {
  start: number;
  end: number;
  shape: string;
}

/** An item's shape: bracketed parts as `()`, runs of item characters as `w`. */
function shapeOf(text: string): string {
  let flat = '';
  let depth = 0;
  for (const char of text) {
    if (OPEN.includes(char)) {
      if (depth++ === 0) flat += '(';
    } else if (CLOSE.includes(char)) {
      if (depth > 0 && --depth === 0) flat += ')';
    } else if (depth === 0) flat += char;
  }
  return flat.trim().replace(ITEM_RUN, 'w').replace(/\s+/g, ' ');
}

/**
 * Items of a line split at `separator` outside brackets; for a space,
 * runs of whitespace separate.
 */
function splitItems(line: string, separator: ',' | ' '): Item[] {
  const items: Item[] = [];
  let depth = 0;
  let start = 0;
  const push = (end: number): void => {
    let from = start;
    while (from < end && (line[from] === ' ' || line[from] === '\t')) from++;
    if (from < end)
      items.push({ start: from, end, shape: shapeOf(line.slice(from, end)) });
  };
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (OPEN.includes(char)) depth++;
    else if (CLOSE.includes(char)) depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      const splits =
        separator === ',' ? char === ',' : char === ' ' || char === '\t';
      if (splits) {
        push(i);
        start = i + 1;
      }
    }
  }
  push(line.length);
  return items;
}

/** The longest run of items that mostly share the most common shape. */
function dominantRun(items: readonly Item[]): [number, number] | undefined {
  const counts = new Map<string, number>();
  for (const item of items)
    counts.set(item.shape, (counts.get(item.shape) ?? 0) + 1);
  let shape = '';
  let count = 0;
  for (const [key, value] of counts)
    if (value > count) {
      shape = key;
      count = value;
    }
  if (count < MIN_ITEMS || shape.split(' ').length > MAX_ITEM_WORDS)
    return undefined;
  // The first item often carries the line's head (`Install: a:amd64 (1)`)
  // and a different shape: the run starts at the first item of the shape.
  const first = items.findIndex((item) => item.shape === shape);
  let last = items.length - 1;
  while (items[last]!.shape !== shape) last--;
  // The run must be one list, not two lists with prose between them.
  if (count < MIN_SHAPE_SHARE * (last - first + 1)) return undefined;
  return [first, last];
}

/**
 * The runs of a list's items in `line` to drop behind markers, in order,
 * or an empty array when the line is short or not a list of items of one
 * shape (each of at most three words outside brackets: a clause is not
 * an item). The head of the line and the first items stay, and so does
 * every item that carries an error or warning word (`signal`), between
 * two runs. Comma lists are read first (bracket-aware: `(1.0, automatic)`
 * is inside one item), then whitespace lists, whose items must look like
 * ids (digits or `-_.:/@` in most of them), so a long sentence is never
 * cut, and what is dropped must be mostly ids too.
 */
export function listCuts(
  line: string,
  signal: (item: string) => boolean,
): ListCut[] {
  if (line.length < MIN_LIST_CHARS || line.length > MAX_LIST_CHARS) return [];
  for (const separator of [',', ' '] as const) {
    const items = splitItems(line, separator);
    if (items.length < MIN_ITEMS) continue;
    const run = dominantRun(items);
    if (!run) continue;
    const [first, last] = run;
    const text = (i: number): string =>
      line.slice(items[i]!.start, items[i]!.end);
    if (separator === ' ') {
      let idLike = 0;
      for (let i = first; i <= last; i++) if (ID_LIKE.test(text(i))) idLike++;
      if (idLike * 2 < last - first + 1) continue;
    }
    let keep = first + MIN_KEPT_ITEMS - 1;
    while (
      keep + 1 < last &&
      items[keep + 1]!.end - items[first]!.start <= KEPT_ITEM_CHARS
    )
      keep++;
    if (keep >= last) continue;
    const signals: number[] = [];
    for (let i = keep + 1; i <= last; i++) if (signal(text(i))) signals.push(i);
    if (signals.length > MAX_SIGNAL_ITEMS) return [];
    // What a whitespace list drops must itself be ids: a log line whose
    // head is ids and whose message is words (`… [req-1 u-2] Creating
    // event net:e3 for instance b9`) keeps its message.
    if (separator === ' ') {
      let idLike = 0;
      for (let i = keep + 1; i <= last; i++)
        if (ID_LIKE.test(text(i))) idLike++;
      if (idLike < MIN_DROPPED_ID_SHARE * (last - keep)) continue;
    }
    const cuts: ListCut[] = [];
    let from = keep + 1;
    for (const to of [...signals, last + 1]) {
      if (to > from)
        cuts.push({
          start: items[from]!.start,
          end: items[to - 1]!.end,
          items: to - from,
        });
      from = to + 1;
    }
    const dropped = cuts.reduce((sum, cut) => sum + cut.end - cut.start, 0);
    if (dropped < MIN_DROPPED_CHARS) continue;
    return cuts;
  }
  return [];
}
