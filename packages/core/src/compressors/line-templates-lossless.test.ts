import { generateLog } from '@sharedcontext-internal/test-utils';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compress } from '../compress.ts';
import { InvalidArgumentError } from '../errors/index.ts';
import { tiktokenTokenizer } from '../tokenizer/index.ts';
import {
  decodeLineTemplates,
  encodeLineTemplates,
} from './line-templates-lossless.ts';

const o200k = tiktokenTokenizer('o200k_base');
beforeAll(() => o200k.load());

describe('encodeLineTemplates / decodeLineTemplates', () => {
  it('gives any text back byte for byte', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom('INFO', 'E', '  ', '\t', '=', '@1', '@2:', '‹'),
            fc.string(),
            fc.integer().map(String),
          ),
          { maxLength: 60 },
        ),
        fc.constantFrom(' ', '\n', '\r\n', '  '),
        (parts, separator) => {
          const text = parts.join(separator);
          const encoded = encodeLineTemplates(text);
          if (encoded !== undefined)
            expect(decodeLineTemplates(encoded)).toBe(text);
        },
      ),
      { numRuns: 300, seed: 16 },
    );
  });

  it('gives generated logs back byte for byte, smaller', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { content } = generateLog(seed, { lines: 400 });
      const encoded = encodeLineTemplates(`${content}\n`)!;
      expect(decodeLineTemplates(encoded)).toBe(`${content}\n`);
    }
  });

  it('rejects text that is not an encoding with a typed error', () => {
    expect(() => decodeLineTemplates('hello')).toThrow(InvalidArgumentError);
    const encoded = encodeLineTemplates('a 1\na 2')!;
    expect(() => decodeLineTemplates(`${encoded}\n@9 1`)).toThrow(
      InvalidArgumentError,
    );
  });
});

describe('logCompressor with lossless', () => {
  it('re-encodes a repetitive log as templates plus variables, drops nothing and writes no marker', async () => {
    const content = Array.from(
      { length: 800 },
      (_, i) =>
        `2026-03-04T10:${String(i % 60).padStart(2, '0')}:00Z INFO worker-${i % 7} served request ${1000 + i} in ${i % 90}ms`,
    ).join('\n');
    const result = await compress(content, {
      tokenizer: o200k,
      lossless: true,
      minTokens: 0,
    });
    expect(result.transforms, result.transforms.join()).toContain(
      'log:lossless-templates',
    );
    expect(result.spans).toEqual([]);
    expect(result.compressedTokens).toBeLessThan(result.originalTokens);
    expect(decodeLineTemplates(result.compressed)).toBe(content);
  });

  it('leaves a log without repeated templates unchanged', async () => {
    const content = Array.from(
      { length: 80 },
      (_, i) => `event ${String.fromCharCode(97 + (i % 26)).repeat(1 + i)}`,
    ).join('\n');
    const result = await compress(content, {
      tokenizer: o200k,
      lossless: true,
      minTokens: 0,
      contentType: 'log',
    });
    expect(result.compressed).toBe(content);
  });
});
