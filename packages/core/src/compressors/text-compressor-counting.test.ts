import { type Draw, seededRandom } from '@sharedcontext-internal/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { compressSync } from '../compress.ts';
import { tiktokenTokenizer } from '../tokenizer/index.ts';
import { COUNT_PIECES, countPieces } from '../tokenizer/token-pieces.ts';
import type { Tokenizer } from '../tokenizer/tokenizer.ts';

const o200k = tiktokenTokenizer('o200k_base');
const cl100k = tiktokenTokenizer('cl100k_base');
beforeAll(() => Promise.all([o200k.load(), cl100k.load()]));

/** `inner`, recording every text it is asked to count in full, either way. */
function spy(inner: Tokenizer): { tokenizer: Tokenizer; counted: string[] } {
  const counted: string[] = [];
  const tokenizer = {
    name: inner.name,
    exact: true,
    get loaded() {
      return inner.loaded;
    },
    load: () => inner.load(),
    count(text: string) {
      counted.push(text);
      return inner.count(text);
    },
    // The pipeline's counting wrapper counts new text with the pieces too.
    [COUNT_PIECES]: (text: string) => {
      counted.push(text);
      return countPieces(inner, text);
    },
  } as Tokenizer;
  return { tokenizer, counted };
}

const WORDS =
  'cache query key stale fetch invalidate mutation server client render data the a of to and with when'.split(
    ' ',
  );

/** A Markdown page drawn from `draw`: headings, paragraphs, lists, quotes, fences, odd spacing. */
function page(draw: Draw): string {
  const word = () => WORDS[Math.floor(draw() * WORDS.length)]!;
  const sentence = () => {
    const words = Array.from({ length: 4 + Math.floor(draw() * 12) }, word);
    words[0] = words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1);
    if (draw() < 0.3) words.splice(2, 0, `\`${word()}Key\``);
    if (draw() < 0.2) words.push(String(Math.floor(draw() * 10_000)));
    return `${words.join(' ')}${draw() < 0.8 ? '.' : draw() < 0.5 ? '!' : '?'}`;
  };
  const blocks: string[] = [];
  const count = 6 + Math.floor(draw() * 20);
  for (let i = 0; i < count; i++) {
    const kind = draw();
    const gap = draw() < 0.1 ? '  ' : ' ';
    if (kind < 0.15)
      blocks.push(
        `${'#'.repeat(1 + Math.floor(draw() * 3))} ${word()} ${word()}`,
      );
    else if (kind < 0.3)
      blocks.push(
        [
          '```ts',
          `const ${word()} = useQuery({ queryKey: ['${word()}'] })`,
          `// ${sentence()}`,
          '```',
        ].join('\n'),
      );
    else if (kind < 0.45)
      blocks.push(
        Array.from(
          { length: 2 + Math.floor(draw() * 4) },
          () =>
            `${draw() < 0.5 ? '-' : '  *'} ${sentence()}${gap}${sentence()}`,
        ).join('\n'),
      );
    else if (kind < 0.5) blocks.push(`> ${sentence()} ${sentence()}`);
    else if (kind < 0.55) blocks.push(`/${word()}/${word()} ${sentence()}`);
    else
      blocks.push(
        Array.from({ length: 2 + Math.floor(draw() * 5) }, sentence).join(gap),
      );
  }
  const separator = draw() < 0.2 ? '\n\n\n' : draw() < 0.1 ? '\n \n' : '\n\n';
  return blocks.join(separator);
}

describe('textCompressor counting its output from the input', () => {
  it('reports the exact count of every output, in both encodings', () => {
    for (const tokenizer of [o200k, cl100k])
      for (let seed = 1; seed <= 60; seed++) {
        const content = page(seededRandom(seed));
        for (const targetRatio of [0.5, 0.3]) {
          const result = compressSync(content, {
            tokenizer,
            contentType: 'text',
            targetRatio,
            minTokens: 0,
          });
          expect(result.compressedTokens).toBe(
            tokenizer.count(result.compressed),
          );
        }
      }
  });

  it('counts only markers and the few words around them, not the kept text', () => {
    const { tokenizer, counted } = spy(o200k);
    let content = '';
    for (let seed = 100; content.length < 6000; seed++)
      content += `${page(seededRandom(seed))}\n\n`;
    const result = compressSync(content, {
      tokenizer,
      contentType: 'text',
      minTokens: 0,
    });
    expect(result.transforms).toContain('text:extract');
    expect(result.compressedTokens).toBe(o200k.count(result.compressed));
    // The input was counted once, in the pipeline's one pass.
    expect(counted.filter((text) => text === content)).toHaveLength(1);
    // Markers are new text; of the rest, only words beside them are counted.
    const markers = /\[… [^\]]* …\]/g;
    const recounted = counted
      .filter((text) => text !== content)
      .reduce((sum, text) => sum + text.replace(markers, '').length, 0);
    const kept = result.compressed.replace(markers, '').length;
    expect(recounted).toBeLessThan(kept * 0.1);
  });
});
