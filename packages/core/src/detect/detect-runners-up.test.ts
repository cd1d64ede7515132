import {
  generateLog,
  generateSearchOutput,
  sampleJsonRecords,
} from '@sharedcontext-internal/test-utils';
import { describe, expect, it } from 'vitest';
import { defaultDetectors, detectContentType } from './detect-content-type.ts';
import type { ContentDetector } from './detection.ts';

/** The built-ins wrapped anew: detection runs every one and ranks eagerly. */
function eagerDetectors(): ContentDetector[] {
  return defaultDetectors().map((detector) => ({
    name: detector.name,
    detect: (content: string) => detector.detect(content),
  }));
}

const DIFF = [
  'diff --git a/src/a.ts b/src/a.ts',
  'index 1111111..2222222 100644',
  '--- a/src/a.ts',
  '+++ b/src/a.ts',
  '@@ -1,3 +1,3 @@',
  ' export const a = 1;',
  '-export const b = 2;',
  '+export const b = 3;',
  ' export const c = 4;',
].join('\n');

describe('detectContentType runners-up', () => {
  it('ranks the same answers whether the runners-up are read lazily or not', () => {
    const contents = [
      DIFF,
      sampleJsonRecords({ count: 40 }),
      ...[1, 2, 3].map((seed) => generateLog(seed, { lines: 300 }).content),
      ...[1, 2, 3].map((seed) => generateSearchOutput(seed).content),
      'Plain words in a sentence. Another sentence follows it here.',
    ];
    for (const content of contents)
      expect(detectContentType(content)).toEqual(
        detectContentType(content, { detectors: eagerDetectors() }),
      );
  });

  it('lets a later custom detector outrank a built-in top score', () => {
    const loud: ContentDetector = {
      name: 'loud',
      detect: () => ({ contentType: 'html', confidence: 2 }),
    };
    const detection = detectContentType(DIFF, {
      detectors: [...defaultDetectors(), loud],
    });
    expect(detection.contentType).toBe('html');
    expect(detection.alternatives?.[0]?.contentType).toBe('diff');
  });
});
