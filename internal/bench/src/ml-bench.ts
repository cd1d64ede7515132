import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mlCompressor } from '@sharedcontext/compressor-ml';
import {
  type Compressor,
  compress,
  type Tokenizer,
  textCompressor,
  tiktokenTokenizer,
} from '@sharedcontext/core';
import {
  listCorpus,
  readCorpus,
} from '@sharedcontext-internal/test-utils/corpus';
import { makeTinyClassifier } from './make-tiny-classifier.ts';
import { proseNeedles } from './needles.ts';

/** Options of {@link benchMl}. */
export interface BenchMlOptions {
  /**
   * A real model (id under `localModelPath`, or an absolute path). Unset:
   * the generated tiny test models (BERT and ModernBERT tokenizers).
   * @default process.env.SHAREDCONTEXT_ML_MODEL
   */
  model?: string;
  /** @default process.env.SHAREDCONTEXT_ML_MODEL_PATH */
  localModelPath?: string;
  /** @default process.env.SHAREDCONTEXT_ML_DTYPE ?? 'q8' for a real model, 'fp32' for the test models */
  dtype?: 'fp32' | 'q8';
  /** ONNX base name inside `onnx/` (Kompress: 'kompress-int8-wo'). @default process.env.SHAREDCONTEXT_ML_FILE */
  modelFileName?: string;
  /** Timed runs per file (after one warm-up run that loads the model); the median counts. @default 5 */
  runs?: number;
  /** Counts tokens. @default o200k_base */
  tokenizer?: Tokenizer;
}

/** One prose file through one model. */
export interface MlBenchRow {
  item: string;
  model: string;
  dtype: string;
  tokensIn: number;
  tokensOut: number;
  savings: number;
  /** Median milliseconds per 1,000 input tokens, the model loaded. */
  msPer1kTokens: number;
  /** First call: model load + one compression. */
  firstCallMs: number;
  /** Headings kept (the prose fidelity check). */
  needles: string;
  transforms: string[];
}

/** What {@link benchMl} returns: the rows and a Markdown section body (no heading; the caller adds it). */
export interface MlBenchResult {
  rows: MlBenchRow[];
  markdown: string;
}

interface Candidate {
  label: string;
  dtype: string;
  compressor: Compressor;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function table(header: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) =>
    `| ${cells.map((cell) => String(cell).replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join(
    '\n',
  );
}

async function benchFile(
  item: string,
  original: string,
  candidate: Candidate,
  tokenizer: Tokenizer,
  runs: number,
): Promise<MlBenchRow> {
  const options = {
    tokenizer,
    compressors: [candidate.compressor],
    contentType: 'text' as const,
    minTokens: 0,
    minSavings: 0,
    key: item,
  };
  const firstStart = performance.now();
  let result = await compress(original, options);
  const firstCallMs = performance.now() - firstStart;
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    result = await compress(original, options);
    times.push(performance.now() - started);
  }
  const needles = proseNeedles(original, result.compressed);
  return {
    item,
    model: candidate.label,
    dtype: candidate.dtype,
    tokensIn: result.originalTokens,
    tokensOut: result.compressedTokens,
    savings: result.savingsPercent,
    msPer1kTokens: round(median(times) / (result.originalTokens / 1000), 2),
    firstCallMs: round(firstCallMs),
    needles: `${needles.found}/${needles.total}`,
    transforms: result.transforms,
  };
}

/**
 * The ML compressor over `../shared/corpus/prose/*.md`: savings and time per
 * 1,000 tokens, beside core's text compressor on the same files. Without a
 * real model it generates the tiny test classifiers (stop words → drop), so
 * the numbers measure the compressor's own cost (segmenting, tokenizing,
 * chunking, ONNX Runtime calls, reassembly) and not a real model's quality.
 * See docs/compressors/ml.md for running it with Kompress-v2 or LLMLingua-2.
 */
export async function benchMl(
  options: BenchMlOptions = {},
): Promise<MlBenchResult> {
  const {
    model = process.env.SHAREDCONTEXT_ML_MODEL,
    localModelPath = process.env.SHAREDCONTEXT_ML_MODEL_PATH,
    modelFileName = process.env.SHAREDCONTEXT_ML_FILE,
    runs = 5,
  } = options;
  const tokenizer = options.tokenizer ?? tiktokenTokenizer('o200k_base');
  await tokenizer.load();
  const envDtype = process.env.SHAREDCONTEXT_ML_DTYPE;
  const dtype =
    options.dtype ??
    (envDtype === 'fp32' || envDtype === 'q8' ? envDtype : undefined);

  const dir = model ? undefined : await mkdtemp(join(tmpdir(), 'sc-ml-bench-'));
  try {
    const candidates: Candidate[] = [];
    if (model) {
      candidates.push({
        label: model,
        dtype: dtype ?? 'q8',
        compressor: mlCompressor({
          model,
          dtype: dtype ?? 'q8',
          timeoutMs: 600_000,
          ...(localModelPath ? { localModelPath } : {}),
          ...(modelFileName ? { modelFileName } : {}),
        }),
      });
    } else {
      for (const flavour of ['bert', 'modernbert'] as const) {
        const tiny = await makeTinyClassifier({ dir: dir!, flavour });
        candidates.push({
          label: `${tiny.modelId} (generated)`,
          dtype: dtype ?? 'fp32',
          compressor: mlCompressor({
            model: tiny.modelId,
            localModelPath: dir!,
            dtype: dtype ?? 'fp32',
            timeoutMs: 600_000,
          }),
        });
      }
    }
    candidates.push({
      label: 'text (core, for comparison)',
      dtype: '-',
      compressor: textCompressor(),
    });

    const rows: MlBenchRow[] = [];
    for (const file of listCorpus('prose').filter((name) =>
      name.endsWith('.md'),
    )) {
      const original = readCorpus(`prose/${file}`);
      for (const candidate of candidates) {
        rows.push(
          await benchFile(
            `prose/${file}`,
            original,
            candidate,
            tokenizer,
            runs,
          ),
        );
      }
    }
    return { rows, markdown: renderMarkdown(rows, Boolean(model)) };
  } finally {
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

function renderMarkdown(
  rows: readonly MlBenchRow[],
  realModel: boolean,
): string {
  const byModel = new Map<string, MlBenchRow[]>();
  for (const row of rows) {
    byModel.set(row.model, [...(byModel.get(row.model) ?? []), row]);
  }
  const totals = [...byModel].map(([model, modelRows]) => {
    const tokensIn = modelRows.reduce((sum, row) => sum + row.tokensIn, 0);
    const tokensOut = modelRows.reduce((sum, row) => sum + row.tokensOut, 0);
    return [
      model,
      modelRows[0]!.dtype,
      tokensIn,
      tokensOut,
      round(100 * (1 - tokensOut / Math.max(1, tokensIn))),
      round(median(modelRows.map((row) => row.msPer1kTokens)), 2),
    ];
  });
  return [
    realModel
      ? 'Real model, CPU (onnxruntime-node), o200k_base tokens; ML compressor alone (minSavings 0). Speed: median of the timed runs after one warm-up that loads the model.'
      : "Generated tiny test classifiers (stop words → drop; see `internal/bench/src/make-tiny-classifier.ts`), CPU (onnxruntime-node), o200k_base tokens; ML compressor alone (minSavings 0). The savings show what the compressor does with a stop-word model, not a real model's quality; the speed is the compressor's own overhead (segmenting, per-word tokenizing, chunking, ONNX Runtime calls, reassembly) around a near-free model. Run with a real model: `SHAREDCONTEXT_ML_MODEL=<id> SHAREDCONTEXT_ML_MODEL_PATH=<dir> pnpm bench` (docs/compressors/ml.md).",
    '',
    table(
      [
        'model',
        'dtype',
        'tokens in',
        'tokens out',
        'savings %',
        'median ms / 1k tokens',
      ],
      totals,
    ),
    '',
    table(
      [
        'item',
        'model',
        'tokens in',
        'tokens out',
        'savings %',
        'ms / 1k tokens',
        'first call ms',
        'headings kept',
        'transforms',
      ],
      rows.map((row) => [
        row.item,
        row.model,
        row.tokensIn,
        row.tokensOut,
        row.savings,
        row.msPer1kTokens,
        row.firstCallMs,
        row.needles,
        row.transforms.join(', '),
      ]),
    ),
    '',
  ].join('\n');
}
