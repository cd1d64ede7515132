import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/index.ts';
import { SharedContext } from '../shared-context.ts';
import {
  COMPRESSION_END,
  type CompressionEndEvent,
  type CompressionEvent,
} from './compression-event.ts';

const LOG = Array.from(
  { length: 300 },
  (_, index) =>
    `2026-01-05T03:${String(index % 60).padStart(2, '0')}:00Z INFO [worker-${index % 4}] flushed batch id=${(index * 7919).toString(16)} took=${index % 90}ms`,
).join('\n');

describe('compression-end', () => {
  it('fires once per put, through onCompress and the event target, with the entry numbers', async () => {
    const fromOption: CompressionEvent[] = [];
    const fromTarget: CompressionEvent[] = [];
    const ctx = new SharedContext({
      onCompress: (event) => fromOption.push(event),
    });
    ctx.addEventListener(COMPRESSION_END, (event: CompressionEndEvent) =>
      fromTarget.push(event.detail),
    );
    const entry = await ctx.put('logs', LOG, {
      agent: 'fetcher',
      tool: 'fetch_logs',
    });
    expect(fromOption).toHaveLength(1);
    expect(fromTarget).toEqual(fromOption);
    const [event] = fromOption;
    expect(event).toEqual({
      key: 'logs',
      agent: 'fetcher',
      tool: 'fetch_logs',
      originalTokens: entry.originalTokens,
      compressedTokens: entry.compressedTokens,
      ms: expect.any(Number),
      transforms: entry.transforms,
    });
    expect(event!.compressedTokens).toBeLessThan(event!.originalTokens);
    expect(event!.ms).toBeGreaterThanOrEqual(0);
  });

  it('fires for putSync and for content that passes through, without agent or tool when not given', async () => {
    const events: CompressionEvent[] = [];
    const ctx = new SharedContext({
      onCompress: (event) => events.push(event),
    });
    await ctx.ready();
    ctx.putSync('small', 'short note');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ key: 'small' });
    expect(events[0]).not.toHaveProperty('agent');
    expect(events[0]).not.toHaveProperty('tool');
    expect(events[0]!.compressedTokens).toBe(events[0]!.originalTokens);
  });

  it("carries the context's namespace when it has one", async () => {
    const events: CompressionEvent[] = [];
    const ctx = new SharedContext({
      namespace: 'tenant-a',
      onCompress: (event) => events.push(event),
    });
    await ctx.put('k', 'v');
    expect(events[0]).toMatchObject({ key: 'k', namespace: 'tenant-a' });
  });

  it('stops after removeEventListener', async () => {
    const ctx = new SharedContext();
    let calls = 0;
    const listener = () => {
      calls++;
    };
    ctx.addEventListener(COMPRESSION_END, listener);
    await ctx.put('a', 'one');
    ctx.removeEventListener(COMPRESSION_END, listener);
    await ctx.put('b', 'two');
    expect(calls).toBe(1);
  });

  it('propagates an onCompress error after the entry is written', async () => {
    const ctx = new SharedContext({
      onCompress: () => {
        throw new Error('exporter down');
      },
    });
    await expect(ctx.put('kept', 'text')).rejects.toThrow('exporter down');
    expect(await ctx.get('kept', { full: true })).toBe('text');
  });

  it('refuses an onCompress that is not a function and a tool that is not a string', async () => {
    expect(
      () =>
        new SharedContext({
          onCompress: 'log' as unknown as () => void,
        }),
    ).toThrow(expect.objectContaining({ parameter: 'onCompress' }));
    const ctx = new SharedContext();
    await expect(
      ctx.put('k', 'v', { tool: 3 as unknown as string }),
    ).rejects.toSatisfy(InvalidArgumentError.isInstance);
  });
});
