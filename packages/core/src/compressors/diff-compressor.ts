import { InvalidArgumentError } from '../errors/index.ts';
import { assertOptions } from '../util/validate.ts';
import type { Compressor, CompressorInput } from './compressor.ts';
import { type Hunk, KIND, parseDiff } from './diff-parse.ts';
import {
  indexLines,
  lineRanges,
  plural,
  queryHits,
  queryTerms,
} from './line-index.ts';
import { assertCount } from './option-checks.ts';

/** Options of {@link diffCompressor}. */
export interface DiffCompressorOptions {
  /** Context lines kept on each side of a change inside a hunk. @default 1 */
  contextLines?: number;
  /** Drop `index <hash>..<hash>` lines (they are in the stored original). @default true */
  dropIndexLines?: boolean;
  /**
   * Which files may have long runs of changed lines cut (`maxAddedRun`,
   * `maxRemovedRun`). `'bulk'`: tests, lockfiles, snapshots, generated,
   * vendored and minified files, while every added and removed line of
   * any other file is kept; `'all'`: any file; `'none'`: no file (every
   * changed line kept); or a predicate on the file's path. @default 'bulk'
   */
  cutRuns?: 'bulk' | 'all' | 'none' | ((path: string) => boolean);
  /**
   * In a file whose runs may be cut, a run of consecutive added lines
   * longer than this keeps its first three quarters and last quarter of
   * this many lines; the middle becomes a marker in place. @default 40
   */
  maxAddedRun?: number;
  /**
   * The same for removed lines (the old text is one retrieval away, and a
   * deleted file's body rarely matters). @default 12
   */
  maxRemovedRun?: number;
  /**
   * A hunk whose added and removed lines repeat an earlier hunk's exactly
   * (the same edit applied in several places) keeps its header and names
   * the earlier file instead of repeating the lines. @default true
   */
  dedupeHunks?: boolean;
}

/** Drops smaller than this many characters are not worth a marker. */
const MIN_DROP_CHARS = 80;
/**
 * Paths whose changes are bulk rather than reviewed line by line: tests
 * and fixtures, lockfiles, snapshots, generated, vendored and minified code.
 */
const BULK_PATH =
  /(^|\/)(__tests__|__snapshots__|__fixtures__|__mocks__|tests?|spec|fixtures|testdata|vendor|third_party|node_modules|dist|build|generated|gen)\/|\.(test|spec|test-d|stories)\.[^/]+$|\.(snap|lock|min\.js|min\.css|map)$|(^|\/)(pnpm-lock\.yaml|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|bun\.lockb?|Cargo\.lock|Gemfile\.lock|poetry\.lock|uv\.lock|composer\.lock|go\.sum|Pipfile\.lock|flake\.lock)$|\.(pb|generated|g)\.\w+$|_pb2\.py$|_test\.go$|(^|\/)test_[^/]+\.py$|_test\.py$/;

/**
 * A changed line that declares a test or a suite (`it('…'`, `describe(`,
 * `test.each(`, `def test_…`, `func Test…`, `#[test]`): kept inside a cut
 * run, so the reader still sees which tests were added or removed.
 */
const LANDMARK =
  /^[+-]\s*(?:(?:describe|context|suite|it|test|bench)(?:\.\w+)*(?:\(|`)|(?:async\s+)?def\s+test_?\w*\s*\(|class\s+Test\w*|func\s+(?:Test|Benchmark)\w*\(|#\[(?:\w+::)*test\]|(?:pub\s+)?(?:async\s+)?fn\s+test_\w+)/;

/** True for a path whose long change runs may be cut under `cutRuns: 'bulk'`. */
export function isBulkPath(path: string): boolean {
  return BULK_PATH.test(path);
}
/** A file whose trimmed lines hold this many characters gets its own marker. */
const OWN_MARKER_CHARS = 400;
interface PlannedDrop {
  after: number;
  summary: string;
  lines: number[];
}

/**
 * Unified diffs (`git diff`, `git show`, `diff -u`): keeps every file
 * header (`diff --git`, `---`/`+++`, rename, copy and mode lines) and every
 * hunk header; keeps every added and removed line, except the middle of
 * very long runs in bulk files (tests, lockfiles, generated code: see
 * `cutRuns` and ADR 0003), and `contextLines` of context around each change (plus context
 * lines matching the query). A hunk that repeats an earlier hunk's edit is
 * shown by its header and a reference. Trimmed context and `index` lines
 * of a file share one marker at the end of the file; cut runs and repeated
 * hunks get a marker in place. Commit messages are kept, unindented.
 *
 * @example
 * await compress(gitShowOutput, { contentType: 'diff' });
 */
export function diffCompressor(
  options: DiffCompressorOptions = {},
): Compressor {
  assertOptions(options);
  const {
    contextLines = 1,
    dropIndexLines = true,
    cutRuns = 'bulk',
    maxAddedRun = 40,
    maxRemovedRun = 12,
    dedupeHunks = true,
  } = options;
  assertCount(contextLines, 'contextLines', 0);
  assertCount(maxAddedRun, 'maxAddedRun', 1, true);
  assertCount(maxRemovedRun, 'maxRemovedRun', 1, true);
  if (
    typeof cutRuns !== 'function' &&
    cutRuns !== 'bulk' &&
    cutRuns !== 'all' &&
    cutRuns !== 'none'
  )
    throw new InvalidArgumentError({
      parameter: 'cutRuns',
      value: cutRuns,
      message: "expected 'bulk', 'all', 'none' or a function of the path",
    });
  const mayCut =
    typeof cutRuns === 'function'
      ? cutRuns
      : cutRuns === 'bulk'
        ? isBulkPath
        : () => cutRuns === 'all';
  return {
    specificationVersion: 'v1',
    name: 'diff',
    contentTypes: ['diff'],
    compress(input: CompressorInput) {
      input.signal?.throwIfAborted();
      const { content } = input;
      const index = indexLines(content);
      const { kinds, hunks, files } = parseDiff(content, index);
      const text = (line: number): string =>
        content.slice(index.starts[line], index.ends[line]);
      const chars = (lines: readonly number[]): number =>
        lines.reduce(
          (sum, line) => sum + index.ends[line]! - index.starts[line]! + 1,
          0,
        );
      const terms = queryTerms(input.query);
      const keep = new Uint8Array(kinds.length).fill(1);
      const drops: PlannedDrop[] = [];
      const pooled = files.map(() => [] as number[]);
      const cuttable = files.map((file) => mayCut(file.path));

      if (dropIndexLines) {
        let file = -1;
        for (let line = 0; line < kinds.length; line++) {
          if (kinds[line] === KIND.fileStart) file++;
          if (kinds[line] === KIND.index && file >= 0) pooled[file]!.push(line);
        }
      }

      const seen = new Map<string, number>();
      for (const hunk of hunks) {
        const changed: number[] = [];
        for (let line = hunk.start; line < hunk.end; line++)
          if (kinds[line] === KIND.added || kinds[line] === KIND.removed)
            changed.push(line);
        if (dedupeHunks && changed.length > 0) {
          const signature = changed.map(text).join('\n');
          const earlier = seen.get(signature);
          if (earlier !== undefined && signature.length > MIN_DROP_CHARS) {
            const body: number[] = [];
            for (let line = hunk.start; line < hunk.end; line++)
              body.push(line);
            const where =
              earlier === hunk.file
                ? 'a hunk above'
                : (files[earlier]!.path.split('/').pop() ?? '');
            drops.push({
              after: hunk.header,
              summary: `${plural(changed.length, 'line')} repeat the edit in ${where}`,
              lines: body,
            });
            continue;
          }
          seen.set(signature, hunk.file);
        }
        trimHunk(hunk);
      }

      function trimHunk(hunk: Hunk): void {
        let line = hunk.start;
        while (line < hunk.end) {
          const kind = kinds[line];
          let end = line;
          if (kind === KIND.context) {
            while (end < hunk.end && kinds[end] === KIND.context) end++;
            const before = line > hunk.start;
            const after = end < hunk.end;
            const from = line + (before ? contextLines : 0);
            const to = end - (after ? contextLines : 0);
            for (let l = from; l < to; l++) {
              if (queryHits(text(l), terms) > 0) continue;
              pooled[hunk.file]!.push(l);
            }
          } else if (kind === KIND.added || kind === KIND.removed) {
            while (end < hunk.end && kinds[end] === kind) end++;
            const max = !cuttable[hunk.file]
              ? Number.POSITIVE_INFINITY
              : kind === KIND.added
                ? maxAddedRun
                : maxRemovedRun;
            if (end - line > max) {
              const head = Math.max(1, Math.ceil(max * 0.75));
              const tail = Math.max(0, Math.floor(max) - head);
              // Test and suite declarations and query matches stay, so the
              // cut part still shows its outline; the pieces between them
              // are cut, each behind its own marker.
              let cut: number[] = [];
              const flush = (): void => {
                if (chars(cut) > MIN_DROP_CHARS)
                  drops.push({
                    after: cut[cut.length - 1]!,
                    summary: `${plural(cut.length, kind === KIND.added ? 'added line' : 'removed line')} omitted`,
                    lines: cut,
                  });
                cut = [];
              };
              for (let l = line + head; l < end - tail; l++) {
                const current = text(l);
                if (LANDMARK.test(current) || queryHits(current, terms) > 0)
                  flush();
                else cut.push(l);
              }
              flush();
            }
          } else {
            end = line + 1;
          }
          line = end;
        }
      }

      // A file with much trimmed gets its own marker at its end; files with
      // a little share one marker after the last file, so small diffs do
      // not pay a marker per file.
      const shared: number[] = [];
      let sharedAfter = -1;
      const pushPool = (lines: number[], after: number): void => {
        const context = lines.filter(
          (line) => kinds[line] === KIND.context,
        ).length;
        const summary =
          context === lines.length
            ? `${plural(context, 'context line')} omitted`
            : `${plural(lines.length, 'line')} omitted`;
        drops.push({ after, summary, lines });
      };
      files.forEach((file, i) => {
        const lines = pooled[i]!.sort((a, b) => a - b);
        if (lines.length === 0) return;
        const after = Math.max(file.last, lines[lines.length - 1]!);
        if (chars(lines) >= OWN_MARKER_CHARS) {
          pushPool(lines, after);
        } else {
          shared.push(...lines);
          sharedAfter = Math.max(sharedAfter, after);
        }
      });
      if (chars(shared) > MIN_DROP_CHARS) pushPool(shared, sharedAfter);

      if (drops.length === 0 && !kinds.includes(KIND.message)) {
        return { output: content, lossless: true, labels: ['diff:unchanged'] };
      }
      for (const drop of drops) for (const line of drop.lines) keep[line] = 0;
      const byLine = new Map<number, PlannedDrop[]>();
      for (const drop of drops) {
        const list = byLine.get(drop.after);
        if (list) list.push(drop);
        else byLine.set(drop.after, [drop]);
      }
      const out: string[] = [];
      for (let line = 0; line < kinds.length; line++) {
        if (keep[line]) {
          const current = text(line);
          out.push(kinds[line] === KIND.message ? current.slice(4) : current);
        }
        for (const drop of byLine.get(line) ?? []) {
          out.push(
            input.markers.drop({
              summary: drop.summary,
              ranges: lineRanges(index, drop.lines),
            }),
          );
        }
      }
      return {
        output: out.join('\n'),
        lossless: drops.length === 0,
        labels: [drops.length === 0 ? 'diff:unindent' : 'diff:context'],
      };
    },
  };
}
