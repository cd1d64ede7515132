import {
  countJoined,
  countPieces,
  rememberTokens,
  type TextPart,
  tokensBefore,
} from '../tokenizer/token-pieces.ts';
import { assertNumber, assertOptions } from '../util/validate.ts';
import {
  CODE_TARGET_RATIO,
  type CodeOutlineOptions,
  outlineCode,
} from './code-outline.ts';
import type { Compressor, CompressorInput } from './compressor.ts';
import { plural, queryHits, queryTerms } from './line-index.ts';
import { collapseNumberedLines } from './numbered-lines.ts';
import { assertFraction } from './option-checks.ts';
import {
  normalise,
  PREFIX,
  type SentenceKey,
  segment,
  sentenceKey,
  type Unit,
} from './text-units.ts';

/** Options of {@link textCompressor}. */
export interface TextCompressorOptions extends CodeOutlineOptions {
  /**
   * Fraction of tokens to keep, markers included; `input.targetRatio`
   * (from `compress(..., { targetRatio })`) takes precedence. @default 0.5
   */
  targetRatio?: number;
  /**
   * Tokens one marker is assumed to cost while choosing what to keep; a
   * dropped run cheaper than this is kept instead. @default measured: a
   * sample marker for this entry's key is counted
   */
  markerTokens?: number;
  /**
   * Inputs longer than this many characters are measured at 4 characters a
   * token instead of by the tokenizer, to stay fast. @default 2_000_000
   */
  exactCountLimit?: number;
}

const DIGIT = /\d/;
// Code spans, camelCase, snake_case, dotted names, acronyms. Tested, not
// matched: `\w[_.]\w` finds what `\b\w+_\w+` and `\b\w+\.\w+` find
// without reading each word back.
const IDENTIFIER = /`[^`]+`|\b[a-z]+[A-Z]|\w[_.]\w|\b[A-Z]{2,}\b/;
const URL = /\bhttps?:\/\/\S+/;
const KEYWORD =
  /\b(?:important|note|warning|caution|must|never|always|deprecated|breaking|removed|error|errors|exception|fail|failed|failure|fatal|required|default|todo|fixme)\b/i;

/**
 * Inputs up to this many characters have their output counted exactly, and
 * each unit too when the estimate took the output over the target.
 */
const EXACT_UNITS_BELOW_CHARS = 8192;
/** An output this share over the target is still on target. */
const TARGET_SLACK = 0.05;

/** Texts with fewer sentences and blocks than this pass through. */
const MIN_UNITS = 4;

/** Scores every unit; returns each sentence's key and 3-grams (undefined for other units). */
function scoreUnits(
  content: string,
  units: Unit[],
  terms: readonly string[],
): Array<SentenceKey | undefined> {
  const keys: Array<SentenceKey | undefined> = [];
  // Sentences by key: a key seen before is a duplicate once the texts
  // normalise the same (the keys are hashes).
  const seen = new Map<number, string[]>();
  let previousLine = -2;
  units.forEach((unit, i) => {
    const text = content.slice(unit.start, unit.end);
    let score = 1 + 0.5 * (1 - i / Math.max(1, units.length));
    if (unit.kind === 'fence') score += 0.3;
    if (unit.prefix !== '' || unit.line > previousLine + 1) score += 0.4; // opens a paragraph or item
    if (DIGIT.test(text)) score += 0.3;
    if (IDENTIFIER.test(text)) score += 0.3;
    if (URL.test(text)) score += 0.3;
    if (KEYWORD.test(text)) score += 0.5;
    // Tool output's error and warning lines come before any prose.
    if (unit.signal) score += 3;
    score += 1.5 * queryHits(text, terms);
    if (text.trim().length < 12) score *= 0.25;
    const key = unit.kind === 'sentence' ? sentenceKey(text) : undefined;
    keys.push(key);
    if (key && !key.empty) {
      const earlier = seen.get(key.key);
      if (earlier === undefined) seen.set(key.key, [text]);
      else {
        const normalised = normalise(text);
        if (earlier.some((other) => normalise(other) === normalised))
          score = -1;
        else earlier.push(text);
      }
    }
    unit.score = score;
    previousLine = unit.lastLine;
  });
  return keys;
}

const NO_GRAMS: readonly number[] = [];

/** Dropped runs: maximal sequences of consecutive dropped units. */
function runs(units: readonly Unit[]): Unit[][] {
  const found: Unit[][] = [];
  let current: Unit[] = [];
  for (const unit of units) {
    if (unit.keep) {
      if (current.length > 0) found.push(current);
      current = [];
    } else current.push(unit);
  }
  if (current.length > 0) found.push(current);
  return found;
}

/**
 * Greedy by value, counting markers as they appear and disappear: keeping
 * a unit between two dropped ones splits a run (one more marker), keeping
 * the last unit of a run removes its marker. Returns the estimated total.
 */
function select(
  keys: ReadonlyArray<SentenceKey | undefined>,
  units: Unit[],
  target: number,
  markerTokens: number,
): number {
  for (const unit of units) unit.keep = unit.mandatory;
  let used = units.reduce(
    (sum, unit) => sum + (unit.keep ? unit.tokens : 0),
    0,
  );
  let markers = runs(units).length;
  const covered = new Set<number>();
  const keptAt = (i: number): boolean => units[i]?.keep ?? true;
  // Value per cost, with a mild length penalty: a 200-token code block must
  // score well above a 25-token sentence to be taken first.
  const order = units
    .map((unit, i) => ({
      unit,
      i,
      value: unit.score / (1 + 0.5 * Math.log2(1 + unit.tokens / 40)),
    }))
    .filter(({ unit }) => !unit.mandatory && unit.score > 0)
    .sort((a, b) => b.value - a.value || a.i - b.i);
  for (let pass = 0; pass < 2; pass++) {
    for (const { unit, i } of order) {
      if (unit.keep) continue;
      const before = keptAt(i - 1);
      const after = keptAt(i + 1);
      const delta = before && after ? -1 : !before && !after ? 1 : 0;
      if (used + unit.tokens + (markers + delta) * markerTokens > target)
        continue;
      const unitGrams = keys[i]?.grams ?? NO_GRAMS;
      if (unitGrams.length > 0) {
        let seen = 0;
        for (const gram of unitGrams) if (covered.has(gram)) seen++;
        if (seen >= 0.85 * unitGrams.length) continue;
      }
      unit.keep = true;
      used += unit.tokens;
      markers += delta;
      for (const gram of unitGrams) covered.add(gram);
    }
  }
  // A run cheaper than its marker is kept (unless it holds a duplicate).
  for (const run of runs(units)) {
    const tokens = run.reduce((sum, unit) => sum + unit.tokens, 0);
    if (tokens <= markerTokens && run.every((unit) => unit.score > 0)) {
      for (const unit of run) unit.keep = true;
      used += tokens;
      markers--;
    }
  }
  return used + markers * markerTokens;
}

/** True when `run` is the kept unit's exact text repeated on the lines right after it. */
function isRepeatOf(
  content: string,
  kept: Unit | undefined,
  run: readonly Unit[],
): boolean {
  if (!kept) return false;
  const text = content.slice(kept.start, kept.end);
  let line = kept.lastLine;
  for (const unit of run) {
    if (unit.line !== line + 1 || content.slice(unit.start, unit.end) !== text)
      return false;
    // The whole line must be the repeat, not a sentence inside a paragraph.
    const lineStart = content.lastIndexOf('\n', unit.start - 1) + 1;
    const lineEnd = content.indexOf('\n', unit.end);
    if (
      content.slice(lineStart, unit.start).trim() !== '' ||
      content.slice(unit.end, lineEnd < 0 ? content.length : lineEnd).trim() !==
        ''
    )
      return false;
    line = unit.lastLine;
  }
  return true;
}

/** The output, and the spans of the input and new text it is made of. */
interface Rendered {
  text: string;
  /** Undefined when a pass over the lines rewrote some (numbered runs). */
  parts: TextPart[] | undefined;
}

function render(
  content: string,
  units: readonly Unit[],
  input: CompressorInput,
): Rendered {
  const out: string[] = [];
  // Each output line's parts: spans of the input where the line copies it.
  const outParts: TextPart[][] = [];
  let line = '';
  let lineParts: TextPart[] = [];
  let lineNumber = -1;
  let run: Unit[] = [];
  let lastKept: Unit | undefined;
  const push = (text: string, parts: TextPart[]): void => {
    out.push(text);
    outParts.push(parts);
  };
  const flush = (): void => {
    if (lineNumber >= 0) push(line, lineParts);
    line = '';
    lineParts = [];
    lineNumber = -1;
  };
  const closeRun = (inline: boolean): void => {
    if (run.length === 0) return;
    if (isRepeatOf(content, lastKept, run)) {
      // Lines that repeat the one just kept, back to back: a count loses
      // nothing (the original is rebuilt from it), and costs 3 tokens where a
      // marker costs 12.
      const count = ` (×${run.length + 1})`;
      run = [];
      if (inline && lineNumber >= 0) {
        line += count;
        lineParts.push(count);
      } else {
        flush();
        out[out.length - 1] += count;
        outParts[outParts.length - 1]!.push(count);
      }
      return;
    }
    const sentences = run.filter((unit) => unit.kind === 'sentence').length;
    const what =
      sentences === run.length
        ? plural(sentences, 'sentence')
        : sentences === 0
          ? plural(run.length, 'block')
          : `${plural(sentences, 'sentence')} and ${plural(run.length - sentences, 'block')}`;
    const marker = input.markers.drop({
      summary: `${what} omitted`,
      ranges: [[run[0]!.start, run[run.length - 1]!.end]],
    });
    run = [];
    if (inline && lineNumber >= 0) {
      line += ` ${marker}`;
      lineParts.push(` ${marker}`);
    } else {
      flush();
      push(marker, [marker]);
    }
  };
  let lastLine = -1;
  for (const unit of units) {
    if (!unit.keep) {
      if (lineNumber >= 0 && unit.line !== lineNumber) flush();
      run.push(unit);
      lastLine = unit.lastLine;
      continue;
    }
    const sameLine = unit.line === lineNumber;
    closeRun(sameLine);
    if (!sameLine) {
      flush();
      // Keep one blank line where the original had any.
      if (
        lastLine >= 0 &&
        unit.line > lastLine + 1 &&
        out.length > 0 &&
        out[out.length - 1] !== ''
      )
        push('', []);
    }
    const text = content.slice(unit.start, unit.end);
    const span = { from: unit.start, to: unit.end };
    lastKept = unit;
    if (unit.kind !== 'sentence') {
      push(text, [span]);
    } else if (sameLine) {
      line += ` ${text}`;
      // The original's own space, where it had one: the span then counts as counted.
      if (content.charCodeAt(unit.start - 1) === 32) span.from--;
      else lineParts.push(' ');
      lineParts.push(span);
    } else {
      const lineStart = content.lastIndexOf('\n', unit.start - 1) + 1;
      const prefix =
        unit.prefix ||
        (PREFIX.exec(content.slice(lineStart, unit.start))?.[1] ?? '');
      line = `${prefix}${text}`;
      lineParts = [{ from: lineStart, to: lineStart + prefix.length }, span];
      lineNumber = unit.line;
    }
    lastLine = unit.lastLine;
  }
  closeRun(lineNumber >= 0);
  flush();
  const lines = collapseNumberedLines(out);
  const text = lines.join('\n');
  // A collapsed run rewrote lines: its parts no longer spell them.
  if (lines.length !== out.length) return { text, parts: undefined };
  return { text, parts: joinLines(content, outParts) };
}

/**
 * The lines' parts with the line breaks between them: a break the input
 * also has right after a line's last span extends the span (so it stays
 * one counted span), any other is new text.
 */
function joinLines(content: string, lines: readonly TextPart[][]): TextPart[] {
  const parts: TextPart[] = [];
  lines.forEach((line, i) => {
    parts.push(...line);
    if (i === lines.length - 1) return;
    const last = parts[parts.length - 1];
    if (
      last !== undefined &&
      typeof last !== 'string' &&
      content.charCodeAt(last.to) === 10
    )
      parts[parts.length - 1] = { from: last.from, to: last.to + 1 };
    else parts.push('\n');
  });
  return parts;
}

/**
 * Prose and Markdown: a deterministic extractive compressor. Scores each
 * sentence (position, paragraph openings, numbers, identifiers, URLs,
 * keywords, query terms; duplicates score nothing), keeps headings,
 * horizontal rules and table rules always and fenced code blocks whole or
 * not at all, then keeps the best sentences within the token target. Line
 * structure (indentation, list markers, quotes, blank lines) is kept; each
 * dropped run becomes one marker in place. Also the router's fallback for
 * content no other compressor takes; for source code (content detected or
 * routed as `code`) every line that declares or imports something
 * (`export`, `import`, `def`, `class`, `function`, `fn`, `func`,
 * `interface`, `type`, `struct`, `enum`, `public`…, decorators) is kept
 * verbatim.
 *
 * @example
 * await compress(notes, { contentType: 'text', targetRatio: 0.4, query: 'cache' });
 */
export function textCompressor(
  options: TextCompressorOptions = {},
): Compressor {
  assertOptions(options);
  const {
    targetRatio = 0.5,
    codeTargetRatio = CODE_TARGET_RATIO,
    markerTokens,
    exactCountLimit = 2_000_000,
  } = options;
  assertFraction(targetRatio, 'targetRatio');
  assertFraction(codeTargetRatio, 'codeTargetRatio');
  assertNumber(markerTokens, 'markerTokens', { min: 0 });
  assertNumber(exactCountLimit, 'exactCountLimit', { min: 0 });
  return {
    specificationVersion: 'v1',
    name: 'text',
    contentTypes: ['text'],
    compress(input: CompressorInput) {
      input.signal?.throwIfAborted();
      const { content } = input;
      const ratio = Math.min(
        1,
        Math.max(0.01, input.targetRatio ?? targetRatio),
      );
      // Code that reached prose compression (no code plug-in, or it did not
      // parse) keeps every declaration and import line verbatim.
      const code =
        input.contentType === 'code' || input.detection?.contentType === 'code';
      // Code with block structure is outlined (code-outline.ts).
      const outline = code
        ? outlineCode(input, {
            ratio: Math.max(0.01, input.targetRatio ?? codeTargetRatio),
            markerTokens,
            exactCountLimit,
          })
        : undefined;
      if (outline) return outline;
      const units = segment(content, { code });
      // Too few pieces to choose between: dropping one would drop the point.
      if (units.filter((unit) => !unit.mandatory).length < MIN_UNITS) {
        return { output: content, lossless: true, labels: ['text:unchanged'] };
      }
      const exact = content.length <= exactCountLimit && input.tokenizer.loaded;
      const count = (text: string): number =>
        exact ? input.tokenizer.count(text) : Math.ceil(text.length / 4);
      // The pipeline's own pass over the input, remembered: where the
      // tokenizer recorded its pieces, each unit costs what its pieces
      // cost, and the output is counted from the input's spans it copies
      // (token-pieces.ts) instead of in a second pass.
      const pieces = exact ? countPieces(input.tokenizer, content) : undefined;
      const total = pieces?.total ?? count(content);
      // Otherwise each unit costs its length at the input's tokens per
      // character: the blanks and line breaks between units are charged to
      // them too, so the estimate errs on the side of the target.
      let unitChars = 0;
      for (const unit of units) unitChars += unit.end - unit.start;
      const perChar = total / Math.max(1, unitChars);
      const keys = scoreUnits(content, units, queryTerms(input.query));
      // Measure a marker for this key, then forget the probe.
      const mark = input.markers.spans.length;
      const probe = input.markers.drop({
        summary: '10 sentences omitted',
        text: '',
      });
      input.markers.truncate(mark);
      const markerCost = markerTokens ?? count(probe) + 1;
      const target = total * ratio;
      // With the pieces, a unit also pays for the blanks and line breaks
      // up to the next unit, as the estimate charges them: the costs add
      // up to the input's total.
      const cost = (unit: Unit, exactUnits: boolean, i: number): number =>
        (pieces
          ? Math.max(
              1,
              tokensBefore(pieces, units[i + 1]?.start ?? content.length) -
                tokensBefore(pieces, unit.start),
            )
          : exactUnits
            ? count(content.slice(unit.start, unit.end))
            : Math.max(1, Math.round((unit.end - unit.start) * perChar))) + 1;
      const choose = (
        exactUnits: boolean,
        budget: number,
      ): Rendered | undefined => {
        units.forEach((unit, i) => {
          unit.tokens = cost(unit, exactUnits, i);
        });
        select(keys, units, budget, markerCost);
        return units.every((unit) => unit.keep)
          ? undefined
          : render(content, units, input);
      };
      const measure = ({ text, parts }: Rendered): number =>
        pieces && parts ? countJoined(parts, pieces, count) : count(text);
      let rendered = choose(false, target);
      // Short inputs: an estimate's error is a visible share of the budget.
      // One exact count of the output (the router reuses it) checks it; an
      // output over the target is chosen again, with every unit counted
      // (or, with the pieces, whose unit costs are already exact, within
      // a budget cut by what markers and line breaks cost over it).
      if (rendered !== undefined && exact) {
        let tokens =
          pieces || content.length <= EXACT_UNITS_BELOW_CHARS
            ? measure(rendered)
            : undefined;
        if (
          tokens !== undefined &&
          content.length <= EXACT_UNITS_BELOW_CHARS &&
          tokens > target * (1 + TARGET_SLACK)
        ) {
          input.markers.truncate(mark);
          rendered = pieces
            ? choose(false, (target * target) / tokens)
            : choose(true, target);
          tokens = rendered && measure(rendered);
        }
        if (rendered && tokens !== undefined)
          rememberTokens(input.tokenizer, rendered.text, tokens);
      }
      const output = rendered?.text;
      if (output === undefined) {
        return { output: content, lossless: true, labels: ['text:unchanged'] };
      }
      return {
        output,
        lossless: false,
        labels: ['text:extract'],
      };
    },
  };
}
