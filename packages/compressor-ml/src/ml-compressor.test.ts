import {
  compress,
  compressSync,
  defaultCompressors,
  InvalidArgumentError,
  parseMarkers,
  prepare,
  SharedContext,
  spanText,
} from '@sharedcontext/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isTinyDropWord,
  modelFolder,
  textInput,
  tinyModel,
  wordsOf,
} from './__fixtures__/tiny-models.ts';
import { mlCompressor } from './ml-compressor.ts';

const PARAGRAPH =
  'The query cache is the place where the data of every query lives, and it is very important that it stays fresh. ' +
  'When a mutation changes the server state, you should invalidate the affected query so that stale data is refetched. ' +
  'Some agents also compress their context before they hand it to another agent.';

let folder: Awaited<ReturnType<typeof modelFolder>>;

beforeAll(async () => {
  folder = await modelFolder();
  await tinyModel(folder.dir, { flavour: 'bert' });
  await tinyModel(folder.dir, { flavour: 'modernbert' });
  await tinyModel(folder.dir, {
    flavour: 'bert',
    modelId: 'tiny-window-48',
    maxPositions: 48,
  });
  await tinyModel(folder.dir, {
    flavour: 'modernbert',
    modelId: 'tiny-q8-only',
    dtypes: ['q8'],
  });
  await tinyModel(folder.dir, {
    flavour: 'bert',
    modelId: 'tiny-custom-labels',
    labels: ['skip', 'retain'],
  });
});

afterAll(() => folder.dispose());

describe.each([
  ['bert', 'tiny-bert-keep-drop'],
  ['modernbert', 'tiny-modernbert-keep-drop'],
] as const)('mlCompressor (%s tokenizer)', (_flavour, model) => {
  it('drops the words the model marks drop and keeps the rest, in order', async () => {
    const compressor = mlCompressor({ model, localModelPath: folder.dir });
    const result = await compressor.compress(textInput(PARAGRAPH));
    const body = result.output.split('\n')[0]!;
    const expected = wordsOf(PARAGRAPH).filter(
      (word) => !isTinyDropWord(word.replace(/[.,]$/, '')),
    );
    expect(wordsOf(body)).toEqual(expected);
    expect(result.lossless).toBe(false);
    expect(result.labels).toEqual([`ml:${model}:threshold(0.5):chunks(1)`]);
  });

  it('keeps line structure: indentation, list markers, headings, quotes and code', async () => {
    const content = [
      '# The heading of the page stays as it is',
      '',
      'Intro line with the data of the query.',
      '',
      '- first item is about the cache',
      '  - nested item with the server',
      '1. numbered item for the agent',
      '> a quote about the model',
      '',
      '```ts',
      'const the = a + an; // the code is verbatim',
      '```',
      '',
      '    indented line of the context',
    ].join('\n');
    const result = await mlCompressor({
      model,
      localModelPath: folder.dir,
    }).compress(textInput(content));
    const lines = result.output.split('\n');
    expect(lines.slice(0, 13)).toEqual([
      '# The heading of the page stays as it is',
      '',
      'Intro line data query.',
      '',
      '- first item cache',
      '  - nested item server',
      '1. numbered item agent',
      '> quote model',
      '',
      '```ts',
      'const the = a + an; // the code is verbatim',
      '```',
      '',
    ]);
    expect(lines[13]).toBe('    indented line context');
    expect(lines[14]).toMatch(/^\[… \d+ of \d+ words dropped · sc:doc#1 …\]$/);
  });

  it('never drops numbers, identifiers, paths, URLs, code spans or query words', async () => {
    const content =
      'The fix is in /usr/lib/the.so and at https://example.com/the?x=1 for the version 4.2 of the ' +
      'useQuery hook, with the `the and a` span, the MAX_RETRIES constant, the --force flag and the snake_case name. ' +
      'There is one more thing there.';
    const result = await mlCompressor({
      model,
      localModelPath: folder.dir,
    }).compress(textInput(content, { query: 'there' }));
    for (const kept of [
      '/usr/lib/the.so',
      'https://example.com/the?x=1',
      '4.2',
      'useQuery',
      '`the and a`',
      'MAX_RETRIES',
      '--force',
      'snake_case',
      'There',
      'there.',
    ]) {
      expect(result.output).toContain(kept);
    }
    expect(wordsOf(result.output)).not.toContain('The');
  });
});

describe('mlCompressor', () => {
  it('scores every word of an input longer than the window, in sentence chunks', async () => {
    const sentences = Array.from(
      { length: 60 },
      (_, index) =>
        `Sentence ${index} of the text is about the cache and the agent number ${index}.`,
    );
    const content = sentences.join(' ');
    const compressor = mlCompressor({
      model: 'tiny-window-48',
      localModelPath: folder.dir,
      overlapTokens: 8,
    });
    const result = await compressor.compress(textInput(content));
    const chunks = Number(/chunks\((\d+)\)/.exec(result.labels![0]!)![1]);
    expect(chunks).toBeGreaterThan(10);
    const expected = wordsOf(content).filter(
      (word) => !isTinyDropWord(word.replace(/[.,]$/, '')),
    );
    expect(wordsOf(result.output.split('\n')[0]!)).toEqual(expected);
    // The last sentence, far past the 48-token window, was scored too.
    expect(result.output).toContain('Sentence 59 text cache agent number 59.');
  });

  it('adds one marker per block whose span is the original block', async () => {
    const content = `${PARAGRAPH}\n\n## Second section\n\n${PARAGRAPH}`;
    const input = textInput(content);
    const result = await mlCompressor({
      model: 'tiny-bert-keep-drop',
      localModelPath: folder.dir,
      markerBlockChars: 100,
    }).compress(input);
    const refs = parseMarkers(result.output);
    expect(refs.map((ref) => ref.spanId)).toEqual(['1', '2']);
    expect(spanText(content, input.markers.spans[0]!)).toBe(PARAGRAPH);
    expect(spanText(content, input.markers.spans[1]!)).toBe(
      `## Second section\n\n${PARAGRAPH}`,
    );
  });

  it('keeps a block whole when its marker would cost more than the words dropped', async () => {
    const content = 'The cache of the agent.';
    const input = textInput(content);
    const result = await mlCompressor({
      model: 'tiny-bert-keep-drop',
      localModelPath: folder.dir,
    }).compress(input);
    expect(result.output).toBe(content);
    expect(result.lossless).toBe(true);
    expect(input.markers.spans).toEqual([]);
  });

  it('plugs into the router: SharedContext stores the ML output and resolves its markers', async () => {
    const content = Array.from({ length: 8 }, () => PARAGRAPH).join('\n\n');
    const ctx = new SharedContext({
      compressors: [
        mlCompressor({
          model: 'tiny-bert-keep-drop',
          localModelPath: folder.dir,
        }),
        ...defaultCompressors(),
      ],
      minTokens: 0,
    });
    const entry = await ctx.put('notes', content, { contentType: 'text' });
    expect(entry.transforms).toContain(
      'ml:tiny-bert-keep-drop:threshold(0.5):chunks(1)',
    );
    const compressed = (await ctx.get('notes'))!;
    const refs = parseMarkers(compressed);
    // 8 paragraphs of ~330 characters: blocks close at the first blank line past 2,000.
    expect(refs).toHaveLength(2);
    const first = (await ctx.retrieve('notes', {
      marker: `sc:${refs[0]!.key}#${refs[0]!.spanId}`,
    }))!;
    const second = (await ctx.retrieve('notes', {
      marker: `sc:${refs[1]!.key}#${refs[1]!.spanId}`,
    }))!;
    expect(`${first}\n\n${second}`).toBe(content);
    expect(await ctx.get('notes', { full: true })).toBe(content);
  });

  it('keeps the best-scoring fraction of the words with rate', async () => {
    const sentence =
      'usually the query often the cache basically and agent simply of data generally';
    const content = Array.from({ length: 4 }, () => sentence).join(' ');
    const result = await mlCompressor({
      model: 'tiny-bert-keep-drop',
      localModelPath: folder.dir,
      rate: 0.5,
    }).compress(textInput(content));
    // 52 words → 26 kept: the 16 strong words (≈0.97), then the first 10 of
    // the 20 weak ones (≈0.92); stop words (≈0.03) go.
    const strong = new Set(['query', 'cache', 'agent', 'data']);
    const weak = new Set([
      'usually',
      'often',
      'basically',
      'simply',
      'generally',
    ]);
    let weakLeft = 10;
    const expected = wordsOf(content).filter(
      (word) => strong.has(word) || (weak.has(word) && weakLeft-- > 0),
    );
    expect(wordsOf(result.output.split('\n')[0]!)).toEqual(expected);
    expect(result.labels![0]).toBe(
      'ml:tiny-bert-keep-drop:rate(0.5):chunks(1)',
    );
  });

  it('takes the call targetRatio as the rate when no rate is set', async () => {
    const result = await mlCompressor({
      model: 'tiny-bert-keep-drop',
      localModelPath: folder.dir,
    }).compress(textInput(PARAGRAPH, { targetRatio: 0.3 }));
    expect(result.labels![0]).toBe(
      'ml:tiny-bert-keep-drop:rate(0.3):chunks(1)',
    );
  });

  it('maps the keep label by name', async () => {
    const keep = mlCompressor({
      model: 'tiny-custom-labels',
      localModelPath: folder.dir,
      keepLabel: 'retain',
    });
    expect(
      wordsOf((await keep.compress(textInput(PARAGRAPH))).output),
    ).toContain('query');
    const inverted = mlCompressor({
      model: 'tiny-custom-labels',
      localModelPath: folder.dir,
      keepLabel: 'skip',
    });
    const output = (await inverted.compress(textInput(PARAGRAPH))).output;
    expect(wordsOf(output)).toContain('the');
    expect(wordsOf(output)).not.toContain('query');
    const unknown = mlCompressor({
      model: 'tiny-custom-labels',
      localModelPath: folder.dir,
      keepLabel: 'nope',
    });
    expect((await unknown.compress(textInput(PARAGRAPH))).labels![0]).toBe(
      'ml:fallback(load-failed)→text',
    );
  });

  it("loads model_quantized.onnx for dtype 'q8'", async () => {
    const q8 = mlCompressor({
      model: 'tiny-q8-only',
      localModelPath: folder.dir,
      dtype: 'q8',
    });
    expect((await q8.compress(textInput(PARAGRAPH))).labels![0]).toBe(
      'ml:tiny-q8-only:threshold(0.5):chunks(1)',
    );
    const fp32 = mlCompressor({
      model: 'tiny-q8-only',
      localModelPath: folder.dir,
      dtype: 'fp32',
    });
    expect((await fp32.compress(textInput(PARAGRAPH))).labels![0]).toBe(
      'ml:fallback(model-missing)→text',
    );
  });

  it('loads a model by absolute path', async () => {
    const byPath = mlCompressor({
      model: `${folder.dir}/tiny-modernbert-keep-drop`,
    });
    expect((await byPath.compress(textInput(PARAGRAPH))).labels![0]).toMatch(
      /^ml:tiny-modernbert-keep-drop:/,
    );
  });

  it('falls back to the text compressor when the model is missing, and says so', async () => {
    const content = Array.from(
      { length: 12 },
      (_, index) => `Line ${index}: ${PARAGRAPH}`,
    ).join('\n');
    const compressor = mlCompressor({
      model: 'nobody/no-such-model',
      localModelPath: folder.dir,
    });
    const result = await compressor.compress(textInput(content));
    expect(result.labels![0]).toBe('ml:fallback(model-missing)→text');
    expect(result.labels!.length).toBeGreaterThan(1);
    await expect(compressor.prepare!()).resolves.toBeUndefined();
  });

  it('falls back when the deadline passes', async () => {
    let clock = 0;
    const compressor = mlCompressor({
      model: 'tiny-bert-keep-drop',
      localModelPath: folder.dir,
      timeoutMs: 1000,
      now: () => (clock += 5000),
    });
    const input = textInput(PARAGRAPH);
    const result = await compressor.compress(input);
    expect(result.labels![0]).toBe('ml:fallback(timeout)→text');
  });

  it('rejects with the abort reason when the caller aborts (no fallback work)', async () => {
    const controller = new AbortController();
    controller.abort();
    const compressor = mlCompressor({
      model: 'tiny-bert-keep-drop',
      localModelPath: folder.dir,
    });
    await expect(
      compressor.compress(textInput(PARAGRAPH, { signal: controller.signal })),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
  });

  it('is skipped on the synchronous path, where the text compressor answers', async () => {
    const compressors = [
      mlCompressor({
        model: 'tiny-bert-keep-drop',
        localModelPath: folder.dir,
      }),
      ...defaultCompressors(),
    ];
    await prepare({ compressors });
    const content = Array.from(
      { length: 20 },
      (_, index) => `Line ${index}: ${PARAGRAPH}`,
    ).join('\n');
    const sync = compressSync(content, {
      compressors,
      contentType: 'text',
      minTokens: 0,
    });
    expect(sync.transforms).toContain(
      'ml:skipped(async-only on the sync path)',
    );
    const async = await compress(content, {
      compressors,
      contentType: 'text',
      minTokens: 0,
    });
    expect(async.transforms[1]).toMatch(
      /^ml:tiny-bert-keep-drop:threshold\(0\.5\):chunks\(\d+\)$/,
    );
  });

  it('rejects bad options with InvalidArgumentError', () => {
    for (const options of [
      { rate: 0 },
      { threshold: 1 },
      { concurrency: 0 },
      { timeoutMs: -1 },
      { dtype: 'fp16' },
      { model: '' },
    ]) {
      expect(() => mlCompressor(options as never)).toThrowError(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      );
    }
    try {
      mlCompressor({ maxTokens: 8 });
    } catch (error) {
      expect(InvalidArgumentError.isInstance(error) && error.parameter).toBe(
        'maxTokens',
      );
    }
  });
});
