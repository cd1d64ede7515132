import { CompressionError } from '../errors/index.ts';
import { estimateTokenizer } from '../tokenizer/estimate-tokenizer.ts';
import { minifyJsonText } from '../util/json-scan.ts';
import { assertOptions } from '../util/validate.ts';
import type {
  Compressor,
  CompressorInput,
  CompressorResult,
} from './compressor.ts';
import {
  findTarget,
  jsonShape,
  locateItems,
  locateMembers,
  stringifyAround,
} from './json-locate.ts';
import { type ArrayView, renderLossless, renderSample } from './json-render.ts';
import { selectItems } from './json-sample.ts';
import {
  analyzeTree,
  MAX_STRING_CHARS,
  renderTree,
  type TreeAnalysis,
} from './json-tree.ts';
import { assertCount, assertSavings } from './option-checks.ts';

/** Options of {@link jsonCompressor}. */
export interface JsonCompressorOptions {
  /**
   * Arrays with more items than this (and maps with more members: objects
   * whose members are all records or all scalars of one type) get a lossy sample, taken
   * when it is smaller than the lossless view. 30 keeps a sample readable at a glance
   * while the kept signals (errors, outliers, top items) still fit. @default 30
   */
  maxItems?: number;
  /**
   * A sample shows at least this many items, topped up with the items after
   * the head and before the tail (contiguous, so no extra markers). @default 15
   */
  minItems?: number;
  /** Items always kept at the start of a sample. @default 3 */
  headItems?: number;
  /** Items always kept at the end of a sample. @default 2 */
  tailItems?: number;
  /**
   * Items kept by the dominant numeric field (downloads, count, score), and
   * items kept for matching the query. @default 10
   */
  topItems?: number;
  /** A lossless table is used only when it saves this fraction of tokens vs minified JSON. @default 0.15 */
  minTableSavings?: number;
  /**
   * A lossy sample is taken only when it saves this fraction of tokens
   * against the best lossless view: a complete table that costs a little
   * more beats a sample the reader must retrieve from. @default 0.5
   */
  minSampleSavings?: number;
  /**
   * Examples kept of each rare categorical value (its first ones and its
   * last): enough to see it, without a marker between every occurrence.
   * @default 3
   */
  rareItems?: number;
  /**
   * More dropped runs than this share a single marker. By default every
   * dropped run has its own marker. @default Infinity
   */
  maxMarkers?: number;
  /** Deeper values are only minified (no table, no recursion). @default 64 */
  maxDepth?: number;
  /**
   * In the outline of a nested document, an object repeated verbatim and at
   * least this long as minified JSON is defined once (`&user1:`) and
   * referenced (`*user1`). Shorter ones cost less inline than a reference
   * line. @default 48
   */
  minRefChars?: number;
  /**
   * In the outline's tables, a nested object with up to this many keys,
   * the same in every row, becomes dotted columns (`user.login`, `reactions.+1`). @default 24
   */
  maxFlattenKeys?: number;
  /**
   * In the outline, at most this many URL/path prefixes shared by several
   * strings are named once (`$1: https://api.github.com/repos/acme/app`)
   * and written as `$1/issues/13`; 0 turns this off. @default 9
   */
  maxPrefixes?: number;
}

// Above this many characters, views are compared by the BPE-shaped
// estimate (~250 MB/s) instead of the context's tokenizer: exact o200k
// counts of three or four candidate views (1–2 ms each on a 10 KB
// document) would take most of the run time, while the estimate picks
// the same view on every corpus document above this size. Small documents,
// where views are close and exact counts cheap, are counted exactly; the
// router counts the chosen output exactly in every case.
const EXACT_COUNT_CHARS = 4 * 1024;
const ESTIMATE = estimateTokenizer({ name: 'estimate' });

// Above this many characters, a sample of the biggest array that beats its
// table is taken without first writing the outline to compare: the
// outline's analysis would halve the throughput for a choice it almost
// never changes (a sample keeps ~30 items of thousands).
const MAX_TREE_CHECK_CHARS = 4 * 1024 * 1024;

// A dropped run whose values total this few characters costs about what
// its marker (`[… 2 items omitted · sc:key#3 …]`, ~13 tokens) would.
const BRIDGE_CHARS = 40;

/** The text of a view of the target array, placed back into its root. */
function place(
  view: ArrayView,
  data: unknown,
  path: readonly string[],
): string {
  return path.length === 0
    ? view.text
    : `${stringifyAround(data, path, '[…]')}\n${view.text}`;
}

function parse(input: CompressorInput): unknown {
  if (input.detection.data !== undefined) return input.detection.data;
  try {
    return JSON.parse(input.content);
  } catch (cause) {
    throw new CompressionError({
      compressor: 'json',
      contentType: input.contentType,
      message: 'content is not valid JSON',
      cause,
    });
  }
}

/**
 * JSON: the biggest array (the root, or one inside a root object such as
 * `{"total_count":…,"items":[…]}`) becomes a lossless table with one header
 * and one row per object when that saves `minTableSavings`; a nested
 * document (an API recording, objects in arrays in objects) may instead
 * become a lossless outline with tables at every depth, repeated objects
 * defined once (`&user1` / `*user1`), shared members merged (`<<: *headers1`)
 * and shared URL prefixes named (`$1`), whichever is smaller. Arrays over
 * `maxItems` get a lossy sample instead when it is much smaller: first and
 * last items, errors, outliers, rare values, top items and query matches,
 * each dropped run replaced by a retrievable marker (inside the outline too,
 * at any depth). Anything else is minified. Deterministic. See
 * docs/compressors/json.md.
 *
 * @example
 * const ctx = new SharedContext({ compressors: [jsonCompressor({ maxItems: 50 })] });
 */
export function jsonCompressor(
  options: JsonCompressorOptions = {},
): Compressor {
  assertOptions(options);
  const {
    maxItems = 30,
    minItems = 15,
    headItems = 3,
    tailItems = 2,
    topItems = 10,
    minTableSavings = 0.15,
    minSampleSavings = 0.5,
    rareItems = 3,
    maxMarkers = Number.POSITIVE_INFINITY,
    maxDepth = 64,
    minRefChars = 48,
    maxFlattenKeys = 24,
    maxPrefixes = 9,
  } = options;
  assertCount(maxItems, 'maxItems', 1);
  assertCount(minItems, 'minItems', 0);
  assertCount(headItems, 'headItems', 0);
  assertCount(tailItems, 'tailItems', 0);
  assertCount(topItems, 'topItems', 0);
  assertCount(rareItems, 'rareItems', 1);
  assertCount(maxMarkers, 'maxMarkers', 1, true);
  assertCount(maxDepth, 'maxDepth', 1);
  assertCount(minRefChars, 'minRefChars', 0);
  assertCount(maxFlattenKeys, 'maxFlattenKeys', 0);
  assertCount(maxPrefixes, 'maxPrefixes', 0);
  assertSavings(minTableSavings, 'minTableSavings');
  assertSavings(minSampleSavings, 'minSampleSavings');
  return {
    specificationVersion: 'v1',
    name: 'json',
    contentTypes: ['json'],
    compress(input): CompressorResult {
      const { content, tokenizer, markers } = input;
      // Lossless mode: no sample, and the smallest lossless view is taken
      // even when it saves less than minTableSavings.
      const lossless = input.lossless === true;
      const tableSavings = lossless ? 0 : minTableSavings;
      const data = parse(input);
      const { depth, longestArray, widestMap, longestString } = jsonShape(
        data,
        maxDepth,
      );
      // Something a lossy outline would sample or clip.
      const lossyWork =
        longestArray > maxItems ||
        widestMap > maxItems ||
        longestString > MAX_STRING_CHARS;
      if (depth > maxDepth)
        return {
          output: minifyJsonText(content),
          lossless: true,
          labels: ['json:minify(deep)'],
        };
      const minified = JSON.stringify(data);
      const exact = minified.length <= EXACT_COUNT_CHARS;
      const measure = (text: string): number =>
        exact ? tokenizer.count(text) : ESTIMATE.count(text);
      const minifiedTokens = measure(minified);
      let best: { output: string; tokens: number; label: string } = {
        output: minified,
        tokens: minifiedTokens,
        label: 'json:minify',
      };
      // The lossless view taken, never larger than minified JSON in the
      // context's own tokens (big documents were compared by the estimate).
      const finish = (): CompressorResult => {
        if (
          !exact &&
          best.output !== minified &&
          tokenizer.count(best.output) > tokenizer.count(minified)
        )
          return { output: minified, lossless: true, labels: ['json:minify'] };
        return { output: best.output, lossless: true, labels: [best.label] };
      };
      // Nested documents (objects in arrays in objects…): the outline with
      // tables at every depth and shared objects defined once. Written at
      // most once, when a decision needs it.
      let analysis: TreeAnalysis | undefined;
      let treeTried = false;
      const tryTree = (): void => {
        // A wide map or a long string is sampled in the outline, however
        // shallow.
        if (
          treeTried ||
          (depth < 3 &&
            widestMap <= maxItems &&
            longestString <= MAX_STRING_CHARS)
        )
          return;
        treeTried = true;
        analysis = analyzeTree(data, { minRefChars, maxPrefixes });
        const tree = renderTree(
          data,
          { minRefChars, maxFlattenKeys, maxPrefixes },
          analysis,
        );
        const tokens = measure(tree.text);
        if (
          tokens <= minifiedTokens * (1 - tableSavings) &&
          tokens < best.tokens
        )
          best = {
            output: tree.text,
            tokens,
            label:
              tree.refs + tree.prefixes > 0
                ? `json:tree(${tree.refs} shared, ${tree.prefixes} prefixes)`
                : 'json:tree',
          };
      };
      const select = (items: readonly unknown[]): number[] => [
        ...selectItems(items, {
          head: headItems,
          tail: tailItems,
          top: topItems,
          cap: maxItems,
          rarePerValue: rareItems,
          bridgeChars: BRIDGE_CHARS,
          queryItems: topItems,
          fill: minItems,
          ...(input.query ? { query: input.query } : {}),
        }).keys(),
      ];
      const lossy = (): CompressorResult => {
        tryTree();
        // With no array or map over maxItems and no long string, a sampled
        // outline would equal the lossless one: skip writing it again.
        if (!analysis || !lossyWork || lossless) return finish();
        // Long arrays at any depth sampled inside the outline.
        const mark = markers.spans.length;
        const tree = renderTree(
          data,
          {
            minRefChars,
            maxFlattenKeys,
            maxPrefixes,
            sample: {
              maxItems,
              select,
              locate: (path) => locateItems(content, path),
              locateMembers: (path, keys) => locateMembers(content, path, keys),
              markers,
              maxMarkers,
            },
          },
          analysis,
        );
        const sampled = [
          tree.sampled > 0 ? `${tree.sampled} arrays` : '',
          tree.sampledMaps > 0 ? `${tree.sampledMaps} maps` : '',
          tree.clippedStrings > 0 ? `${tree.clippedStrings} strings` : '',
        ]
          .filter((part) => part !== '')
          .join(', ');
        if (
          sampled !== '' &&
          measure(tree.text) <= best.tokens * (1 - minSampleSavings)
        )
          return {
            output: tree.text,
            lossless: false,
            labels: [`json:tree-sample(${sampled})`],
          };
        markers.truncate(mark);
        return finish();
      };
      const target = findTarget(data);
      if (!target || target.items.length < 2) return lossy();
      const { items, path } = target;
      const name = path.join('.');
      const view = renderLossless(items, name);
      if (view) {
        const output = place(view, data, path);
        const tokens = measure(output);
        if (
          tokens <= minifiedTokens * (1 - tableSavings) &&
          tokens < best.tokens
        )
          best = { output, tokens, label: view.label };
      }
      if (!lossless && items.length > maxItems) {
        const mark = markers.spans.length;
        const spans = locateItems(content, path);
        const sample = renderSample(items, {
          name,
          kept: select(items),
          markers,
          maxMarkers,
          ...(spans && spans.length === items.length ? { spans } : {}),
        });
        const output = place(sample, data, path);
        const tokens = measure(output);
        const wins = (): boolean =>
          tokens <= best.tokens * (1 - minSampleSavings);
        // A big input whose sample already beats the table skips the
        // outline (an analysis of every object); a smaller one checks the
        // sample against the outline too.
        if (wins() && minified.length <= MAX_TREE_CHECK_CHARS) tryTree();
        if (wins()) return { output, lossless: false, labels: [sample.label] };
        markers.truncate(mark);
      }
      return lossy();
    },
  };
}
