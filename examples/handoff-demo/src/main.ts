import { pathToFileURL } from 'node:url';
import { type ContextEntry, SharedContext } from '@sharedcontext/core';
import { apiResult, serviceLog, sourceFile } from './generate.ts';

/** One handoff's numbers, as printed. */
export interface HandoffRow {
  key: string;
  contentType: string;
  originalTokens: number;
  compressedTokens: number;
  savingsPercent: number;
  transforms: string[];
  byteForByte: boolean;
}

/** What the demo measured. */
export interface DemoSummary {
  rows: HandoffRow[];
  totalOriginalTokens: number;
  totalCompressedTokens: number;
  savingsPercent: number;
  tokenizer: string;
}

/**
 * A researcher agent hands three large outputs to an analyst through one
 * SharedContext on the default in-memory store. The analyst reads the
 * compressed versions and can still get every original byte for byte.
 */
export async function main({
  print = true,
}: {
  print?: boolean;
} = {}): Promise<DemoSummary> {
  const log = print ? console.log : () => {};
  const ctx = new SharedContext({ model: 'gpt-4o' });
  const handoffs: Array<[string, string]> = [
    ['orders-api', apiResult()],
    ['service-log', serviceLog()],
    ['pricing-source', sourceFile()],
  ];
  const analystTask = 'find failed orders, errors and slow requests';

  // Researcher: hand each output over.
  const entries: ContextEntry[] = [];
  for (const [key, content] of handoffs) {
    entries.push(
      await ctx.put(key, content, { agent: 'researcher', query: analystTask }),
    );
  }

  // Analyst: reads what it was handed, and checks the originals are intact.
  const rows: HandoffRow[] = [];
  for (const [index, [key, content]] of handoffs.entries()) {
    const entry = entries[index]!;
    const compressed = await ctx.get(key);
    const original = await ctx.get(key, { full: true });
    rows.push({
      key,
      contentType: entry.contentType,
      originalTokens: entry.originalTokens,
      compressedTokens: entry.compressedTokens,
      savingsPercent: entry.savingsPercent,
      transforms: entry.transforms,
      byteForByte: original === content && compressed === entry.compressed,
    });
  }

  const stats = await ctx.stats();
  log(
    `SharedContext handoff demo: researcher → analyst (store: ${ctx.storeName}, tokenizer: ${ctx.tokenizerName})\n`,
  );
  log(
    `${'handoff'.padEnd(16)}${'type'.padEnd(7)}${'original'.padStart(10)}${'compressed'.padStart(12)}${'savings'.padStart(9)}  full==original  transforms`,
  );
  for (const row of rows) {
    log(
      `${row.key.padEnd(16)}${row.contentType.padEnd(7)}${String(row.originalTokens).padStart(10)}${String(row.compressedTokens).padStart(12)}${`${row.savingsPercent}%`.padStart(9)}  ${(row.byteForByte ? 'yes' : 'NO').padEnd(14)}  ${row.transforms.join(', ')}`,
    );
  }
  log(
    `\ntotal: ${stats.totalOriginalTokens} → ${stats.totalCompressedTokens} tokens (${stats.savingsPercent}% saved, ${stats.totalTokensSaved} tokens)`,
  );

  // A reader copies a marker out of the text it was handed and pulls the span back.
  for (const entry of entries) {
    const marker = /\[… [^\]]* …\]/.exec(entry.compressed)?.[0];
    if (!marker) continue;
    const dropped = (await ctx.resolveMarker(marker)) ?? '';
    log(
      `\n${entry.key}: the analyst resolves ${marker}\n  → ${dropped.length} characters, ${dropped.split('\n').length} lines of the original, exactly as written`,
    );
  }
  const failed = await ctx.retrieve('orders-api', { query: 'failed' });
  log(
    `\nctx.retrieve('orders-api', { query: 'failed' }) finds ${failed?.split('\n').filter(Boolean).length ?? 0} matching lines in the original.`,
  );

  return {
    rows,
    totalOriginalTokens: stats.totalOriginalTokens,
    totalCompressedTokens: stats.totalCompressedTokens,
    savingsPercent: stats.savingsPercent,
    tokenizer: ctx.tokenizerName,
  };
}

if (
  process.argv[1] &&
  import.meta.url === pathToFileURL(process.argv[1]).href
) {
  const summary = await main();
  if (!summary.rows.every((row) => row.byteForByte)) process.exitCode = 1;
}
