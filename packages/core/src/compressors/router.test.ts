import { describe, expect, it } from 'vitest';
import { compress } from '../compress.ts';
import type { ContentDetector } from '../detect/index.ts';
import { InvalidArgumentError } from '../errors/index.ts';
import { SharedContext } from '../shared-context.ts';
import { estimateTokenizer } from '../tokenizer/index.ts';
import type { ContentType } from '../types.ts';
import type { Compressor } from './compressor.ts';
import { createRouter } from './router.ts';
import { textCompressor } from './text-compressor.ts';

const tokenizer = estimateTokenizer({ name: 'estimate' });
const CONTENT = Array.from(
  { length: 80 },
  (_, i) => `line ${i} of a service that reports its state now and then`,
).join('\n');

/** 60 lines, each a template of its own: the line templates cannot shrink it. */
function distinctLog(level: string, outcome: string): string {
  const words = 'disk cache queue socket lease shard buffer policy'.split(' ');
  return Array.from(
    { length: 60 },
    (_, i) =>
      `2026-03-04T10:${String(i).padStart(2, '0')}:00Z ${level} ${Array.from({ length: i + 2 }, (_, j) => words[(i * 7 + j * 3) % words.length]).join(' ')} ${outcome}`,
  ).join('\n');
}

function detector(name: string, contentType: ContentType, confidence: number) {
  return {
    name,
    detect: () => ({ contentType, confidence }),
  } satisfies ContentDetector;
}

/** Keeps the first `keep` characters and drops the rest behind a marker. */
function cutting(name: string, type: ContentType, keep: number): Compressor {
  return {
    specificationVersion: 'v1',
    name,
    contentTypes: [type],
    compress({ content, markers }) {
      const marker = markers.drop({
        summary: `${name} tail`,
        ranges: [[keep, content.length]],
      });
      return {
        output: `${content.slice(0, keep)}\n${marker}`,
        lossless: false,
        labels: [`${name}:cut`],
      };
    },
  };
}

const rejecting: Compressor = {
  specificationVersion: 'v1',
  name: 'search',
  contentTypes: ['search'],
  compress: ({ content }) => ({ output: content, lossless: true }),
};

const throwing: Compressor = {
  specificationVersion: 'v1',
  name: 'search',
  contentTypes: ['search'],
  compress() {
    throw new Error('no path column');
  },
};

describe('createRouter', () => {
  it('moves on to the next candidate when the detected type is rejected, and labels the path', async () => {
    const result = await compress(CONTENT, {
      tokenizer,
      minTokens: 0,
      detectors: [detector('s', 'search', 0.9), detector('l', 'log', 0.7)],
      compressors: [rejecting, cutting('log', 'log', 200)],
    });
    expect(result.transforms).toEqual([
      expect.stringMatching(/^router:log:0\.\d\d$/),
      'search:rejected(1.00)',
      'log:cut',
    ]);
    expect(result.contentType).toBe('log');
    expect(result.compressed.startsWith(CONTENT.slice(0, 200))).toBe(true);
  });

  it('falls back to the listed text compressor when every candidate is rejected', async () => {
    const refusingLog: Compressor = {
      ...rejecting,
      name: 'log',
      contentTypes: ['log'],
    };
    const result = await compress(CONTENT, {
      tokenizer,
      minTokens: 0,
      detectors: [detector('l', 'log', 1)],
      compressors: [refusingLog, cutting('text', 'text', 300)],
    });
    expect(result.transforms.slice(1)).toEqual([
      'log:rejected(1.00)',
      'text:cut',
    ]);
    expect(result.contentType).toBe('text');
    // JSON and diffs never fall back to prose extraction: their rejection
    // passes the content through.
    const json = await compress(CONTENT, {
      tokenizer,
      minTokens: 0,
      detectors: [detector('j', 'json', 1)],
      compressors: [
        { ...rejecting, name: 'json', contentTypes: ['json'] },
        cutting('text', 'text', 300),
      ],
    });
    expect(json.transforms.slice(1)).toEqual(['json:rejected(1.00)']);
    expect(json.compressed).toBe(CONTENT);
  });

  it('hands a log its compressor rejects to the text compressor as the last resort', async () => {
    // No error or warning line: text is the last resort, not a passthrough.
    const log = distinctLog('INFO', 'settled');
    const ctx = new SharedContext({
      tokenizer,
      detectors: [detector('l', 'log', 1)],
      compressors: [
        { ...rejecting, name: 'log', contentTypes: ['log'] },
        textCompressor(),
      ],
    });
    const entry = await ctx.put('k', log);
    expect(entry.transforms.slice(1)).toEqual([
      'log:rejected(1.00)',
      'text:extract',
    ]);
    expect(entry.compressedTokens).toBeLessThan(entry.originalTokens);
    expect(await ctx.get('k', { full: true })).toBe(log);
  });

  it('passes a log through rather than let the text last resort drop an error line', async () => {
    // The same log, every line an error: prose extraction would drop some.
    const log = distinctLog('ERROR', 'failed');
    const ctx = new SharedContext({ tokenizer });
    const entry = await ctx.put('k', log);
    expect(entry.transforms.slice(1)).toEqual([
      'log:rejected(1.00)',
      'text:rejected(drops an error or warning line)',
    ]);
    expect(entry.compressed).toBe(log);
    // A short log forced to `log` whose one error line prose would drop.
    const short = 'INFO iteration 1\nERROR error 1\nWARN warn 1\nINFO done 1';
    const result = await compress(short, {
      tokenizer,
      minTokens: 0,
      key: 'fx',
      contentType: 'log',
    });
    expect(result.compressed).toBe(short);
    expect(result.transforms.at(-1)).toBe(
      'text:rejected(drops an error or warning line)',
    );
  });

  it('labels a thrown failure and still stores the original', async () => {
    const ctx = new SharedContext({
      tokenizer,
      minTokens: 0,
      detectors: [detector('s', 'search', 0.9), detector('l', 'log', 0.7)],
      compressors: [throwing, cutting('log', 'log', 300)],
    });
    const entry = await ctx.put('k', CONTENT);
    expect(entry.transforms).toContain('search:failed(no path column)');
    expect(entry.transforms.at(-1)).toBe('log:cut');
    expect(await ctx.get('k', { full: true })).toBe(CONTENT);
  });

  it('takes the first answer of a confident detection without trying the runners-up', async () => {
    const result = await compress(CONTENT, {
      tokenizer,
      minTokens: 0,
      detectors: [detector('s', 'search', 0.9), detector('c', 'code', 0.8)],
      compressors: [
        cutting('search', 'search', 900),
        cutting('code', 'code', 100),
      ],
    });
    expect(result.transforms.slice(1)).toEqual(['search:cut']);
    expect(result.contentType).toBe('search');
  });

  it("lets a weak answer's runners-up try, but never a diff's or a JSON document's", async () => {
    // CONTENT is about 5,000 characters: keeping 4,000 saves too little.
    const weak = (type: ContentType) =>
      compress(CONTENT, {
        tokenizer,
        minTokens: 0,
        detectors: [detector('t', type, 0.9), detector('l', 'log', 0.8)],
        compressors: [cutting(type, type, 4000), cutting('log', 'log', 100)],
      });
    expect((await weak('search')).contentType).toBe('log');
    for (const settled of ['json', 'diff'] as const) {
      const result = await weak(settled);
      expect(result.contentType).toBe(settled);
      expect(result.transforms.slice(1)).toEqual([`${settled}:cut`]);
    }
  });

  it("never lets a runner-up's prose extract replace a confident type's answer", async () => {
    // A code compressor that fell back to prose extraction, and text itself.
    const degraded: Compressor = {
      ...cutting('code', 'code', 100),
      compress: (input) => ({
        ...(cutting('code', 'code', 100).compress(input) as object),
        labels: ['code:unknown-language→text', 'text:extract'],
      }),
    } as Compressor;
    const result = await compress(CONTENT, {
      tokenizer,
      minTokens: 0,
      detectors: [detector('s', 'search', 0.9), detector('c', 'code', 0.8)],
      compressors: [cutting('search', 'search', 4000), degraded],
    });
    expect(result.contentType).toBe('search');
    expect(result.transforms.slice(1)).toEqual([
      'search:cut',
      'code:rejected(a prose extract after a search answer)',
    ]);
  });

  it('keeps the smallest of text and its hints, names the larger one, and keeps only the winner’s markers', async () => {
    const ctx = new SharedContext({
      tokenizer,
      minTokens: 0,
      detectors: [detector('l', 'log', 0.45)],
      compressors: [cutting('log', 'log', 100), cutting('text', 'text', 900)],
    });
    const entry = await ctx.put('k', CONTENT);
    expect(entry.transforms.slice(1)).toEqual([
      'log:cut',
      expect.stringMatching(/^text:larger\(0\.\d\d\)$/),
    ]);
    expect(entry.contentType).toBe('log');
    expect(entry.compressed).toBe(
      `${CONTENT.slice(0, 100)}\n[… log tail · sc:k#1 …]`,
    );
    expect(entry.spans).toHaveLength(1);
    expect(await ctx.retrieve('k', { marker: 'sc:k#1' })).toBe(
      CONTENT.slice(100),
    );
  });

  it('tries hints scoring under the acceptance score only for text, before the text compressor', async () => {
    const text = cutting('text', 'text', 600);
    const hinted = await compress(CONTENT, {
      tokenizer,
      minTokens: 0,
      detectors: [detector('l', 'log', 0.4)],
      compressors: [cutting('log', 'log', 100), text],
    });
    expect(hinted.contentType).toBe('log');
    expect(hinted.transforms.slice(1)).toEqual([
      'log:cut',
      expect.stringMatching(/^text:larger/),
    ]);
    // The same weak hint never follows a confident detection.
    const confident = await compress(CONTENT, {
      tokenizer,
      minTokens: 0,
      detectors: [detector('j', 'json', 1), detector('l', 'log', 0.4)],
      compressors: [cutting('json', 'json', 900), cutting('log', 'log', 100)],
    });
    expect(confident.transforms.slice(1)).toEqual(['json:cut']);
  });

  it('runs a compressor that serves several candidate types once per input', async () => {
    let calls = 0;
    const both: Compressor = {
      ...cutting('both', 'log', 100),
      contentTypes: ['log', 'text'],
      compress(input) {
        calls++;
        return cutting('both', 'log', 100).compress(input);
      },
    };
    const result = await compress(CONTENT, {
      tokenizer,
      minTokens: 0,
      detectors: [detector('l', 'log', 0.4)],
      compressors: [both],
    });
    expect(calls).toBe(1);
    expect(result.transforms.slice(1)).toEqual(['both:cut']);
  });

  it('tries at most maxCandidates types', () => {
    const router = createRouter({ maxCandidates: 2 });
    expect(
      router.candidateTypes({
        contentType: 'search',
        detection: {
          contentType: 'search',
          confidence: 0.9,
          alternatives: [
            { contentType: 'log', confidence: 0.8 },
            { contentType: 'code', confidence: 0.7 },
          ],
        },
      }),
    ).toEqual(['search', 'log']);
    expect(
      router.candidateTypes({
        contentType: 'text',
        detection: {
          contentType: 'text',
          confidence: 0.5,
          alternatives: [
            { contentType: 'log', confidence: 0.4 },
            { contentType: 'search', confidence: 0.3 },
          ],
        },
      }),
    ).toEqual(['log', 'text']);
    expect(() => createRouter({ maxCandidates: 0 })).toThrow(
      InvalidArgumentError,
    );
  });

  it('passes content through, labelled, when every candidate fails', async () => {
    const result = await compress(CONTENT, {
      tokenizer,
      minTokens: 0,
      detectors: [detector('s', 'search', 0.9)],
      compressors: [throwing],
    });
    expect(result.compressed).toBe(CONTENT);
    expect(result.transforms).toContain('search:failed(no path column)');
  });

  it('survives a detector that throws', async () => {
    const broken: ContentDetector = {
      name: 'broken',
      detect() {
        throw new Error('bad regex');
      },
    };
    const result = await compress(CONTENT, {
      tokenizer,
      minTokens: 0,
      detectors: [broken, detector('l', 'log', 0.7)],
      compressors: [cutting('log', 'log', 100)],
    });
    expect(result.contentType).toBe('log');
  });
});
