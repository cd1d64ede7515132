import { LANGUAGES, type LanguagePatterns } from './code-languages.ts';
import type { ContentDetector } from './detection.ts';
import { headLines } from './sample.ts';

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

interface Score {
  language: string;
  matches: number;
}

function score(lines: readonly string[], spec: LanguagePatterns): Score {
  let matches = 0;
  let exclusive = spec.exclusive.length === 0;
  for (const line of lines) {
    if (spec.patterns.some((pattern) => pattern.test(line))) matches++;
    if (!exclusive && spec.exclusive.some((pattern) => pattern.test(line)))
      exclusive = true;
  }
  return { language: spec.language, matches: exclusive ? matches : 0 };
}

/**
 * Source code with a language guess, from the first 100 non-empty lines:
 * each language counts the lines matching its patterns and needs at least
 * one line only it has (`: string` for TypeScript, `:=` for Go, `#include`
 * for C++, ...). The best language needs 3 lines, and language lines or
 * statement-shaped lines (whichever is more) a 30 % share r;
 * confidence = min(1, 0.4 + 0.4 r + 0.02 matches), accepted at 0.5.
 * Languages: python, typescript, javascript, go, rust, java, csharp, cpp,
 * ruby, php, bash (the tree-sitter grammar names).
 */
export function codeDetector({
  languages = LANGUAGES,
}: CodeDetectorOptions = {}): ContentDetector {
  return {
    name: 'code',
    detect(content) {
      const lines = headLines(content, 400)
        .filter((line) => line.trim() !== '')
        .slice(0, 100)
        .map((line) => (line.length > 500 ? line.slice(0, 500) : line));
      if (lines.length === 0) return undefined;
      let best: Score | undefined;
      for (const spec of languages) {
        const current = score(lines, spec);
        if (!best || current.matches > best.matches) best = current;
      }
      if (!best || best.matches < 3) return undefined;
      const codeShaped = lines.filter((line) =>
        STATEMENT_LINE.test(line),
      ).length;
      const ratio = Math.max(best.matches, codeShaped) / lines.length;
      if (ratio < 0.3) return undefined;
      const confidence = Math.min(1, 0.4 + 0.4 * ratio + 0.02 * best.matches);
      return confidence >= 0.5
        ? { contentType: 'code', confidence, language: best.language }
        : undefined;
    },
  };
}
