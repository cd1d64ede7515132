import type { ContextEntry, SharedContextStats } from '@sharedcontext/core';

interface Counted {
  originalTokens: number;
  compressedTokens: number;
  savingsPercent: number;
  transforms: string[];
  tokenizer: string;
}

/** The one-line summary written to stderr. */
export function summaryLine(result: Counted): string {
  return `${result.originalTokens} → ${result.compressedTokens} tokens (${result.savingsPercent}% saved, ${result.tokenizer}) · ${result.transforms.join(', ')}`;
}

/** An entry without its texts, for `--json` output of put. */
export function entrySummary(
  entry: ContextEntry,
): Omit<ContextEntry, 'original' | 'compressed'> {
  const { original: _original, compressed: _compressed, ...rest } = entry;
  return rest;
}

/** `stats` as aligned text. */
export function statsText(stats: SharedContextStats): string {
  const lines = [
    `entries:            ${stats.entries}`,
    `original tokens:    ${stats.totalOriginalTokens}`,
    `compressed tokens:  ${stats.totalCompressedTokens}`,
    `tokens saved:       ${stats.totalTokensSaved} (${stats.savingsPercent}%)`,
  ];
  for (const [agent, agentStats] of Object.entries(stats.agents)) {
    lines.push(
      `  ${agent}: ${agentStats.entries} entries, ${agentStats.originalTokens} → ${agentStats.compressedTokens} tokens (${agentStats.savingsPercent}%)`,
    );
  }
  return lines.join('\n');
}
