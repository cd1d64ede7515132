import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compress } from '../compress.ts';
import type { DroppedSpan } from '../retrieval/index.ts';
import { spanText } from '../retrieval/index.ts';
import { SharedContext } from '../shared-context.ts';
import { tiktokenTokenizer } from '../tokenizer/index.ts';
import { defaultCompressors } from './default-compressors.ts';

const o200k = tiktokenTokenizer('o200k_base');
/** Core alone: the code plug-in (installed in this workspace) left out. */
const CORE_ONLY = defaultCompressors();
beforeAll(() => o200k.load());

type Language = 'python' | 'ruby' | 'typescript' | 'go' | 'rust' | 'java';
const LANGUAGES: readonly Language[] = [
  'python',
  'ruby',
  'typescript',
  'go',
  'rust',
  'java',
];

interface Generated {
  source: string;
  /** Every line that declares something, as written. */
  declarations: string[];
}

interface Shape {
  language: Language;
  /** One indentation step: two or four spaces, or a tab. */
  step: string;
  names: string[];
  /** Statements in each function body. */
  bodies: number[];
}

/** A statement of a body, in the language's own syntax. */
function statement(language: Language, name: string, i: number): string {
  if (language === 'python') return `total_${i} = self.${name}.get(key, ${i})`;
  if (language === 'ruby') return `total_${i} = @store.fetch(:${name}, ${i})`;
  if (language === 'go') return `total${i} := s.${name}.Get(key, ${i})`;
  if (language === 'rust')
    return `let total_${i} = self.${name}.get(key, ${i});`;
  if (language === 'java')
    return `int total${i} = this.${name}.get(key, ${i});`;
  return `const total${i} = this.${name}.get(key, ${i});`;
}

/** A source file: a class (or impl) of methods, then module functions. */
function generate({ language, step, names, bodies }: Shape): Generated {
  const lines: string[] = [];
  const declarations: string[] = [];
  const declare = (line: string): void => {
    lines.push(line);
    declarations.push(line);
  };
  const python = language === 'python';
  const ruby = language === 'ruby';
  declare(
    python
      ? 'from typing import Any'
      : ruby
        ? "require 'json'"
        : language === 'go'
          ? 'import "fmt"'
          : language === 'rust'
            ? 'use std::collections::HashMap;'
            : language === 'java'
              ? 'import java.util.Map;'
              : "import { readFile } from 'node:fs/promises';",
  );
  lines.push('');
  const open = python
    ? 'class Store:'
    : ruby
      ? 'class Store'
      : language === 'go'
        ? 'type Store struct {'
        : language === 'rust'
          ? 'impl Store {'
          : 'export class Store {';
  declare(open);
  if (language === 'go') lines.push(`${step}items map[string]int`, '}', '');
  const method = (name: string, n: number, indent: string): void => {
    const inner = indent + step;
    lines.push(
      python
        ? `${indent}# Returns the ${name}.`
        : `${indent}// Returns the ${name}.`,
    );
    declare(
      python
        ? `${indent}def ${name}(self, key: str) -> Any:`
        : ruby
          ? `${indent}def ${name}(key)`
          : language === 'go'
            ? `func (s *Store) ${name}(key string) int {`
            : language === 'rust'
              ? `${indent}pub fn ${name}(&self, key: &str) -> usize {`
              : language === 'java'
                ? `${indent}public int ${name}(String key) {`
                : indent === ''
                  ? `export function ${name}(key: string): number {`
                  : `${indent}${name}(key: string): number {`,
    );
    for (let i = 0; i < bodies[n]!; i++)
      lines.push(`${inner}${statement(language, name, i)}`);
    lines.push(`${inner}${python || ruby ? '' : 'return '}total`);
    if (!python) lines.push(ruby ? `${indent}end` : `${indent}}`);
    lines.push('');
  };
  // Methods inside the class (Go: after the struct), then module functions.
  const inClass = language === 'go' ? '' : step;
  names.forEach((name, n) => {
    if (n % 2 === 0) method(name, n, inClass);
  });
  if (!python && language !== 'go') lines.push(ruby ? 'end' : '}', '');
  names.forEach((name, n) => {
    if (n % 2 === 1) method(name, n, '');
  });
  return { source: lines.join('\n'), declarations };
}

const MARKER_LINE = /^\s*\[… [^\]]*? · sc:[^\s#]+#([0-9a-z]+) …\]$/;

/** The original rebuilt from the output: each marker line replaced by its span. */
function rebuild(
  output: string,
  original: string,
  spans: readonly DroppedSpan[],
): string {
  const byId = new Map(spans.map((span) => [span.id, span]));
  return output
    .split('\n')
    .map((line) => {
      const id = MARKER_LINE.exec(line)?.[1];
      return id === undefined ? line : spanText(original, byId.get(id)!);
    })
    .join('\n');
}

/** A long-bodied file in one language, for the unit cases. */
function longBodies(language: Language, step = '    '): Generated {
  return generate({
    language,
    step,
    names: Array.from({ length: 10 }, (_, i) => `load_entry_${i}`),
    bodies: Array.from({ length: 10 }, (_, i) => 8 + (i % 4) * 3),
  });
}

describe('text fallback for code: indentation outline', () => {
  for (const language of ['python', 'go', 'ruby'] as const) {
    it(`outlines a ${language} file through core alone: long bodies go, declarations stay`, async () => {
      const { source, declarations } = longBodies(language);
      const result = await compress(source, {
        tokenizer: o200k,
        contentType: 'code',
        compressors: CORE_ONLY,
      });
      expect(result.transforms).toContain('text:code-outline');
      // The sentence path kept 50 %: an outline of long bodies keeps far less.
      expect(result.savingsPercent).toBeGreaterThan(60);
      const kept = new Set(result.compressed.split('\n'));
      for (const line of declarations) expect(kept, line).toContain(line);
      expect(rebuild(result.compressed, source, result.spans)).toBe(source);
    });
  }

  it('indents each marker like the body it replaces', async () => {
    const { source } = longBodies('python');
    const result = await compress(source, {
      tokenizer: o200k,
      contentType: 'code',
      compressors: CORE_ONLY,
    });
    const lines = result.compressed.split('\n');
    const at = lines.findIndex((line) =>
      line.startsWith('    def load_entry_0('),
    );
    expect(lines[at + 1]).toMatch(/^ {8}\[… \d+ lines omitted · sc:/);
  });

  it('resolves every marker through SharedContext to exactly its span', async () => {
    const { source } = longBodies('typescript', '  ');
    const ctx = new SharedContext({ compressors: CORE_ONLY });
    const entry = await ctx.put('store', source, { contentType: 'code' });
    const markers = entry.compressed
      .split('\n')
      .filter((line) => MARKER_LINE.test(line));
    expect(markers.length).toBeGreaterThan(5);
    let rebuilt = entry.compressed;
    for (const line of markers) {
      const span = await ctx.retrieve('store', { marker: line.trim() });
      expect(source).toContain(span);
      rebuilt = rebuilt.replace(line, span!);
    }
    expect(rebuilt).toBe(source);
    expect(await ctx.retrieve('store')).toBe(source);
  });

  it('keeps the body of a function the query names', async () => {
    const { source } = longBodies('go', '\t');
    const result = await compress(source, {
      tokenizer: o200k,
      contentType: 'code',
      compressors: CORE_ONLY,
      query: 'load_entry_3',
    });
    expect(result.transforms).toContain('text:code-outline');
    for (let i = 0; i < 17; i++)
      expect(result.compressed).toContain(statement('go', 'load_entry_3', i));
    expect(result.compressed).not.toContain(statement('go', 'load_entry_4', 0));
  });

  it('reads nested data that declares nothing as data, not bodies to elide', async () => {
    // A tool's JSON report misread as code: every key must stay findable.
    const report = JSON.stringify(
      {
        name: 'app',
        version: '1.0.0',
        problems: ['invalid: react@17.0.2'],
        dependencies: Object.fromEntries(
          Array.from({ length: 30 }, (_, i) => [
            `pkg-${i}`,
            {
              version: `1.${i}.0`,
              overridden: false,
              resolved: `https://r/${i}`,
            },
          ]),
        ),
      },
      null,
      2,
    );
    const result = await compress(report, {
      tokenizer: o200k,
      contentType: 'code',
      compressors: CORE_ONLY,
    });
    // Outlined, its nested objects were elided whole (97 % of a real report).
    expect(result.transforms).not.toContain('text:code-outline');
    expect(result.compressedTokens).toBeGreaterThan(
      0.3 * result.originalTokens,
    );
  });

  it('falls back to sentences when every line sits at one indentation', async () => {
    const flat = Array.from(
      { length: 40 },
      (_, i) =>
        `total_${i} = store.get(key, ${i})  # read entry ${i}. Then cache it.`,
    ).join('\n');
    const result = await compress(flat, {
      tokenizer: o200k,
      contentType: 'code',
      compressors: CORE_ONLY,
    });
    expect(result.transforms).not.toContain('text:code-outline');
  });
});

describe('text fallback for code: generated sources (property)', () => {
  const shape = fc.record({
    language: fc.constantFrom(...LANGUAGES),
    step: fc.constantFrom('  ', '    ', '\t', ' \t'),
    names: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_]{2,12}$/), {
      minLength: 2,
      maxLength: 14,
    }),
    // Short bodies, or (one run in three) only long ones.
    bodies: fc.oneof(
      fc.array(fc.integer({ min: 0, max: 30 }), {
        minLength: 14,
        maxLength: 14,
      }),
      fc.array(fc.integer({ min: 12, max: 30 }), {
        minLength: 14,
        maxLength: 14,
      }),
    ),
    minified: fc.boolean(),
  });

  it('keeps every declaration line, resolves every marker and never throws', async () => {
    await fc.assert(
      fc.asyncProperty(shape, async ({ minified, ...options }) => {
        const generated = generate(options);
        // Half-minified: the second half joined onto one long line.
        let source = generated.source;
        if (minified) {
          const lines = source.split('\n');
          const half = Math.floor(lines.length / 2);
          source = [
            ...lines.slice(0, half),
            lines.slice(half).join(' ').repeat(3),
          ].join('\n');
        }
        const result = await compress(source, {
          tokenizer: o200k,
          contentType: 'code',
          compressors: CORE_ONLY,
        });
        expect(rebuild(result.compressed, source, result.spans)).toBe(source);
        const kept = new Set(result.compressed.split('\n'));
        for (const line of generated.declarations)
          if (source.split('\n').includes(line))
            expect(kept, line).toContain(line);
        // Files of long bodies save well above the sentence path's 50 %.
        const bodies = options.bodies.slice(0, options.names.length);
        if (!minified && bodies.every((lines) => lines >= 12))
          expect(result.savingsPercent).toBeGreaterThan(60);
      }),
      { seed: 20_251_130, numRuns: 60 },
    );
  });
});
