import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { markdownTable, renderSvgChart } from '@sharedcontext/cli';
import { codeCompressor } from '@sharedcontext/compressor-code';
import { defaultCompressors, tiktokenTokenizer } from '@sharedcontext/core';
import {
  corpusDir,
  hasCorpus,
  REPO_ROOT,
} from '@sharedcontext-internal/test-utils/corpus';
import cliProgress from 'cli-progress';
import { benchCode } from './code-bench.ts';
import {
  benchCorpusItem,
  type CorpusRow,
  corpusItems,
} from './corpus-bench.ts';
import { extraSections } from './extra-sections.ts';
import { benchFidelity } from './fidelity-bench.ts';
import { benchFixtures } from './fixtures-bench.ts';
import { medianRatio } from './tokenizer-ratio.ts';
import { benchToon } from './toon-bench.ts';

/**
 * `pnpm bench`: every compressor over ../shared/corpus and Headroom's
 * recorded fixtures (o200k tokens), fidelity needles, speed, plus the code,
 * ML and store benches. Writes bench/results/README.md and savings.svg.
 */
async function main(): Promise<void> {
  if (!hasCorpus()) {
    process.stderr.write(
      `pnpm bench needs the shared corpus: none at ${corpusDir()} (put ../shared/corpus beside the checkout or set SHAREDCONTEXT_CORPUS).\n`,
    );
    process.exitCode = 1;
    return;
  }
  // `pnpm bench --only=toon`: the JSON-beside-TOON section alone.
  if (process.argv.includes('--only=toon')) {
    const tokenizer = tiktokenTokenizer('o200k_base');
    await tokenizer.load();
    process.stdout.write(`${(await benchToon(tokenizer)).markdown}\n`);
    return;
  }
  process.stderr.write(
    `Corpus: ${corpusDir()}${process.env.SHAREDCONTEXT_CORPUS ? ' (SHAREDCONTEXT_CORPUS)' : ''}; tokens counted with o200k_base.\n`,
  );
  // First, so grammar load times are measured cold.
  process.stderr.write('Code compression (compressor-code)…\n');
  const code = await benchCode();
  const tokenizer = tiktokenTokenizer('o200k_base');
  await tokenizer.load();
  const compressors = [codeCompressor(), ...defaultCompressors()];
  await Promise.all(compressors.map((compressor) => compressor.prepare?.()));

  const items = corpusItems();
  const bar = process.stderr.isTTY
    ? new cliProgress.SingleBar(
        {
          format: 'corpus [{bar}] {value}/{total} {item}',
          stream: process.stderr,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  bar?.start(items.length, 0, { item: '' });
  const corpus: CorpusRow[] = [];
  for (const [index, { folder, file }] of items.entries()) {
    const row = await benchCorpusItem(folder, file, { tokenizer, compressors });
    corpus.push(row);
    if (bar) bar.update(index + 1, { item: row.item });
    else
      process.stderr.write(
        `[${index + 1}/${items.length}] ${row.item}: ${row.tokensIn} → ${row.tokensOut} (${row.savings}%)\n`,
      );
  }
  bar?.stop();
  process.stderr.write('Headroom fixtures…\n');
  const fixtures = await benchFixtures({ tokenizer, compressors });
  process.stderr.write('JSON beside TOON…\n');
  const toon = await benchToon(tokenizer);
  process.stderr.write('Fidelity scenarios…\n');
  const fidelity = await benchFidelity(tokenizer);

  const fixturesNoLarger = fixtures.filter((row) => row.noLarger).length;
  const needleTotals = [...corpus, ...fixtures].reduce(
    (sum, row) => ({
      found: sum.found + row.needles.found,
      total: sum.total + row.needles.total,
    }),
    { found: 0, total: 0 },
  );
  const sections = [
    '# SharedContext bench',
    '',
    `Measured with \`pnpm bench\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, o200k_base tokens. Speed is the median of at least 5 timed runs (small inputs repeat for ~0.3 s, up to 200 runs) after one warm-up; these machines are noisy, compare ratios.`,
    '',
    `Needle recall over corpus and fixtures: ${needleTotals.found}/${needleTotals.total} (${(needleTotals.found / Math.max(1, needleTotals.total)).toFixed(4)}). Headroom fixtures where our output is no larger than Headroom's: ${fixturesNoLarger}/${fixtures.length}.`,
    '',
    throughputSummary(corpus),
    '',
    '## Corpus',
    '',
    markdownTable(
      [
        'item',
        'type',
        'tokens in',
        'tokens out',
        'savings %',
        'vs minified %',
        'needles',
        'ms per MB (with o200k counting)',
        'MB/s (with o200k counting)',
        'MB/s (compression)',
        '× one tokenizer pass',
        'transforms',
      ],
      corpus.map((row) => [
        row.item,
        row.contentType,
        row.tokensIn,
        row.tokensOut,
        row.savings,
        row.savingsVsMinified ?? '',
        `${row.needles.found}/${row.needles.total}${row.needles.missing.length ? ` (missing ${row.needles.missing.join('; ')})` : ''}`,
        row.msPerMb,
        row.mbPerSecond,
        row.compressMbPerSecond,
        row.tokenizerRatio,
        row.transforms.join(', '),
      ]),
    ),
    '',
    "## Headroom's recorded fixtures",
    '',
    'Same input, our output beside the output Headroom recorded (minTokens 0 so small fixtures are compared too).',
    '',
    markdownTable(
      [
        'fixture',
        'tokens in',
        'Headroom out',
        'ours out',
        'no larger',
        'needles',
        'transforms',
      ],
      fixtures.map((row) => [
        row.item,
        row.tokensIn,
        row.headroomTokens,
        row.ourTokens,
        row.noLarger ? 'yes' : 'NO',
        `${row.needles.found}/${row.needles.total}${row.needles.missing.length ? ` (missing ${row.needles.missing.join('; ').slice(0, 120)})` : ''}`,
        row.transforms.join(', '),
      ]),
    ),
    '',
    '## JSON beside TOON (lossless)',
    '',
    toon.markdown,
    '',
    "## Fidelity: Headroom's regression scenarios",
    '',
    fidelity.markdown,
    '',
    code.markdown,
    '',
    ...(await extraSections()),
  ];
  const out = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'README.md'), `${sections.join('\n')}\n`);
  writeFileSync(
    join(out, 'savings.svg'),
    renderSvgChart(
      'Savings on the shared corpus (o200k tokens)',
      corpus.map((row) => ({ label: row.item, value: row.savings })),
    ),
  );
  process.stdout.write(`${sections.join('\n')}\n`);
  process.stderr.write(`wrote ${join(out, 'README.md')} and savings.svg\n`);
}

await main();

/** The slowest JSON and log items, compression alone and end to end: the issue's ≥ 10 MB/s target. */
function throughputSummary(corpus: readonly CorpusRow[]): string {
  const slowest = (type: string, pick: (row: CorpusRow) => number) =>
    Math.min(...corpus.filter((row) => row.contentType === type).map(pick));
  const part = (type: string) =>
    `${type} ${slowest(type, (row) => row.compressMbPerSecond)} MB/s compressing (${slowest(type, (row) => row.mbPerSecond)} MB/s with exact o200k counting of input and output)`;
  const ratios = corpus.map((row) => row.tokenizerRatio);
  const text = corpus
    .filter((row) => row.contentType === 'text')
    .map((row) => row.tokenizerRatio);
  return `Slowest item, one core: ${part('json')}; ${part('log')}. Compress time over one o200k tokenizer pass on the same input (CPU time, end to end with exact counting of input and output): median ${medianRatio(ratios).toFixed(2)} across the corpus (target ≤ 2.5), highest ${Math.max(...ratios).toFixed(2)}; text items ${text.map((ratio) => ratio.toFixed(2)).join(', ')} (target ≤ 3).`;
}
