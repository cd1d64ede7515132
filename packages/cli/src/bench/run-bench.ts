import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { type Compressor, compress, savingsPercent } from '@sharedcontext/core';
import { markdownTable } from './markdown-table.ts';
import { type ChartBar, renderSvgChart } from './svg-chart.ts';

/** One file's result. */
export interface BenchRow {
  file: string;
  contentType: string;
  bytes: number;
  originalTokens: number;
  compressedTokens: number;
  savingsPercent: number;
  milliseconds: number;
  transforms: string[];
  /** Which tokenizer counted (`o200k_base`, `estimate:claude`, ...). */
  tokenizer: string;
}

/** Options of {@link benchFiles}. */
export interface BenchFilesOptions {
  /** Paths in the report are relative to this. */
  root: string;
  model?: string;
  query?: string;
  /** Compressors, or a function giving them per file (e.g. a code compressor told the file name). */
  compressors?:
    | readonly Compressor[]
    | ((file: string) => Promise<readonly Compressor[]>);
  /** Called after each file. */
  onFile?: (row: BenchRow, index: number, total: number) => void;
}

/** Compresses each file once and measures it. */
export async function benchFiles(
  files: readonly string[],
  { root, model, query, compressors, onFile }: BenchFilesOptions,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [index, file] of files.entries()) {
    const text = await readFile(file, 'utf8');
    const forFile =
      typeof compressors === 'function' ? await compressors(file) : compressors;
    const started = performance.now();
    const result = await compress(text, {
      ...(model ? { model } : {}),
      ...(query ? { query } : {}),
      ...(forFile ? { compressors: forFile } : {}),
      key: relative(root, file) || file,
    });
    const row: BenchRow = {
      file: relative(root, file) || file,
      contentType: result.contentType,
      bytes: Buffer.byteLength(text),
      originalTokens: result.originalTokens,
      compressedTokens: result.compressedTokens,
      savingsPercent: result.savingsPercent,
      milliseconds: Math.round((performance.now() - started) * 10) / 10,
      transforms: result.transforms,
      tokenizer: result.tokenizer,
    };
    rows.push(row);
    onFile?.(row, index, files.length);
  }
  return rows;
}

/** Savings per content type, summed over files. */
export function byContentType(rows: readonly BenchRow[]): Array<{
  contentType: string;
  files: number;
  originalTokens: number;
  compressedTokens: number;
  savingsPercent: number;
}> {
  const groups = new Map<
    string,
    { files: number; originalTokens: number; compressedTokens: number }
  >();
  for (const row of rows) {
    const group = groups.get(row.contentType) ?? {
      files: 0,
      originalTokens: 0,
      compressedTokens: 0,
    };
    group.files++;
    group.originalTokens += row.originalTokens;
    group.compressedTokens += row.compressedTokens;
    groups.set(row.contentType, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([contentType, group]) => ({
      contentType,
      ...group,
      savingsPercent: savingsPercent(
        group.originalTokens,
        group.compressedTokens,
      ),
    }));
}

/** The Markdown report: per file, per content type, totals. */
export function benchMarkdown(
  rows: readonly BenchRow[],
  title = 'SharedContext bench',
): string {
  const totalIn = rows.reduce((sum, row) => sum + row.originalTokens, 0);
  const totalOut = rows.reduce((sum, row) => sum + row.compressedTokens, 0);
  return [
    `# ${title}`,
    '',
    `${rows.length} files, ${totalIn} → ${totalOut} tokens, ${savingsPercent(totalIn, totalOut)}% saved. Tokens counted with ${[...new Set(rows.map((row) => row.tokenizer))].join(', ') || 'no tokenizer (no files)'}.`,
    '',
    '## Per file',
    '',
    markdownTable(
      [
        'file',
        'type',
        'tokens in',
        'tokens out',
        'savings %',
        'ms',
        'transforms',
      ],
      rows.map((row) => [
        row.file,
        row.contentType,
        row.originalTokens,
        row.compressedTokens,
        row.savingsPercent,
        row.milliseconds,
        row.transforms.join(', '),
      ]),
    ),
    '',
    '## Per content type',
    '',
    markdownTable(
      ['type', 'files', 'tokens in', 'tokens out', 'savings %'],
      byContentType(rows).map((group) => [
        group.contentType,
        group.files,
        group.originalTokens,
        group.compressedTokens,
        group.savingsPercent,
      ]),
    ),
    '',
  ].join('\n');
}

/** The SVG chart: savings per file, then per content type. */
export function benchSvg(
  rows: readonly BenchRow[],
  title = 'Savings per file and per content type',
): string {
  const bars: ChartBar[] = [
    ...rows.map((row) => ({ label: row.file, value: row.savingsPercent })),
    ...byContentType(rows).map((group) => ({
      label: `[${group.contentType}] all files`,
      value: group.savingsPercent,
    })),
  ];
  return renderSvgChart(title, bars);
}
