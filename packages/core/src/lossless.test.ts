import { describe, expect, it } from 'vitest';
import { compress, compressSync, prepare } from './compress.ts';
import type { Compressor } from './compressors/index.ts';
import { decodeJson, defaultCompressors } from './compressors/index.ts';
import { InvalidArgumentError } from './errors/index.ts';
import { SharedContext } from './shared-context.ts';

const WORDS =
  'cache token retry worker queue shard latency deploy rollback index schema replica'.split(
    ' ',
  );
// 200 records, each with text of its own: the default path samples them
// (markers), lossless must not.
const RECORDS = JSON.stringify(
  Array.from({ length: 200 }, (_, i) => ({
    id: i,
    service: `svc-${i % 7}`,
    status: i % 17 === 0 ? 'failed' : 'ok',
    latencyMs: 20 + ((i * 37) % 90),
    note: Array.from(
      { length: 8 },
      (_, k) => WORDS[(i * 31 + k * 17 + ((i * k) % 7)) % WORDS.length],
    ).join(' '),
  })),
);

// A compressor that always drops half the content.
const halver: Compressor = {
  specificationVersion: 'v1',
  name: 'halver',
  contentTypes: ['json', 'text', 'log'],
  compress: ({ content }) => ({
    output: content.slice(0, content.length / 2),
    lossless: false,
  }),
};

describe('lossless option', () => {
  it('compress: the default path samples, lossless keeps every record with no marker', async () => {
    const lossy = await compress(RECORDS);
    expect(lossy.spans.length).toBeGreaterThan(0);
    const lossless = await compress(RECORDS, { lossless: true });
    expect(lossless.spans).toEqual([]);
    expect(lossless.compressed).not.toContain('sc:');
    expect(lossless.compressedTokens).toBeLessThan(lossless.originalTokens);
    expect(decodeJson(lossless.compressed)).toEqual(JSON.parse(RECORDS));
    expect(lossless.transforms.join(' ')).not.toContain('sample');
  });

  it('discards a lossy result and tries the next compressor', async () => {
    const compressors = [halver, ...defaultCompressors()];
    const dropped = await compress(RECORDS, { compressors });
    expect(dropped.transforms).toContain('halver');
    const kept = await compress(RECORDS, { compressors, lossless: true });
    expect(kept.transforms).toContain('halver:rejected(lossy)');
    expect(kept.transforms.join(' ')).toContain('json:');
    expect(kept.spans).toEqual([]);
  });

  it('leaves content unchanged when only lossy compressors apply', async () => {
    const text = Array.from(
      { length: 80 },
      (_, i) =>
        `Paragraph ${i} explains a different point about topic ${i * 7}.`,
    ).join('\n');
    const result = await compress(text, {
      compressors: [halver],
      lossless: true,
    });
    expect(result.compressed).toBe(text);
    expect(result.transforms).toContain('halver:rejected(lossy)');
  });

  it('compressSync honours it too', async () => {
    await prepare();
    const result = compressSync(RECORDS, { lossless: true });
    expect(result.spans).toEqual([]);
    expect(result.compressed).not.toContain('sc:');
  });

  it('rejects a non-boolean with InvalidArgumentError naming the option', async () => {
    await expect(
      compress(RECORDS, { lossless: 'yes' as unknown as boolean }),
    ).rejects.toSatisfy(
      (error) =>
        InvalidArgumentError.isInstance(error) &&
        error.parameter === 'lossless',
    );
    expect(
      () => new SharedContext({ lossless: 1 as unknown as boolean }),
    ).toThrow(InvalidArgumentError);
    const ctx = new SharedContext();
    await expect(
      ctx.put('k', RECORDS, { lossless: null as unknown as boolean }),
    ).rejects.toSatisfy(
      (error) =>
        InvalidArgumentError.isInstance(error) &&
        error.parameter === 'lossless',
    );
  });
});

describe('SharedContext lossless', () => {
  it('is a per-context default that put overrides', async () => {
    const ctx = new SharedContext({ lossless: true });
    const kept = await ctx.put('all', RECORDS);
    expect(kept.spans).toEqual([]);
    const sampled = await ctx.put('sampled', RECORDS, { lossless: false });
    expect(sampled.spans.length).toBeGreaterThan(0);
    expect(await ctx.get('all', { full: true })).toBe(RECORDS);
  });

  it('a default context is lossy unless put asks', async () => {
    const ctx = new SharedContext();
    expect((await ctx.put('a', RECORDS)).spans.length).toBeGreaterThan(0);
    expect((await ctx.put('b', RECORDS, { lossless: true })).spans).toEqual([]);
  });

  it('putSync honours the default and the override', async () => {
    const ctx = new SharedContext({ lossless: true });
    await ctx.ready();
    expect(ctx.putSync('a', RECORDS).spans).toEqual([]);
    expect(
      ctx.putSync('b', RECORDS, { lossless: false }).spans.length,
    ).toBeGreaterThan(0);
  });
});
