import { createMarkerSink, tokenizerForModel } from '@sharedcontext/core';
import {
  ordinaryText,
  pathologicalInputs,
} from '@sharedcontext-internal/test-utils';
import { describe, expect, it } from 'vitest';
import { codeCompressor } from './code-compressor.ts';
import { guessLanguage } from './guess-language.ts';

// Issue 15: language guessing and code compression stay linear on hostile
// layouts. No wall-clock bound: each run is compared with one tokenizer
// pass over ordinary text of the same size, measured in the same test.
const RATIO = 60;
const tokenizer = tokenizerForModel('gpt-4o');

async function elapsed(run: () => unknown): Promise<number> {
  const start = performance.now();
  try {
    await run();
  } catch {
    // Refusing odd content is fine; only the time matters.
  }
  return performance.now() - start;
}

describe('issue 15: compressor-code on hostile layouts', () => {
  it(`guessLanguage and codeCompressor stay within ${RATIO}x one tokenizer pass`, async () => {
    await tokenizer.load();
    const compressor = codeCompressor();
    await compressor.prepare?.();
    const ratios: Array<[number, string]> = [];
    for (const { name, text } of pathologicalInputs({ seed: 3 })) {
      const pass = Math.min(
        await elapsed(() => tokenizer.count(ordinaryText(3, text.length))),
        await elapsed(() => tokenizer.count(ordinaryText(4, text.length))),
      );
      ratios.push([
        (await elapsed(() => guessLanguage(text))) / pass,
        `guessLanguage on ${name}`,
      ]);
      ratios.push([
        (await elapsed(() =>
          compressor.compress({
            content: text,
            contentType: 'code',
            detection: { contentType: 'code', confidence: 1 },
            tokenizer,
            markers: createMarkerSink('k'),
            compressPart: (part) => part,
          }),
        )) / pass,
        `codeCompressor on ${name}`,
      ]);
    }
    ratios.sort((a, b) => b[0] - a[0]);
    expect(ratios.filter(([ratio]) => ratio > RATIO)).toEqual([]);
  }, 600_000);
});
