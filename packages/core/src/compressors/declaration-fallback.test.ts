import { describeCorpus, readCorpus } from '@sharedcontext-internal/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { compress } from '../compress.ts';
import { tiktokenTokenizer } from '../tokenizer/index.ts';
import { isDeclarationLine } from './declaration-lines.ts';
import { defaultCompressors } from './default-compressors.ts';

const o200k = tiktokenTokenizer('o200k_base');
/** Core alone: the code plug-in (installed in this workspace) left out. */
const CORE_ONLY = defaultCompressors();
beforeAll(() => o200k.load());

/** mulberry32, so the generated sources are the same on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['cache', 'query', 'store', 'driver', 'mount', 'session'];

function body(draw: () => number, lines: number, indent: string): string[] {
  return Array.from({ length: lines }, (_, i) => {
    const word = WORDS[Math.floor(draw() * WORDS.length)]!;
    return i % 5 === 0
      ? `${indent}// Refresh the ${word} when the ${word} options change. Otherwise keep it.`
      : `${indent}const ${word}${i} = options.${word}?.get(${i}) ?? defaults.${word}(${Math.floor(draw() * 100)});`;
  });
}

/** A TypeScript module: 110 lines of imports, then exported declarations with long bodies. */
function typescriptModule(seed: number): { source: string; names: string[] } {
  const draw = random(seed);
  const lines: string[] = [];
  for (let i = 0; lines.length < 110; i++) {
    lines.push('import {');
    for (let n = 0; n < 6; n++) lines.push(`  helper${i}x${n},`);
    lines.push(`} from './helpers-${i}.ts';`);
  }
  const names: string[] = [];
  for (let i = 0; i < 72; i++) {
    const kind = i % 6;
    const name = `${['load', 'Store', 'Options', 'Mode', 'merge', 'LIMIT'][kind]}${i}`;
    names.push(name);
    lines.push('', `/** The ${name} of this module. It is documented. */`);
    if (kind === 0) {
      lines.push(
        `export async function ${name}(options: Options): Promise<string> {`,
      );
      lines.push(...body(draw, 20, '  '), '  return String(options);', '}');
    } else if (kind === 1) {
      lines.push(`export class ${name} extends Base {`, '  run(): void {');
      lines.push(...body(draw, 20, '    '), '  }', '}');
    } else if (kind === 2) {
      lines.push(`export interface ${name} {`);
      for (let f = 0; f < 8; f++) lines.push(`  field${f}: string;`);
      lines.push('}');
    } else if (kind === 3) {
      lines.push(`export enum ${name} {`, '  On = 1,', '  Off = 2,', '}');
    } else if (kind === 4) {
      lines.push(`export const ${name} = (a: number, b: number): number => {`);
      lines.push(...body(draw, 20, '  '), '  return a + b;', '};');
    } else {
      lines.push(`export type ${name} = Record<string, number>;`);
    }
  }
  return { source: lines.join('\n'), names };
}

/** A Python module: classes with methods and module-level functions, with docstrings. */
function pythonModule(seed: number): { source: string; names: string[] } {
  const draw = random(seed);
  const lines = ['import os', 'from typing import Any', ''];
  const names: string[] = [];
  for (let c = 0; c < 6; c++) {
    const name = `Store${c}`;
    names.push(name);
    lines.push(
      '',
      '@dataclass',
      `class ${name}(Base):`,
      `    """The ${name}. It keeps entries."""`,
    );
    for (let m = 0; m < 3; m++) {
      const method = `get_${c}_${m}`;
      names.push(method);
      lines.push(
        '',
        `    def ${method}(self, key: str) -> Any:`,
        '        """Return the entry. It may be None."""',
      );
      for (let i = 0; i < 12; i++) {
        const word = WORDS[Math.floor(draw() * WORDS.length)]!;
        lines.push(
          `        ${word}_${i} = self.${word}.get(key, ${i})  # refresh the ${word}. Then wait.`,
        );
      }
      lines.push('        return None');
    }
  }
  return { source: lines.join('\n'), names };
}

function keptVerbatim(original: string, output: string, name: string): boolean {
  const outputLines = new Set(output.split('\n'));
  return original
    .split('\n')
    .some(
      (line) =>
        line.includes(name) && isDeclarationLine(line) && outputLines.has(line),
    );
}

describe('text fallback for code (issue 14)', () => {
  it('keeps every exported name of a 15k-token TypeScript file through core alone', async () => {
    const { source, names } = typescriptModule(11);
    expect(o200k.count(source)).toBeGreaterThan(15_000);
    const result = await compress(source, {
      tokenizer: o200k,
      compressors: CORE_ONLY,
    });
    expect(result.contentType).toBe('code');
    expect(result.savingsPercent).toBeGreaterThan(20);
    for (const name of names)
      expect(keptVerbatim(source, result.compressed, name), name).toBe(true);
  });

  it('keeps every def and class name of a Python file through core alone', async () => {
    const { source, names } = pythonModule(5);
    const result = await compress(source, {
      tokenizer: o200k,
      compressors: CORE_ONLY,
    });
    expect(result.contentType).toBe('code');
    expect(result.savingsPercent).toBeGreaterThan(20);
    for (const name of names)
      expect(keptVerbatim(source, result.compressed, name), name).toBe(true);
  });

  it('reads declarations across languages, and not ordinary statements', () => {
    for (const line of [
      'export default function App() {',
      "import { x } from 'y';",
      'from os.path import join',
      '    async def fetch(self):',
      '  @Override',
      'pub(crate) async fn run() -> Result<()> {',
      'impl<T> Store for Cache<T> {',
      '#[derive(Debug)]',
      'func (s *Server) Serve() error {',
      'type Handler interface {',
      '  private readonly cache: Map<string, string>;',
      'public static void main(String[] args) {',
      '#include <stdio.h>',
      'const LIMIT = 10;',
      '  export const enum Mode {',
      '    constructor(options) {',
      '  static create(max) {',
      '    *#indexes({ allowStale = this.allowStale } = {}) {',
      '  get size() {',
      '  async retrieve(id: string, options?: RequestOptions): Promise<Thread> {',
      '    List<Row> rows(int limit) {',
    ])
      expect(isDeclarationLine(line), line).toBe(true);
    for (const line of [
      '  const value = options.get(1);',
      '    return self.items[key]',
      '  if (ready) {',
      '    } else if (ready) {',
      '    for (const item of items) {',
      "  describe('cache', () => {",
      '    return build(options) {',
      '    items.forEach(function (item) {',
      '// export is a word in comments',
      'The type of the value is a string.',
    ])
      expect(isDeclarationLine(line), line).toBe(false);
  });
});

describeCorpus('text fallback on the code corpus (issue 14)', () => {
  it('keeps every exported name of the TypeScript corpus files and every def/class of the Python one', async () => {
    for (const file of [
      'code/queryClient.ts',
      'code/query.ts',
      'code/storage.ts',
      'code/shared_context.py',
    ]) {
      const source = readCorpus(file);
      const result = await compress(source, {
        tokenizer: o200k,
        contentType: 'code',
        compressors: CORE_ONLY,
      });
      const names = [
        ...source.matchAll(
          /^export\s+(?:declare\s+)?(?:async\s+)?(?:function|class|interface|type|const|let|enum|abstract\s+class)\s+(\w+)/gm,
        ),
        ...source.matchAll(/^\s*(?:async\s+)?(?:def|class)\s+(\w+)/gm),
      ].map((match) => match[1]!);
      expect(names.length, file).toBeGreaterThan(0);
      for (const name of names)
        expect(
          keptVerbatim(source, result.compressed, name),
          `${file}: ${name}`,
        ).toBe(true);
    }
  });
});
