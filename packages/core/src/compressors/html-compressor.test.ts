import { beforeAll, describe, expect, it } from 'vitest';
import { compress } from '../compress.ts';
import { createMarkerSink, parseMarkers } from '../retrieval/index.ts';
import { SharedContext } from '../shared-context.ts';
import { tiktokenTokenizer } from '../tokenizer/index.ts';
import type { CompressorResult } from './compressor.ts';
import {
  type HtmlCompressorOptions,
  htmlCompressor,
} from './html-compressor.ts';
import { extractText } from './html-extract.ts';

const o200k = tiktokenTokenizer('o200k_base');
beforeAll(() => o200k.load());

function run(content: string, options: HtmlCompressorOptions = {}) {
  const markers = createMarkerSink('k');
  const result = htmlCompressor(options).compress({
    content,
    contentType: 'html',
    detection: { contentType: 'html', confidence: 1 },
    tokenizer: o200k,
    markers,
    compressPart: (part) => part,
  }) as CompressorResult;
  return { ...result, spans: markers.spans };
}

const PAGE = `<!DOCTYPE html>
<html><head><title>Query &amp; Cache</title>
<style>body { color: red }</style>
<script>var s = "</div>"; document.write('<p>nope</p>');</script></head>
<body>
<nav class="navbar"><a href="/">Home</a> <a href="/docs">Docs</a></nav>
<div class="cookie-banner">We use cookies</div>
<main><article>
<h1>Invalidation</h1>
<p>Waiting for queries to become <b>stale</b> is not always enough. See <a href="https://tanstack.com/query">the docs</a> &mdash; or <a href="#top">top</a>.
<!-- an editor's comment -->
<p>Second paragraph<br>with a break.</p>
<h2>Steps</h2>
<ol><li>Mark stale<li>Refetch <code>active</code> queries</ol>
<ul><li>one<ul><li>nested</li></ul></li><li>two</li></ul>
<table><tr><th>Name<th>Value</tr><tr><td>staleTime<td>0</td></tr></table>
<pre><code>queryClient.invalidateQueries({ queryKey: ['todos'] })
  // indented &lt;kept&gt;
</code></pre>
<p hidden>hidden text</p><div aria-hidden="true">aria hidden</div>
</article></main>
<aside>Related posts</aside>
<footer>&copy; 2026 <a href="/legal">Legal</a></footer>
</body></html>`;

const EXPECTED = `# Invalidation

Waiting for queries to become stale is not always enough. See [the docs](https://tanstack.com/query) — or top.

Second paragraph
with a break.

## Steps

1. Mark stale
2. Refetch \`active\` queries

- one
  - nested
- two

| Name | Value |
| staleTime | 0 |

\`\`\`
queryClient.invalidateQueries({ queryKey: ['todos'] })
  // indented <kept>
\`\`\``;

describe('htmlCompressor', () => {
  it('extracts headings, paragraphs, lists, tables, code and links, and drops boilerplate', () => {
    expect(extractText(PAGE)).toBe(EXPECTED);
  });

  it('ends with one marker that retrieves the whole page, and is labelled lossy', async () => {
    const result = run(PAGE);
    expect(result.output).toBe(
      `${EXPECTED}\n\n[… page markup omitted · sc:k#1 …]`,
    );
    expect(result).toMatchObject({ lossless: false, labels: ['html:extract'] });
    const ctx = new SharedContext({ tokenizer: o200k, minTokens: 0 });
    const entry = await ctx.put('page', PAGE, { contentType: 'html' });
    const marker = entry.compressed.match(/\[… [^\]]*\]/)![0];
    expect(parseMarkers(marker)[0]!.key).toBe('page');
    expect(await ctx.retrieve('page', { marker })).toBe(PAGE);
  });

  it('honours links: false, dropBoilerplate: false and marker: false', () => {
    const html = '<nav>Menu</nav><p>See <a href="/x">this</a>.</p>';
    expect(extractText(html, { links: false })).toBe('See this.');
    expect(extractText(html, { dropBoilerplate: false })).toContain('Menu');
    expect(run(html, { marker: false }).output).toBe('See [this](/x).');
  });

  it('keeps paragraphs inside list items on the item line', () => {
    expect(
      extractText(
        '<ul><li><p>First point.</p></li><li><h3>Second</h3></li></ul>',
      ),
    ).toBe('- First point.\n- ### Second');
  });

  it('uses the title when the page has no h1', () => {
    expect(extractText('<title>Only a title</title><p>Body text.</p>')).toBe(
      '# Only a title\n\nBody text.',
    );
  });

  it('tolerates broken markup, NUL bytes and unclosed scripts without throwing', () => {
    expect(
      extractText(
        '<div<p>unclosed <a href="x">link <b>bold</i></p></span> & < 3 > 2 <script>never closed',
      ),
    ).toBe('unclosed [link bold](x)\n\n& < 3 > 2');
    expect(() => extractText('\u0000<p\u0000>\u0001text</p>')).not.toThrow();
    expect(extractText('<p>&#x1F600; &#65; &bogus; &#99999999;</p>')).toBe(
      '😀 A &bogus; &#99999999;',
    );
  });

  it('handles a large page in one pass', () => {
    const big = `<html><body>${'<div class="row"><p>Item <a href="/i">link</a></p></div>'.repeat(100_000)}</body></html>`;
    const text = extractText(big);
    expect(text.split('\n\n')).toHaveLength(100_000);
    const deep = `${'<div>'.repeat(50_000)}deep${'</div>'.repeat(50_000)}`;
    expect(extractText(deep)).toBe('deep');
    const lists = `${'<ul><li>x'.repeat(20_000)}${'</span>'.repeat(100_000)}`;
    expect(extractText(lists).split('\n')).toHaveLength(20_000);
  });

  it('is deterministic and taken by compress() when routed to html', async () => {
    expect(run(PAGE).output).toBe(run(PAGE).output);
    const result = await compress(PAGE, {
      contentType: 'html',
      tokenizer: o200k,
      minTokens: 0,
    });
    expect(result.transforms).toContain('html:extract');
    expect(result.savingsPercent).toBeGreaterThan(40);
  });
});
