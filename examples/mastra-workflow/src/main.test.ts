import { describe, expect, it } from 'vitest';
import { ordersJson } from './generate.ts';
import { main } from './main.ts';

describe('mastra-workflow example', () => {
  it('hands the analyse step the compressed orders and keeps the original', async () => {
    const summary = await main({ print: false });

    expect(summary.savingsPercent).toBeGreaterThan(0);
    expect(summary.compressedTokens).toBeLessThan(summary.originalTokens);
    expect(summary.received.length).toBeLessThan(summary.original.length);
    expect(summary.modelSaw.join('\n')).toContain(summary.received);
    expect(summary.modelSaw.join('\n')).not.toContain(summary.original);
    expect(summary.answer).toBe('Five orders failed: payment timeouts.');
  });

  it('keeps the failed orders in view and resolves every marker to the original', async () => {
    const summary = await main({ print: false });
    for (const id of ['ord_100029', 'ord_100090', 'ord_100273']) {
      expect(summary.received).toContain(id);
    }
    for (const { original } of summary.markers) {
      expect(original).not.toBeNull();
      for (const line of original!.split('\n')) {
        expect(summary.original).toContain(line);
      }
    }
  });

  it('gives the model an order in full through the retrieval tool', async () => {
    const summary = await main({ print: false });
    const { found, text } = JSON.parse(summary.retrieved) as {
      found: boolean;
      text: string;
    };
    expect(found).toBe(true);
    expect(JSON.parse(text)).toEqual(JSON.parse(summary.original)[3]);
  });

  it('generates the same orders every run', () => {
    expect(ordersJson()).toBe(ordersJson());
    const orders = JSON.parse(ordersJson()) as Array<{ status: string }>;
    expect(orders).toHaveLength(300);
    expect(orders.filter((order) => order.status === 'failed')).toHaveLength(5);
  });
});
