import {
  type Compressor,
  type CompressorInput,
  type CompressorResult,
  InvalidArgumentError,
  type MaybePromise,
  textCompressor,
} from '@sharedcontext/core';
import { BODY_BUDGET_RATIO } from './body-budget.ts';
import { buildSkeleton } from './code-skeleton.ts';
import {
  type LoadedGrammar,
  loadedGrammar,
  loadGrammar,
} from './grammar-loader.ts';
import { guessLanguage } from './guess-language.ts';
import {
  languageFromFileName,
  languageSpec,
  normalizeLanguage,
  SUPPORTED_LANGUAGES,
} from './languages.ts';
import { queryTerms } from './query-terms.ts';

/** Options of {@link codeCompressor}. */
export interface CodeCompressorOptions {
  /**
   * How much of each body to keep. Every level keeps imports, exports and
   * every declaration's signature; they differ in bodies and comments:
   * - `'signatures'`: only one-line bodies; doc comments shortened to their first line;
   * - `'balanced'`: bodies of up to 4 lines; doc comments shortened to their first line;
   * - `'most'`: bodies of up to 25 lines; comments kept whole; a longer
   *   body that holds nested functions is outlined (its statements kept,
   *   the nested long bodies elided) instead of elided whole.
   * Bodies that match the `query` are kept at every level.
   * @default 'balanced'
   */
  detail?: 'signatures' | 'balanced' | 'most';
  /**
   * Parse as this language (a grammar name such as `'python'`, or an alias
   * such as `'py'`, `'csharp'`, `'sh'`), whatever the detector said.
   * @default the detected language (then a guess from the content when
   * that grammar finds syntax errors)
   */
  language?: string;
  /** File name whose extension names the language (`'query.ts'`); `language` wins. @default none */
  fileName?: string;
  /** Grammars `prepare()` loads. @default every supported language */
  languages?: readonly string[];
  /**
   * Content longer than this (UTF-16 code units) is not parsed and goes to
   * the text compressor instead (`code:too-large→text`). @default 1_000_000
   */
  maxChars?: number;
  /**
   * Folder holding `tree-sitter-<language>.wasm` grammar files.
   * @default the `wasm` folder of the installed `@vscode/tree-sitter-wasm`
   */
  grammarDirectory?: string;
}

const MAX_BODY_LINES = { signatures: 1, balanced: 4, most: 25 } as const;
const OUTLINE_MIN_LINES = {
  signatures: Number.POSITIVE_INFINITY,
  balanced: Number.POSITIVE_INFINITY,
  most: 25,
} as const;
const MAX_CHARS = 1_000_000;

/**
 * Token costs for the budget's decisions (which bodies and member runs go
 * behind a marker): marker texts counted exactly, once each; spans and
 * draft outputs at the input's tokens per character (its count is the
 * pipeline's, remembered). The decisions compare costs; the router counts
 * the final output exactly. Counting every body and a draft output
 * exactly cost a tokenizer pass or more on a dense file.
 */
function budgetCounters(input: CompressorInput): {
  countTokens: (text: string) => number;
  estimateTokens: (text: string) => number;
} {
  const { content, tokenizer } = input;
  if (!tokenizer.loaded) {
    const estimate = (text: string): number => Math.ceil(text.length / 4);
    return { countTokens: estimate, estimateTokens: estimate };
  }
  const perChar = tokenizer.count(content) / Math.max(1, content.length);
  const counted = new Map<string, number>();
  return {
    countTokens: (text) => {
      let count = counted.get(text);
      if (count === undefined) {
        count = tokenizer.count(text);
        counted.set(text, count);
      }
      return count;
    },
    estimateTokens: (text) => Math.max(1, Math.round(text.length * perChar)),
  };
}

/** TypeScript with JSX only parses with the TSX grammar: try it second. */
function grammarsFor(language: string): string[] {
  return language === 'typescript' ? ['typescript', 'tsx'] : [language];
}

function looksMinified(content: string): boolean {
  if (content.length < 2_000) return false;
  let longest = 0;
  let lines = 1;
  let start = 0;
  for (
    let index = content.indexOf('\n');
    index !== -1;
    index = content.indexOf('\n', index + 1)
  ) {
    longest = Math.max(longest, index - start);
    start = index + 1;
    lines++;
  }
  longest = Math.max(longest, content.length - start);
  return longest > 5_000 || content.length / lines > 300;
}

/**
 * Compresses source code with its syntax tree (web-tree-sitter): imports,
 * exports and every declaration's signature stay verbatim; long function
 * bodies become `{ /* [… 42 lines · sc:key#3 …] *\/ }` (Python
 * `...  # [...]`, Ruby and Bash alike) so the output still parses and
 * `ctx.retrieve(key, { marker })` returns the body byte for byte.
 *
 * Languages: TypeScript, TSX, JavaScript, Python, Go, Rust, Java, C#, Ruby,
 * PHP, C++, Bash. Grammars load lazily, once per process; `prepare()` (or
 * `ctx.ready()`) loads them up front so the synchronous path can use them.
 * Code that does not parse, is minified, is too large or is in no known
 * language goes to core's text compressor, labelled `code:unparsable→text`
 * (`code:minified→text`, `code:too-large→text`, `code:unknown-language→text`).
 * `prepare()` and the first compress throw `MissingDependencyError` when
 * web-tree-sitter or a grammar cannot be loaded; the router then names it
 * in the labels and passes the content through.
 *
 * @example
 * const ctx = new SharedContext({
 *   compressors: [codeCompressor(), ...defaultCompressors()],
 * });
 * await ctx.ready(); // loads the grammars, for putSync
 * await ctx.put('review', sourceFile);
 */
export function codeCompressor(
  options: CodeCompressorOptions = {},
): Compressor {
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError({
      parameter: 'options',
      value: options,
      message: `expected an options object or undefined, got ${options === null ? 'null' : typeof options}`,
    });
  const {
    detail = 'balanced',
    maxChars = MAX_CHARS,
    grammarDirectory,
  } = options;
  if (!Object.hasOwn(MAX_BODY_LINES, detail)) {
    throw new InvalidArgumentError({
      parameter: 'detail',
      value: detail,
      message: "expected 'signatures', 'balanced' or 'most'",
    });
  }
  if (typeof maxChars !== 'number' || !(maxChars > 0)) {
    throw new InvalidArgumentError({
      parameter: 'maxChars',
      value: maxChars,
      message: 'expected a positive number',
    });
  }
  const hint = normalizeLanguage(options.language);
  if (options.language !== undefined && hint === undefined) {
    throw new InvalidArgumentError({
      parameter: 'language',
      value: options.language,
      message: `expected one of ${SUPPORTED_LANGUAGES.join(', ')}`,
    });
  }
  const fromFileName = languageFromFileName(options.fileName);
  const preload = (options.languages ?? SUPPORTED_LANGUAGES).map((language) => {
    const normalized = normalizeLanguage(language);
    if (!normalized)
      throw new InvalidArgumentError({
        parameter: 'languages',
        value: language,
        message: `expected names from ${SUPPORTED_LANGUAGES.join(', ')}`,
      });
    return normalized;
  });

  const text = textCompressor();
  // Code the grammar cannot take goes to the text compressor, labelled why.
  const degrade = (
    input: CompressorInput,
    reason: string,
  ): MaybePromise<CompressorResult> => {
    const relabel = (result: CompressorResult): CompressorResult => ({
      ...result,
      labels: [
        `code:${reason}→text`,
        ...(result.labels?.length ? result.labels : [text.name]),
      ],
    });
    const result = text.compress(input);
    return result instanceof Promise ? result.then(relabel) : relabel(result);
  };

  function compressWith(
    input: CompressorInput,
    grammars: ReadonlyArray<[string, LoadedGrammar]>,
  ): MaybePromise<CompressorResult> {
    for (const [grammarName, grammar] of grammars) {
      let tree: ReturnType<typeof grammar.parser.parse>;
      try {
        tree = grammar.parser.parse(input.content);
      } catch {
        continue;
      }
      if (!tree) continue;
      try {
        if (tree.rootNode.hasError) continue;
        const mark = input.markers.spans.length;
        let skeleton: ReturnType<typeof buildSkeleton>;
        try {
          skeleton = buildSkeleton(tree.rootNode, {
            content: input.content,
            spec: languageSpec(grammarName)!,
            markers: input.markers,
            maxBodyLines: MAX_BODY_LINES[detail],
            compactComments: detail !== 'most',
            outlineMinLines: OUTLINE_MIN_LINES[detail],
            queryTerms: queryTerms(input.query),
            outlineMembers: detail !== 'most',
            bodyBudget: detail === 'balanced' ? BODY_BUDGET_RATIO : undefined,
            ...budgetCounters(input),
          });
        } catch {
          // A tree too deep to walk (the stack runs out): no crash, text instead.
          input.markers.truncate(mark);
          return degrade(input, 'too-deep');
        }
        const lossless = skeleton.elided === 0 && skeleton.compacted === 0;
        return {
          output: skeleton.output,
          lossless,
          labels: [`code:${grammarName}:${detail}`],
        };
      } finally {
        tree.delete();
      }
    }
    return degrade(input, 'unparsable');
  }

  /** Grammars to try in order: the caller's language alone, else the detected one, then our guess. */
  function candidateGrammars(input: CompressorInput): string[] {
    const explicit = hint ?? fromFileName;
    const languages = explicit
      ? [explicit]
      : [
          normalizeLanguage(input.detection.language),
          guessLanguage(input.content),
        ].filter((language) => language !== undefined);
    return [...new Set(languages.flatMap(grammarsFor))];
  }

  return {
    specificationVersion: 'v1',
    name: 'code',
    contentTypes: ['code'],
    async prepare() {
      await Promise.all(
        preload
          .flatMap(grammarsFor)
          .map((grammar) => loadGrammar(grammar, grammarDirectory)),
      );
    },
    compress(input) {
      if (input.content.length > maxChars) return degrade(input, 'too-large');
      if (looksMinified(input.content)) return degrade(input, 'minified');
      const names = candidateGrammars(input);
      if (names.length === 0) return degrade(input, 'unknown-language');
      const ready = names.map(
        (name) => [name, loadedGrammar(name, grammarDirectory)] as const,
      );
      if (ready.every(([, grammar]) => grammar !== undefined)) {
        return compressWith(input, ready as Array<[string, LoadedGrammar]>);
      }
      // Not loaded yet: the async path awaits this; the sync path refuses a
      // promise and falls back, while the grammar keeps loading for next time.
      return Promise.all(
        names.map(
          async (name) =>
            [name, await loadGrammar(name, grammarDirectory)] as [
              string,
              LoadedGrammar,
            ],
        ),
      ).then((grammars) => compressWith(input, grammars));
    },
  };
}
