import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type CompressorInput,
  type CompressorResult,
  compress,
  compressSync,
  createMarkerSink,
  defaultCompressors,
  estimateTokenizer,
  InvalidArgumentError,
  MARKER_PATTERN,
  type MarkerSink,
  MissingDependencyError,
  parseMarkers,
  prepare,
  SharedContext,
  spanText,
} from '@sharedcontext/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGrammar } from './grammar-loader.ts';
import {
  type CodeCompressorOptions,
  codeCompressor,
  SUPPORTED_LANGUAGES,
} from './index.ts';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__');

function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** Each language's sample, and names whose declarations must stay in the output. */
const SAMPLES: Array<{ language: string; file: string; names: string[] }> = [
  {
    language: 'typescript',
    file: 'sample.ts',
    names: [
      'MAX_ATTEMPTS',
      'CacheEntry',
      'Loader',
      'Mode',
      'loadWithRetry',
      'Cache',
      'get',
      'size',
      '#trim',
      'summarize',
      'DefaultCache',
    ],
  },
  {
    language: 'tsx',
    file: 'sample.tsx',
    names: ['CounterProps', 'Counter', 'Title'],
  },
  {
    language: 'javascript',
    file: 'sample.js',
    names: [
      'SEPARATOR',
      'readLines',
      'Counter',
      'add',
      'top',
      'module.exports',
    ],
  },
  {
    language: 'python',
    file: 'sample.py',
    names: [
      'MAX_WORDS',
      'read_words',
      'short',
      'WordStats',
      '__init__',
      'top',
      '__all__',
    ],
  },
  {
    language: 'go',
    file: 'sample.go',
    names: [
      'MaxWords',
      'WordCount',
      'Counter',
      'CountWords',
      'table',
      'Top',
      'Add',
    ],
  },
  {
    language: 'rust',
    file: 'sample.rs',
    names: [
      'MAX_WORDS',
      'WordCount',
      'Order',
      'count_words',
      'Ranked',
      'sorted',
      'new',
    ],
  },
  {
    language: 'java',
    file: 'sample.java',
    names: ['WordCounter', 'MAX_WORDS', 'addAll', 'count', 'Listener', 'Mode'],
  },
  {
    language: 'c-sharp',
    file: 'sample.cs',
    names: [
      'WordCounter',
      'MaxWords',
      'Total',
      'AddAll',
      'Count',
      'IRanked',
      'Mode',
    ],
  },
  {
    language: 'ruby',
    file: 'sample.rb',
    names: [
      'Stats',
      'MAX_WORDS',
      'WordCounter',
      'initialize',
      'add_all',
      'count',
      'self.top',
    ],
  },
  {
    language: 'php',
    file: 'sample.php',
    names: ['WordCounter', 'MAX_WORDS', 'addAll', 'count', 'function top'],
  },
  {
    language: 'cpp',
    file: 'sample.cpp',
    names: [
      'kMaxWords',
      'WordCounter',
      'AddAll',
      'WordCounter::Count',
      'Clamp',
    ],
  },
  {
    language: 'bash',
    file: 'sample.sh',
    names: ['MAX_WORDS', 'count_words', 'usage', 'main'],
  },
];

function inputFor(
  content: string,
  {
    language,
    query,
    markers = createMarkerSink('k'),
  }: { language?: string; query?: string; markers?: MarkerSink } = {},
): CompressorInput {
  return {
    content,
    contentType: 'code',
    detection: {
      contentType: 'code',
      confidence: 1,
      ...(language === undefined ? {} : { language }),
    },
    tokenizer: estimateTokenizer({ name: 'estimate' }),
    markers,
    compressPart: (part) => part,
    ...(query === undefined ? {} : { query }),
  };
}

/** Compresses on the synchronous path (grammars are preloaded in `beforeAll`). */
function run(
  content: string,
  options: CodeCompressorOptions & { detected?: string; query?: string } = {},
): { result: CompressorResult; markers: MarkerSink } {
  const { detected, query, ...compressorOptions } = options;
  const markers = createMarkerSink('k');
  const result = codeCompressor(compressorOptions).compress(
    inputFor(content, {
      ...(detected ? { language: detected } : {}),
      ...(query ? { query } : {}),
      markers,
    }),
  );
  if (result instanceof Promise)
    throw new Error('expected a synchronous result once the grammar is loaded');
  return { result, markers };
}

async function parseErrors(grammar: string, text: string): Promise<number> {
  const { parser } = await loadGrammar(grammar);
  const tree = parser.parse(text)!;
  try {
    if (!tree.rootNode.hasError) return 0;
    return tree.rootNode.descendantsOfType(['ERROR']).length + 1;
  } finally {
    tree.delete();
  }
}

async function markerNodeTypes(
  grammar: string,
  text: string,
): Promise<string[]> {
  const { parser } = await loadGrammar(grammar);
  const tree = parser.parse(text)!;
  try {
    return [...text.matchAll(MARKER_PATTERN)].map(
      (match) => tree.rootNode.descendantForIndex(match.index)?.type ?? 'none',
    );
  } finally {
    tree.delete();
  }
}

beforeAll(async () => {
  await codeCompressor().prepare?.();
});

describe('codeCompressor', () => {
  it('supports the twelve languages of the issue', () => {
    expect([...SUPPORTED_LANGUAGES].sort()).toEqual([
      'bash',
      'c-sharp',
      'cpp',
      'go',
      'java',
      'javascript',
      'php',
      'python',
      'ruby',
      'rust',
      'tsx',
      'typescript',
    ]);
  });

  describe.each(SAMPLES)('on $language', ({ language, file, names }) => {
    const content = fixture(file);

    it('keeps every declaration and elides long bodies behind markers', () => {
      const { result, markers } = run(content, { detected: language });
      expect(result.lossless).toBe(false);
      expect(result.labels).toEqual([`code:${language}:balanced`]);
      expect(markers.spans.length).toBeGreaterThan(0);
      expect(result.output.length).toBeLessThan(content.length);
      for (const name of names) expect(result.output).toContain(name);
      // Every marker in the output is one the sink recorded, in order.
      expect(parseMarkers(result.output).map((ref) => ref.spanId)).toEqual(
        markers.spans.map((span) => span.id),
      );
    });

    it('gives output that re-parses without errors, markers inside comments', async () => {
      for (const detail of ['signatures', 'balanced', 'most'] as const) {
        const { result } = run(content, { detected: language, detail });
        expect(await parseErrors(language, result.output)).toBe(0);
        const types = await markerNodeTypes(language, result.output);
        for (const type of types) expect(type).toMatch(/comment/);
      }
    });

    it('records spans whose text is a body of the original, byte for byte', () => {
      const { markers } = run(content, {
        detected: language,
        detail: 'signatures',
      });
      for (const span of markers.spans) {
        const [start, end] = span.ranges![0]!;
        const text = spanText(content, span);
        expect(text).toBe(content.slice(start, end));
        expect(span.summary).toBe(`${text.split('\n').length} lines`);
      }
    });
  });

  it('keeps more at each detail level', () => {
    const content = fixture('sample.ts');
    const lengths = (['signatures', 'balanced', 'most'] as const).map(
      (detail) => run(content, { detail }).result.output.length,
    );
    expect(lengths[0]!).toBeLessThan(lengths[1]!);
    expect(lengths[1]!).toBeLessThan(lengths[2]!);
  });

  it('keeps whole doc comments at detail most and their first sentence otherwise', () => {
    const content = fixture('sample.ts');
    expect(run(content, { detail: 'most' }).result.output).toContain(
      ' * Retries up to MAX_ATTEMPTS times with a growing delay.',
    );
    const balanced = run(content).result.output;
    expect(balanced).toContain('/** Loads a file with retries. … */');
    expect(balanced).not.toContain('Retries up to MAX_ATTEMPTS');
  });

  it('outlines a long factory body at detail most instead of eliding it whole', async () => {
    const content = [
      'export function createStore(initial: number) {',
      '  let value = initial;',
      '  const store = {',
      '    get(): number {',
      '      return value;',
      '    },',
      '    set(next: number): void {',
      ...Array.from(
        { length: 30 },
        (_, index) => `      value = next + ${index};`,
      ),
      '    },',
      '  };',
      '  return store;',
      '}',
      '',
    ].join('\n');
    const most = run(content, { language: 'typescript', detail: 'most' });
    expect(most.result.output).toContain(
      '    get(): number {\n      return value;\n    },',
    );
    expect(most.result.output).toContain(
      '    set(next: number): void { /* [… 32 lines · sc:k#1 …] */ },',
    );
    expect(most.result.output).toContain('  return store;');
    expect(await parseErrors('typescript', most.result.output)).toBe(0);
    const balanced = run(content, { language: 'typescript' });
    expect(balanced.result.output).toBe(
      'export function createStore(initial: number) { /* [… 41 lines · sc:k#1 …] */ }\n',
    );
  });

  it('keeps bodies that match the query', () => {
    const content = fixture('sample.ts');
    expect(run(content).result.output).not.toContain('setTimeout(resolve');
    const { result } = run(content, {
      query: 'where is the setTimeout delay?',
    });
    expect(result.output).toContain(
      'await new Promise((resolve) => setTimeout(resolve, 10 * attempt));',
    );
    expect(result.output).not.toContain('const oldest =');
  });

  it('elides a Python body after its docstring and shortens the docstring', () => {
    const content = fixture('sample.py');
    const { result, markers } = run(content);
    expect(result.output).toContain(
      'def read_words(path: str, *, lower: bool = True) -> list[str]:\n    """Read every word of a file. …"""\n    ...  # [… ',
    );
    const body = content.slice(
      content.indexOf('    with open') + 4,
      content.indexOf('    return words') + '    return words'.length,
    );
    expect(spanText(content, markers.spans[0]!)).toBe(body);
  });

  it('takes the language from the language option, then the file name, then detection, then a guess', () => {
    const python = fixture('sample.py');
    expect(run(python, { language: 'py' }).result.labels).toEqual([
      'code:python:balanced',
    ]);
    expect(
      run(python, { fileName: 'words.py', detected: 'ruby' }).result.labels,
    ).toEqual(['code:python:balanced']);
    expect(
      run(fixture('sample.cs'), { detected: 'csharp' }).result.labels,
    ).toEqual(['code:c-sharp:balanced']);
    expect(run(python).result.labels).toEqual(['code:python:balanced']);
  });

  it('tries its own guess when the detected language does not parse', () => {
    expect(
      run(fixture('sample.go'), { detected: 'typescript' }).result.labels,
    ).toEqual(['code:go:balanced']);
    expect(
      run(fixture('sample.cpp'), { detected: 'javascript' }).result.labels,
    ).toEqual(['code:cpp:balanced']);
  });

  it('does not second-guess a language the caller named', async () => {
    const result = await codeCompressor({ language: 'typescript' }).compress(
      inputFor(fixture('sample.go')),
    );
    expect(result.labels?.[0]).toBe('code:unparsable→text');
  });

  it('parses TypeScript with JSX through the TSX grammar', () => {
    expect(
      run(fixture('sample.tsx'), { detected: 'typescript' }).result.labels,
    ).toEqual(['code:tsx:balanced']);
  });

  it('is deterministic', () => {
    const content = fixture('sample.rs');
    const first = run(content);
    const second = run(content);
    expect(second.result).toEqual(first.result);
    expect(second.markers.spans).toEqual(first.markers.spans);
  });

  describe('on input it cannot parse', () => {
    const cases: Array<
      [string, string, CodeCompressorOptions & { detected?: string }, string]
    > = [
      [
        'syntax errors',
        'export function broken(a: string {\n  return a +;\n}\n'.repeat(5),
        { detected: 'typescript' },
        'code:unparsable→text',
      ],
      [
        'a truncated file',
        fixture('sample.ts').slice(0, 900),
        { detected: 'typescript' },
        'code:unparsable→text',
      ],
      [
        'a minified bundle',
        `var a=1;${'function f(n){return n*2}'.repeat(400)}`,
        { detected: 'javascript' },
        'code:minified→text',
      ],
      [
        'content over maxChars',
        fixture('sample.go'),
        { detected: 'go', maxChars: 100 },
        'code:too-large→text',
      ],
      [
        'an unknown language',
        'just some words\nand more words\n',
        {},
        'code:unknown-language→text',
      ],
    ];
    it.each(cases)(
      'hands %s to the text compressor, labelled',
      async (_name, content, options, label) => {
        const compressor = codeCompressor(options);
        const result = await compressor.compress(
          inputFor(
            content,
            options.detected ? { language: options.detected } : {},
          ),
        );
        expect(result.labels?.[0]).toBe(label);
        expect(result.labels?.length).toBeGreaterThan(1);
        expect(typeof result.output).toBe('string');
      },
    );

    it('hands a tree too deep to walk to the text compressor', async () => {
      const depth = 20_000;
      const content = `const x = ${'[\n'.repeat(depth)}1${'\n]'.repeat(depth)};\n`;
      const result = await codeCompressor({ detail: 'most' }).compress(
        inputFor(content, { language: 'javascript' }),
      );
      expect(result.labels?.[0]).toMatch(/^code:(too-deep|unparsable)→text$/);
    });

    it('degrades a 5 MB file through the pipeline without crashing', async () => {
      const huge = fixture('sample.ts').repeat(
        Math.ceil(5_000_000 / fixture('sample.ts').length),
      );
      const result = await compress(huge, {
        compressors: [codeCompressor()],
        contentType: 'code',
        tokenizer: estimateTokenizer({ name: 'estimate' }),
      });
      expect(result.transforms).toContain('code:too-large→text');
      expect(result.compressedTokens).toBeLessThan(result.originalTokens);
    });
  });

  it('returns a promise until the grammar is loaded, then answers synchronously', async () => {
    // A directory spelled differently is a separate cache entry, not yet loaded.
    const { parser } = await loadGrammar('go');
    expect(parser).toBeDefined();
    const grammarDirectory = `${dirname(fileURLToPath(import.meta.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter-go.wasm')))}/./`;
    const compressor = codeCompressor({ grammarDirectory, languages: ['go'] });
    const first = compressor.compress(
      inputFor(fixture('sample.go'), { language: 'go' }),
    );
    expect(first).toBeInstanceOf(Promise);
    const awaited = await first;
    const second = compressor.compress(
      inputFor(fixture('sample.go'), { language: 'go' }),
    );
    expect(second).not.toBeInstanceOf(Promise);
    expect((second as CompressorResult).output).toBe(awaited.output);
  });

  it('throws MissingDependencyError from prepare when a grammar cannot be found', async () => {
    const compressor = codeCompressor({
      grammarDirectory: '/nonexistent/grammars',
      languages: ['python'],
    });
    const error = await compressor.prepare!().catch(
      (caught: unknown) => caught,
    );
    expect(MissingDependencyError.isInstance(error)).toBe(true);
    expect((error as MissingDependencyError).packageName).toBe(
      '@vscode/tree-sitter-wasm',
    );
    expect((error as Error).message).toContain('grammarDirectory');
  });

  it('falls back without crashing when a grammar is missing at compress time', async () => {
    const compressors = [
      codeCompressor({ grammarDirectory: '/nonexistent/grammars' }),
    ];
    const result = await compress(fixture('sample.py'), {
      compressors,
      contentType: 'code',
      tokenizer: estimateTokenizer({ name: 'estimate' }),
      minTokens: 0,
    });
    expect(result.compressed).toBe(fixture('sample.py'));
    expect(
      result.transforms.some((label) => label.startsWith('code:failed')),
    ).toBe(true);
  });

  it('rejects invalid options with InvalidArgumentError', () => {
    expect(() => codeCompressor({ detail: 'everything' as 'most' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    const error = (() => {
      try {
        codeCompressor({ language: 'cobol' });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(() =>
      codeCompressor({ languages: ['typescript', 'fortran'] }),
    ).toThrow(/languages/);
    expect(() => codeCompressor({ maxChars: 0 })).toThrow(/maxChars/);
    expect(() => codeCompressor({ detail: 'toString' as 'most' })).toThrow(
      /detail/,
    );
  });

  describe('through SharedContext', () => {
    it('lets a reader pull an elided body back byte for byte', async () => {
      const content = fixture('sample.ts');
      const ctx = new SharedContext({
        compressors: [codeCompressor(), ...defaultCompressors()],
        tokenizer: estimateTokenizer({ name: 'estimate' }),
        minTokens: 0,
      });
      await ctx.put('cache', content, { contentType: 'code' });
      const compressed = (await ctx.get('cache'))!;
      const marker = /\[… [^\]]* · sc:cache#\w+ …\]/.exec(
        compressed.slice(compressed.indexOf('loadWithRetry')),
      )?.[0];
      expect(marker).toBeDefined();
      const bodyStart = content.indexOf('{\n  let lastError');
      const bodyEnd = content.indexOf('\n}\n', bodyStart) + 2;
      expect(await ctx.retrieve('cache', { marker: marker! })).toBe(
        content.slice(bodyStart, bodyEnd),
      );
      expect(await ctx.get('cache', { full: true })).toBe(content);
    });

    it('takes code that core detects, on putSync after ready()', async () => {
      const ctx = new SharedContext({
        compressors: [codeCompressor(), ...defaultCompressors()],
        tokenizer: estimateTokenizer({ name: 'estimate' }),
        minTokens: 0,
      });
      await ctx.ready();
      const entry = ctx.putSync('words', fixture('sample.go'));
      expect(entry.contentType).toBe('code');
      expect(entry.transforms).toContain('code:go:balanced');
      const marker = parseMarkers(entry.compressed)[0]!;
      const body = await ctx.retrieve('words', {
        marker: `sc:${marker.key}#${marker.spanId}`,
      });
      expect(body?.startsWith('{\n')).toBe(true);
      expect(fixture('sample.go')).toContain(body!);
    });

    it('compresses on the synchronous path once ready', async () => {
      const compressors = [codeCompressor({ languages: ['rust'] })];
      await prepare({
        compressors,
        tokenizer: estimateTokenizer({ name: 'estimate' }),
      });
      const result = compressSync(fixture('sample.rs'), {
        compressors,
        contentType: 'code',
        tokenizer: estimateTokenizer({ name: 'estimate' }),
        minTokens: 0,
      });
      expect(result.transforms).toContain('code:rust:balanced');
      expect(result.spans.length).toBeGreaterThan(0);
    });
  });
});
