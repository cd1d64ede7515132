import type { Compressor } from '@sharedcontext/core';

/**
 * A deterministic lossy compressor for store tests: keeps the first and
 * last two lines of text and drops the rest behind one retrieval marker, so
 * tests do not depend on which built-in compressors exist.
 */
export function lineDropCompressor(): Compressor {
  return {
    specificationVersion: 'v1',
    name: 'line-drop',
    contentTypes: [
      'text',
      'log',
      'json',
      'search',
      'diff',
      'html',
      'code',
      'mixed',
    ],
    compress({ content, markers }) {
      const starts = [0];
      for (
        let index = content.indexOf('\n');
        index !== -1;
        index = content.indexOf('\n', index + 1)
      ) {
        starts.push(index + 1);
      }
      if (starts.length < 6) return { output: content, lossless: true };
      const keepHeadEnd = starts[2]! - 1;
      const dropStart = starts[2]!;
      const dropEnd = starts[starts.length - 2]! - 1;
      const marker = markers.drop({
        summary: `${starts.length - 4} lines omitted`,
        ranges: [[dropStart, dropEnd]],
      });
      return {
        output: `${content.slice(0, keepHeadEnd)}\n${marker}\n${content.slice(dropEnd + 1)}`,
        lossless: false,
        labels: ['line-drop'],
      };
    },
  };
}

const SAMPLES = [
  'plain ASCII line with numbers 0123456789',
  'Ünïcödé: naïve café, Größe, ßœø',
  '中文内容：多个代理共享上下文。日本語もテストします。',
  'emoji 🧠🤖👩🏽‍💻 and flags 🇫🇷🇯🇵',
  'combining: e\u0301 a\u0308 — RTL: שלום עולם مرحبا',
  'controls: tab\tNUL\u0000 bell\u0007 escape\u001b[0m',
  'lone surrogates: \ud800 and \udfff stay as they were',
  'JSON-ish: {"a": [1, 2, {"b": "c\\"d"}]} \\n is not a newline',
];

/**
 * Deterministic multi-line text with every awkward character class (multi-
 * byte UTF-8, astral planes, ZWJ sequences, controls, CRLF, lone
 * surrogates), `lines` lines long; `seed` makes each text distinct.
 */
export function storeTestText(seed: string, lines = 24): string {
  const out: string[] = [];
  for (let line = 0; line < lines; line++) {
    const sample = SAMPLES[line % SAMPLES.length]!;
    out.push(`${seed} #${line}: ${sample}${line % 5 === 0 ? '\r' : ''}`);
  }
  return out.join('\n');
}

/**
 * About `bytes` bytes (UTF-8) of varied text built from {@link storeTestText}
 * lines plus a counter per line, so no two lines are equal.
 */
export function largeStoreTestText(bytes: number, seed = 'large'): string {
  const block = storeTestText(seed, SAMPLES.length * 4);
  const blockBytes = Buffer.byteLength(block, 'utf8');
  const parts: string[] = [];
  let total = 0;
  for (let index = 0; total < bytes; index++) {
    const part = `${index.toString(36)} ${block}\n`;
    parts.push(part);
    total += blockBytes + index.toString(36).length + 2;
  }
  return parts.join('');
}
