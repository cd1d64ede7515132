import { codeCompressor } from '@sharedcontext/compressor-code';
import { defaultCompressors, tiktokenTokenizer } from '@sharedcontext/core';
import { benchCorpusItem, corpusItems, median } from './dist/corpus-bench.js';

const tokenizer = tiktokenTokenizer('o200k_base');
await tokenizer.load();
const compressors = [codeCompressor(), ...defaultCompressors()];
await Promise.all(compressors.map((c) => c.prepare?.()));
const only = process.argv[2];
const rows = [];
for (const { folder, file } of corpusItems()) {
  if (only && folder !== only) continue;
  const row = await benchCorpusItem(folder, file, { tokenizer, compressors });
  rows.push(row);
  console.log(
    `${row.item}\t${row.contentType}\t${row.tokensIn}\t${row.tokensOut}\t${row.savings}%\tneedles ${row.needles.found}/${row.needles.total}\t${row.overTokenizer}x\ttok ${row.tokenizerMs}ms\t${row.transforms.join(', ')}`,
  );
}
console.log(
  'median ratio',
  median(rows.map((r) => r.overTokenizer)),
  'median savings',
  median(rows.map((r) => r.savings)),
);
