import { describe, expect, it } from 'vitest';
import { main } from './main.ts';
import { generatedIssues, generatedLogs, loadPayload } from './payload.ts';

describe('openai-agents handoff demo', () => {
  it('hands the specialist fewer tokens through compressHandoffInput and nestHandoffHistory and keeps every original byte for byte', async () => {
    const result = await main({ print: false });
    expect(result.handedOverWith).toBeLessThan(result.handedOverWithout);
    expect(result.savingsPercent).toBeGreaterThan(0);
    expect(result.handedOverNested).toBeLessThan(result.handedOverWithout);
    expect(result.nestedSavingsPercent).toBeGreaterThan(0);
    expect(result.stats.agents).toEqual(['Triage']);
    expect(result.stats.tools.sort()).toEqual(['fetch_logs', 'search_issues']);
    expect(result.stats.items).toBeGreaterThanOrEqual(1);
    expect(result.stats.compressedTokens).toBeLessThan(
      result.stats.originalTokens,
    );
    expect(result.originalsIntact).toBe(true);
    expect(result.answer).toMatch(/DataNode IOExceptions/);
    expect(result.tokenizer).toBe('o200k_base');
    if (result.marker !== null) {
      // The specialist followed a marker: what came back is original text.
      const payload = loadPayload();
      expect(result.retrieved).not.toBeNull();
      for (const line of result.retrieved!.split('\n')) {
        expect(
          payload.logs.includes(line) || payload.issues.includes(line),
        ).toBe(true);
      }
    }
  });

  it('generates the same realistic payload every run when the corpus is absent', () => {
    expect(generatedLogs()).toBe(generatedLogs());
    expect(generatedLogs().split('\n').length).toBeGreaterThan(2_000);
    expect(generatedLogs()).toContain('ERROR dfs.DataNode');
    const issues = JSON.parse(generatedIssues()) as unknown[];
    expect(issues).toHaveLength(60);
  });
});
