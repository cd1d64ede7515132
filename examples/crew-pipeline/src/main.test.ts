import { describe, expect, it } from 'vitest';
import { ordersJson, serviceLog } from './generate.ts';
import { main } from './main.ts';

describe('crew-pipeline example', () => {
  it('hands the writer both results compressed and keeps the originals', async () => {
    const summary = await main({ print: false });
    const [logEntry, ordersEntry] = summary.entries;

    expect(summary.result).toBe('Incident: one payment timeout at 09:13.');
    expect(logEntry!.original).toBe(summary.originals.log);
    expect(ordersEntry!.original).toBe(summary.originals.orders);
    expect(summary.savingsPercent).toBeGreaterThan(0);
    expect(ordersEntry!.compressedTokens).toBeLessThan(
      ordersEntry!.originalTokens,
    );
    expect(summary.writerReceived).toContain(ordersEntry!.compressed);
    expect(summary.writerReceived).not.toContain(summary.originals.orders);
    const logHanded =
      logEntry!.compressedTokens < logEntry!.originalTokens
        ? logEntry!.compressed
        : summary.originals.log;
    expect(summary.writerReceived).toContain(logHanded);
  });

  it('keeps the lines and rows the writer looks for in view', async () => {
    const summary = await main({ print: false });
    expect(summary.writerReceived).toContain('ERROR [payments] charge failed');
    expect(summary.writerReceived).toContain('ord_100011');
  });

  it('generates the same payloads every run', () => {
    expect(serviceLog()).toBe(serviceLog());
    expect(ordersJson()).toBe(ordersJson());
    expect(serviceLog().split('\n')).toHaveLength(1_200);
  });
});
