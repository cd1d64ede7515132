import { assertOptions } from '../util/validate.ts';
import type { Compressor, CompressorInput } from './compressor.ts';
import { extractText } from './html-extract.ts';

/** Options of {@link htmlCompressor}. */
export interface HtmlCompressorOptions {
  /** Render links as `[text](href)`; false keeps only their text. @default true */
  links?: boolean;
  /**
   * Drop `nav`, `header` banners, `footer`, `aside`, forms, and elements
   * whose role, class or id names navigation, cookie notices, ads or
   * sharing widgets. @default true
   */
  dropBoilerplate?: boolean;
  /**
   * End the text with one marker that retrieves the whole page (the
   * extraction is lossy; the original is stored either way). @default true
   */
  marker?: boolean;
}

/**
 * HTML: extracts the readable text (headings as `#`, paragraphs, lists,
 * tables as `| a | b |` rows, code blocks fenced, links as `[text](href)`)
 * and drops scripts, styles, comments, navigation, footers, sidebars and
 * other boilerplate. Lossy by design (labelled `html:extract`): the
 * original page is kept by SharedContext, and one marker at the end
 * retrieves it. A small tolerant tokenizer, no DOM library.
 *
 * @example
 * await compress(pageHtml, { contentType: 'html' });
 */
export function htmlCompressor(
  options: HtmlCompressorOptions = {},
): Compressor {
  assertOptions(options);
  const { marker = true } = options;
  return {
    specificationVersion: 'v1',
    name: 'html',
    contentTypes: ['html'],
    compress(input: CompressorInput) {
      input.signal?.throwIfAborted();
      const text = extractText(input.content, options);
      if (text.length === 0)
        return { output: '', lossless: false, labels: ['html:empty'] };
      const tail = marker
        ? `\n\n${input.markers.drop({ summary: 'page markup omitted', ranges: [[0, input.content.length]] })}`
        : '';
      return {
        output: `${text}${tail}`,
        lossless: false,
        labels: ['html:extract'],
      };
    },
  };
}
