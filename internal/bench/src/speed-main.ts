import { codeCompressor } from '@sharedcontext/compressor-code';
import { defaultCompressors, tiktokenTokenizer } from '@sharedcontext/core';
import {
  hasCorpus,
  readCorpus,
} from '@sharedcontext-internal/test-utils/corpus';
import { corpusItems } from './corpus-bench.ts';
import { medianRatio, tokenizerRatio } from './tokenizer-ratio.ts';

/**
 * `pnpm --filter @sharedcontext-internal/bench speed`: only the speed
 * measure of issue 14, compress time over one tokenizer pass per corpus
 * item and the median, without the rest of the bench. `--only <text>`
 * keeps the items whose path contains it.
 */
async function main(): Promise<void> {
  if (!hasCorpus()) {
    process.stderr.write('the speed bench needs ../shared/corpus.\n');
    process.exitCode = 1;
    return;
  }
  const only = process.argv.includes('--only')
    ? process.argv[process.argv.indexOf('--only') + 1]
    : undefined;
  const tokenizer = tiktokenTokenizer('o200k_base');
  await tokenizer.load();
  const compressors = [codeCompressor(), ...defaultCompressors()];
  await Promise.all(compressors.map((compressor) => compressor.prepare?.()));
  const ratios: number[] = [];
  // The text path: prose, which detection leaves to the text compressor.
  const text: number[] = [];
  for (const { folder, file } of corpusItems()) {
    const item = `${folder}/${file}`;
    if (only && !item.includes(only)) continue;
    const ratio = await tokenizerRatio(readCorpus(item), {
      tokenizer,
      compressors,
      key: file,
    });
    ratios.push(ratio);
    if (folder === 'prose') text.push(ratio);
    process.stdout.write(`${item}\t${ratio.toFixed(2)}\n`);
  }
  process.stdout.write(
    `median\t${medianRatio(ratios).toFixed(2)}\tmax\t${Math.max(...ratios).toFixed(2)}\t(target: median ≤ 2.5)\n`,
  );
  if (text.length > 0)
    process.stdout.write(
      `text path (prose)\tmedian\t${medianRatio(text).toFixed(2)}\tmax\t${Math.max(...text).toFixed(2)}\t(target: each ≤ 3)\n`,
    );
}

await main();
