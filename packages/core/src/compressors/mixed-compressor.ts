import { type MixedSection, splitMixedSections } from '../detect/index.ts';
import type { MarkerSink } from '../retrieval/index.ts';
import { assertOptions } from '../util/validate.ts';
import type {
  Compressor,
  CompressorInput,
  CompressorResult,
} from './compressor.ts';

/** Options of {@link mixedCompressor}. */
export interface MixedCompressorOptions {
  /**
   * Sections shorter than this many characters are kept verbatim: a marker
   * or table header would cost more than they hold. @default 200
   */
  minPartChars?: number;
}

interface Part {
  /** Verbatim text before the part (fence line) and after it (closing fence). */
  before: string;
  body: string;
  after: string;
  offset: number;
  compress: boolean;
}

function partsOf(
  content: string,
  sections: readonly MixedSection[],
  minPartChars: number,
): Part[] {
  return sections.map((section) => {
    const body = content.slice(section.bodyStart, section.bodyEnd);
    return {
      before: content.slice(section.start, section.bodyStart),
      body,
      after: content.slice(section.bodyEnd, section.end),
      offset: section.bodyStart,
      compress: body.trim().length >= minPartChars,
    };
  });
}

/**
 * A part's compressor records ranges into the part; retrieval reads the
 * whole original, so shift the new spans by the part's offset.
 */
function shiftSpans(markers: MarkerSink, from: number, offset: number): void {
  for (const span of markers.spans.slice(from)) {
    if (span.ranges)
      span.ranges = span.ranges.map(([start, end]) => [
        start + offset,
        end + offset,
      ]);
  }
}

/**
 * Mixed content (prose with fenced code or data blocks, bare JSON blocks):
 * each section is detected and compressed on its own through
 * `compressPart`, and the sections are joined back with the original
 * separators, fence lines and blank lines byte for byte. Works on the
 * synchronous path (parts answer with strings) and the async one (parts
 * may answer with promises; they run one after another so their markers
 * stay in order). See docs/compressors/mixed.md.
 */
export function mixedCompressor(
  options: MixedCompressorOptions = {},
): Compressor {
  assertOptions(options);
  const { minPartChars = 200 } = options;
  return {
    specificationVersion: 'v1',
    name: 'mixed',
    contentTypes: ['mixed'],
    compress(input: CompressorInput) {
      const { content, markers } = input;
      const firstSpan = markers.spans.length;
      const parts = partsOf(content, splitMixedSections(content), minPartChars);
      const outputs: string[] = [];
      const finish = (): CompressorResult => {
        const changed = parts.filter(
          (part, index) => outputs[index] !== part.body,
        ).length;
        return {
          output: parts
            .map((part, index) => part.before + outputs[index] + part.after)
            .join(''),
          lossless: markers.spans.length === firstSpan,
          labels: [`mixed:sections(${parts.length},${changed} compressed)`],
        };
      };
      for (let index = 0; index < parts.length; index++) {
        const part = parts[index]!;
        if (!part.compress) {
          outputs.push(part.body);
          continue;
        }
        const mark = markers.spans.length;
        const result = input.compressPart(part.body);
        if (typeof result !== 'string')
          return continueAsync(result, index, mark);
        shiftSpans(markers, mark, part.offset);
        outputs.push(result);
      }
      return finish();

      async function continueAsync(
        pending: Promise<string>,
        from: number,
        pendingMark: number,
      ): Promise<CompressorResult> {
        for (let index = from; index < parts.length; index++) {
          const part = parts[index]!;
          if (!part.compress) {
            outputs.push(part.body);
            continue;
          }
          const mark = index === from ? pendingMark : markers.spans.length;
          const result = await (index === from
            ? pending
            : input.compressPart(part.body));
          shiftSpans(markers, mark, part.offset);
          outputs.push(result);
        }
        return finish();
      }
    },
  };
}
