import { anyOf } from '../util/any-of.ts';
import { assertOptions } from '../util/validate.ts';
import { LANGUAGES, type LanguagePatterns } from './code-languages.ts';
import type { ContentDetector } from './detection.ts';
import { spreadLines } from './sample.ts';

/** Options of {@link codeDetector}. */
export interface CodeDetectorOptions {
  /** Languages to try, in tie-break order. @default the built-in eleven */
  languages?: readonly LanguagePatterns[];
}

// Statement-shaped lines (ending in `;`, `{`, `}` or `:` with an optional
// trailing comment, or closing a block) count toward the code share even
// when no language keyword is on them: long function bodies are mostly such
// lines, prose almost never is.
const STATEMENT_LINE =
  /(?:[;{}]|\)\s*:|^\s*(?:else|try|finally)\s*:)\s*(?:(?:\/\/|#).*)?$|^\s*[}\])]+[;,)]*\s*$/;

// Lines of a multi-line list (`  queryKey,` in an import or a generic
// parameter list) and bare assignments (`this.count = 0`, `count++`) in
// code written without semicolons: code-shaped too.
const CONTINUATION_LINE =
  /^\s{1,40}[\w$#.?]{1,80},?$|^\s{0,40}[\w$#.[\]]{1,80} ?(?:[-+*/|&]?=(?!=)|\+\+|--)/;

// Fenced blocks (```) at line starts: Markdown with code examples, which
// the mixed detector and the text compressor handle; a source file does
// not hold two of them.
const FENCE = /^ {0,3}(?:```|~~~)/gm;

function hasFences(content: string): boolean {
  FENCE.lastIndex = 0;
  return FENCE.exec(content) !== null && FENCE.exec(content) !== null;
}

// Comment lines (`//`, `/*`, ` * ` doc-comment bodies, `*/`) say nothing
// either way: a well-documented file must not read as prose because half
// its lines are JSDoc. They are left out of the share's denominator.
const COMMENT_LINE = /^\s{0,40}(?:\/\/|\/\*|\*\/|\*(?:\s|$))/;

/** Lines of the best language, at least. */
const MIN_MATCHES = 3;
/** Share of the lines (comments aside) that are code-shaped, at least. */
const MIN_SHARE = 0.3;

/** Head 50 non-empty lines, then 5 windows of 10 over the rest. */
const SAMPLE = { head: 50, windows: 5, perWindow: 10 } as const;

interface Score {
  language: string;
  matches: number;
}

/** A language's patterns, each list read as one test. */
interface CompiledLanguage {
  language: string;
  matches: (line: string) => boolean;
  /** Undefined when the language needs no exclusive line. */
  exclusive: ((line: string) => boolean) | undefined;
}

function compile(spec: LanguagePatterns): CompiledLanguage {
  return {
    language: spec.language,
    matches: anyOf(spec.patterns),
    exclusive: spec.exclusive.length === 0 ? undefined : anyOf(spec.exclusive),
  };
}

/**
 * How many lines match the language, or 0 when it has no exclusive line or
 * cannot reach `need` matches (then it cannot decide the answer: the best
 * language must reach `need`). The exclusive line is looked for first, so
 * a language absent from the text costs one short test per line.
 */
/** The fewest of `counted` lines whose share reaches MIN_SHARE, as the test reads it. */
function sharedBy(counted: number): number {
  let lines = Math.ceil(MIN_SHARE * counted);
  while (lines > 0 && (lines - 1) / counted >= MIN_SHARE) lines--;
  while (lines / counted < MIN_SHARE) lines++;
  return lines;
}

function score(
  lines: readonly string[],
  spec: CompiledLanguage,
  need: number,
): Score {
  const none = { language: spec.language, matches: 0 };
  const { exclusive } = spec;
  if (exclusive && !lines.some((line) => exclusive(line))) return none;
  let matches = 0;
  for (let i = 0; i < lines.length; i++) {
    if (spec.matches(lines[i]!)) matches++;
    else if (matches + lines.length - i - 1 < need) return none;
  }
  return { language: spec.language, matches };
}

/**
 * Source code with a language guess, from 100 non-empty lines: the first
 * 50 and five windows of 10 spread over the rest of the file (a file
 * opening with 110 lines of imports is judged by its body too):
 * each language counts the lines matching its patterns and needs at least
 * one line only it has (`: string` for TypeScript, `:=` for Go, `#include`
 * for C++, ...). The best language needs 3 lines, and language lines or
 * statement-shaped lines (whichever is more) a 30 % share r of the
 * lines that are not comments;
 * confidence = min(1, 0.4 + 0.4 r + 0.02 matches), accepted at 0.5.
 * Languages: python, typescript, javascript, go, rust, java, csharp, cpp,
 * ruby, php, bash (the tree-sitter grammar names).
 */
export function codeDetector(
  options: CodeDetectorOptions = {},
): ContentDetector {
  assertOptions(options);
  const { languages = LANGUAGES } = options;
  const compiled = languages.map(compile);
  return {
    name: 'code',
    detect(content) {
      if (hasFences(content)) return undefined;
      // 100 lines, each read up to 300 characters: every language's
      // patterns run over each, so the sample bounds detection time.
      const lines = spreadLines(content, SAMPLE).map((line) =>
        line.length > 300 ? line.slice(0, 300) : line,
      );
      if (lines.length === 0) return undefined;
      const codeShaped = lines.filter(
        (line) => STATEMENT_LINE.test(line) || CONTINUATION_LINE.test(line),
      ).length;
      const comments = lines.filter((line) => COMMENT_LINE.test(line)).length;
      const counted = Math.max(1, lines.length - comments);
      // The best language needs 3 lines, and the 30 % share when the
      // statement-shaped lines do not make it: a language short of that
      // cannot change the answer, so its count stops early.
      const need =
        codeShaped / counted >= MIN_SHARE
          ? MIN_MATCHES
          : Math.max(MIN_MATCHES, sharedBy(counted));
      let best: Score | undefined;
      for (const spec of compiled) {
        const current = score(lines, spec, need);
        if (!best || current.matches > best.matches) best = current;
      }
      if (!best || best.matches < MIN_MATCHES) return undefined;
      const ratio = Math.max(best.matches, codeShaped) / counted;
      if (ratio < MIN_SHARE) return undefined;
      const confidence = Math.min(1, 0.4 + 0.4 * ratio + 0.02 * best.matches);
      return confidence >= 0.5
        ? { contentType: 'code', confidence, language: best.language }
        : undefined;
    },
  };
}
