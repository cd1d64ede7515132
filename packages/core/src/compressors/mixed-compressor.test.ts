import { beforeAll, describe, expect, it } from 'vitest';
import { compress, compressSync, prepare } from '../compress.ts';
import { detectContentType } from '../detect/index.ts';
import { createMarkerSink, spanText } from '../retrieval/index.ts';
import { SharedContext } from '../shared-context.ts';
import { tiktokenTokenizer } from '../tokenizer/index.ts';
import type { CompressorResult } from './compressor.ts';
import { mixedCompressor } from './mixed-compressor.ts';

const records = Array.from({ length: 300 }, (_, i) => ({
  id: i,
  host: `web-${i % 4}`,
  status: i === 41 ? 'error' : 'ok',
  latencyMs: 30 + ((i * 13) % 40),
}));
const json = JSON.stringify(records, null, 2);
const intro =
  'The nightly job reported the following results from the health checks across every host:';
const outro =
  'Please summarise which host failed and why, then suggest what we should look at next.';
const content = `${intro}\n\n\`\`\`json\n${json}\n\`\`\`\n\n${outro}\n`;

beforeAll(() => prepare({ model: 'gpt-4o' }));

describe('mixedCompressor', () => {
  it('compresses the fenced JSON block and keeps prose, fences and separators byte for byte', async () => {
    expect(detectContentType(content).contentType).toBe('mixed');
    const result = await compress(content, { model: 'gpt-4o' });
    expect(result.contentType).toBe('mixed');
    expect(result.transforms).toContain('mixed:sections(3,1 compressed)');
    expect(
      result.compressed.startsWith(`${intro}\n\n\`\`\`json\n[300 items,`),
    ).toBe(true);
    expect(result.compressed.endsWith(`\n\`\`\`\n\n${outro}\n`)).toBe(true);
    expect(result.compressed).toContain('41,41,web-1,error,');
    expect(result.compressedTokens).toBeLessThan(result.originalTokens * 0.5);
  });

  it('works on the synchronous path, with markers that point into the whole original', () => {
    const result = compressSync(content, { model: 'gpt-4o', key: 'job' });
    expect(result.contentType).toBe('mixed');
    expect(result.spans.length).toBeGreaterThan(0);
    for (const span of result.spans) {
      const text = spanText(content, span);
      // Runs of pretty-printed items, joined by newlines: rejoin them with commas.
      const items = JSON.parse(
        `[${text.replace(/\}\n\s*\{/g, '},{')}]`,
      ) as Array<{ id: number }>;
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) expect(records[item.id]).toEqual(item);
    }
  });

  it('resolves a marker copied from the compressed text through SharedContext', async () => {
    const ctx = new SharedContext({ model: 'gpt-4o' });
    const entry = await ctx.put('job', content);
    const marker = entry.compressed
      .split('\n')
      .find((line) => line.includes('sc:job#'))!;
    expect(marker).toBeDefined();
    const retrieved = await ctx.retrieve('job', { marker });
    expect(retrieved).not.toBeNull();
    expect(content).toContain(retrieved!.split('\n')[0]!);
    expect(retrieved).toContain('"host": "web-');
  });

  it('awaits parts that answer with promises, in order', async () => {
    const tokenizer = tiktokenTokenizer('o200k_base');
    await tokenizer.load();
    const parts: string[] = [];
    const pending = mixedCompressor({ minPartChars: 10 }).compress({
      content,
      contentType: 'mixed',
      detection: detectContentType(content),
      tokenizer,
      markers: createMarkerSink('k'),
      compressPart: async (part) => {
        parts.push(part);
        return part.length > 1000 ? '[json elided]' : part;
      },
    });
    expect(pending).toBeInstanceOf(Promise);
    const result = (await pending) as CompressorResult;
    expect(parts).toEqual([`${intro}\n\n`, json, `\n\n${outro}\n`]);
    expect(result.output).toBe(
      `${intro}\n\n\`\`\`json\n[json elided]\n\`\`\`\n\n${outro}\n`,
    );
  });

  it('returns the content unchanged when no part changes', () => {
    const tokenizer = tiktokenTokenizer('o200k_base');
    const result = mixedCompressor({ minPartChars: 1 }).compress({
      content,
      contentType: 'mixed',
      detection: detectContentType(content),
      tokenizer,
      markers: createMarkerSink('k'),
      compressPart: (part) => part,
    }) as CompressorResult;
    expect(result.output).toBe(content);
    expect(result.lossless).toBe(true);
  });
});
