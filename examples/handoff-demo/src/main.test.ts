import { describe, expect, it } from 'vitest';
import { apiResult, serviceLog, sourceFile } from './generate.ts';
import { main } from './main.ts';

describe('handoff demo', () => {
  it('saves tokens on every handoff and returns each original byte for byte', async () => {
    const summary = await main({ print: false });
    expect(summary.rows).toHaveLength(3);
    expect(summary.savingsPercent).toBeGreaterThan(0);
    expect(summary.totalCompressedTokens).toBeLessThan(
      summary.totalOriginalTokens,
    );
    expect(summary.rows.every((row) => row.byteForByte)).toBe(true);
    expect(summary.tokenizer).toBe('o200k_base');
  });

  it('generates the same realistic payload every run', () => {
    expect(apiResult()).toBe(apiResult());
    const orders = JSON.parse(apiResult()).data as Array<{ status: string }>;
    expect(orders).toHaveLength(400);
    expect(
      orders.filter((order) => order.status === 'failed').length,
    ).toBeGreaterThanOrEqual(3);
    expect(serviceLog().split('\n').length).toBeGreaterThan(1_500);
    expect(serviceLog()).toContain('ERROR [payments]');
    expect(sourceFile()).toContain('export function');
  });
});
