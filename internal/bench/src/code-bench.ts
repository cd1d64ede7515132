import {
  type CodeCompressorOptions,
  codeCompressor,
  SUPPORTED_LANGUAGES,
} from '@sharedcontext/compressor-code';
import {
  type CompressorResult,
  createMarkerSink,
  type Tokenizer,
  tiktokenTokenizer,
} from '@sharedcontext/core';
import {
  listCorpus,
  readCorpus,
} from '@sharedcontext-internal/test-utils/corpus';

type Detail = NonNullable<CodeCompressorOptions['detail']>;

/** One corpus file's measurements. */
export interface CodeBenchRow {
  file: string;
  tokensIn: number;
  /** o200k tokens out at each detail level. */
  tokensOut: Record<Detail, number>;
  /** Savings at each detail level, percent rounded to 0.1. */
  savings: Record<Detail, number>;
  /** Bodies elided at the default level. */
  elided: number;
  /** Top-level declaration lines of the original found verbatim in the output. */
  signaturesKept: number;
  signatures: number;
  /** Median MB/s of a compress call (parse + skeleton) at the default level. */
  mbPerSecond: number;
}

/** One grammar's first load in this process. */
export interface GrammarLoadRow {
  language: string;
  /** Milliseconds of `prepare()` for this language; the first includes `Parser.init()`. */
  ms: number;
}

/** What {@link benchCode} returns. */
export interface CodeBenchResult {
  rows: CodeBenchRow[];
  loads: GrammarLoadRow[];
  /** Token-weighted savings over the whole corpus at the default level, percent. */
  totalSavings: number;
  markdown: string;
}

const DETAILS: readonly Detail[] = ['signatures', 'balanced', 'most'];
const RUNS = 7;
// A top-level declaration line, at column 0 (what a receiving agent needs verbatim).
const DECLARATION =
  /^(?:export\s+)?(?:default\s+)?(?:abstract\s+)?(?:async\s+)?(?:pub(?:\([^)]*\))?\s+)?(?:function\*?|class|interface|type|enum|const|let|def|fn|struct|trait|impl|mod)\b/;

function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function run(
  file: string,
  content: string,
  detail: Detail,
  tokenizer: Tokenizer,
): { result: CompressorResult; spans: number } {
  const markers = createMarkerSink('bench');
  const result = codeCompressor({ fileName: file, detail }).compress({
    content,
    contentType: 'code',
    detection: { contentType: 'code', confidence: 1 },
    tokenizer,
    markers,
    compressPart: (part) => part,
  });
  if (result instanceof Promise) {
    throw new Error(`grammar for ${file} not loaded after prepare()`);
  }
  return { result, spans: markers.spans.length };
}

/**
 * Benchmarks `@sharedcontext/compressor-code` on `../shared/corpus/code/`:
 * savings (o200k) per file and detail level, top-level signature
 * retention, grammar load time and throughput. Run it before anything else
 * in the process loads grammars, or the load times read as cached.
 */
export async function benchCode(): Promise<CodeBenchResult> {
  const tokenizer = tiktokenTokenizer('o200k_base');
  await tokenizer.load();

  const loads: GrammarLoadRow[] = [];
  for (const language of SUPPORTED_LANGUAGES) {
    const started = performance.now();
    await codeCompressor({ languages: [language] }).prepare?.();
    loads.push({ language, ms: round(performance.now() - started) });
  }

  const rows: CodeBenchRow[] = [];
  for (const file of listCorpus('code')) {
    const content = readCorpus(`code/${file}`);
    const tokensIn = tokenizer.count(content);
    const tokensOut = {} as Record<Detail, number>;
    const savings = {} as Record<Detail, number>;
    for (const detail of DETAILS) {
      tokensOut[detail] = tokenizer.count(
        run(file, content, detail, tokenizer).result.output,
      );
      savings[detail] = round((1 - tokensOut[detail] / tokensIn) * 100);
    }
    const { result, spans } = run(file, content, 'balanced', tokenizer);
    const declarations = content
      .split('\n')
      .filter((line) => DECLARATION.test(line));
    const times: number[] = [];
    for (let index = 0; index < RUNS; index++) {
      const started = performance.now();
      run(file, content, 'balanced', tokenizer);
      times.push(performance.now() - started);
    }
    rows.push({
      file,
      tokensIn,
      tokensOut,
      savings,
      elided: spans,
      signaturesKept: declarations.filter((line) =>
        result.output.includes(line),
      ).length,
      signatures: declarations.length,
      mbPerSecond: round(content.length / 1e6 / (median(times) / 1000)),
    });
  }

  const totalIn = rows.reduce((sum, row) => sum + row.tokensIn, 0);
  const totalOut = rows.reduce((sum, row) => sum + row.tokensOut.balanced, 0);
  const totalSavings = round((1 - totalOut / totalIn) * 100);
  return {
    rows,
    loads,
    totalSavings,
    markdown: render(rows, loads, totalSavings),
  };
}

function render(
  rows: CodeBenchRow[],
  loads: GrammarLoadRow[],
  totalSavings: number,
): string {
  const lines = [
    '## Code compressor (`@sharedcontext/compressor-code`)',
    '',
    `Savings in o200k tokens; default level \`balanced\`. Whole corpus: **${totalSavings} %** at the default level.`,
    '',
    '| file | tokens in | signatures | balanced (default) | most | top-level signatures verbatim | bodies elided | MB/s (parse + skeleton) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (row) =>
        `| ${row.file} | ${row.tokensIn} | ${row.savings.signatures} % | ${row.savings.balanced} % (${row.tokensOut.balanced}) | ${row.savings.most} % | ${row.signaturesKept}/${row.signatures} | ${row.elided} | ${row.mbPerSecond} |`,
    ),
    '',
    'Grammar load, first use in this process (the first row includes `Parser.init()`; TypeScript also loads TSX):',
    '',
    `| ${loads.map((load) => load.language).join(' | ')} |`,
    `|${loads.map(() => '---:').join('|')}|`,
    `| ${loads.map((load) => `${load.ms} ms`).join(' | ')} |`,
    '',
  ];
  return lines.join('\n');
}
