import {
  describeCorpus,
  generateSparseLog,
  listCorpus,
  readCorpus,
  readHeadroomFixtures,
} from '@sharedcontext-internal/test-utils';
import { describe, expect, it } from 'vitest';
import type { ContentType } from '../types.ts';
import { defaultDetectors, detectContentType } from './detect-content-type.ts';

// Headroom's labels → ours.
const LABELS: Record<string, ContentType> = {
  json_array: 'json',
  git_diff: 'diff',
  diff: 'diff',
  build_output: 'log',
  build: 'log',
  search_results: 'search',
  search: 'search',
  source_code: 'code',
  plain_text: 'text',
  text: 'text',
  html: 'html',
};

// Where we answer differently from Headroom on purpose.
const DELIBERATE: Record<string, { type: ContentType; why: string }> = {
  // `{"foo": "bar"}`: Headroom's regex detector only knows JSON arrays, so a
  // JSON object is text there; ours detects objects too, so API responses
  // such as `{"total_count":…,"items":[…]}` reach the JSON compressor.
  '9fb76321d31ed64c.json': { type: 'json', why: 'JSON objects are JSON' },
};

interface DetectorFixture {
  content_type: string;
  metadata?: { language?: string };
}

describeCorpus(
  'detectContentType on Headroom content_detector fixtures',
  () => {
    const fixtures = readHeadroomFixtures('content_detector');

    it('has all 21 labelled cases', () => {
      expect(fixtures).toHaveLength(21);
    });

    for (const fixture of fixtures) {
      const expected = fixture.output as DetectorFixture;
      const deliberate = DELIBERATE[fixture.name];
      const want = deliberate?.type ?? LABELS[expected.content_type];
      it(`${fixture.name}: ${expected.content_type} → ${want}${deliberate ? ` (${deliberate.why})` : ''}`, () => {
        const detection = detectContentType(fixture.input as string);
        expect(detection.contentType).toBe(want);
        if (expected.metadata?.language) {
          expect(detection.language).toBe(expected.metadata.language);
        }
      });
    }
  },
);

describeCorpus('detectContentType on the shared corpus', () => {
  const cases: Array<[string, ContentType, string?]> = [
    ...listCorpus('logs')
      .filter((name) => name.endsWith('.log'))
      .map((name): [string, ContentType] => [`logs/${name}`, 'log']),
    ...listCorpus('diffs').map((name): [string, ContentType] => [
      `diffs/${name}`,
      'diff',
    ]),
    ...listCorpus('search').map((name): [string, ContentType] => [
      `search/${name}`,
      'search',
    ]),
    ...listCorpus('prose').map((name): [string, ContentType] => [
      `prose/${name}`,
      'text',
    ]),
    ...listCorpus('json').map((name): [string, ContentType] => [
      `json/${name}`,
      'json',
    ]),
    ['code/query.ts', 'code', 'typescript'],
    ['code/queryClient.ts', 'code', 'typescript'],
    ['code/storage.ts', 'code', 'typescript'],
    ['code/shared_context.py', 'code', 'python'],
    ['code/log_compressor.rs', 'code', 'rust'],
  ];
  for (const [file, type, language] of cases) {
    it(`${file} → ${type}${language ? ` (${language})` : ''}`, () => {
      const detection = detectContentType(readCorpus(file));
      expect(detection.contentType).toBe(type);
      if (language) expect(detection.language).toBe(language);
    });
  }
});

describe('defaultDetectors', () => {
  it('calls a log with ISO timestamps a log, not search results (regression)', () => {
    const log = Array.from(
      { length: 40 },
      (_, i) =>
        `2026-11-24T09:00:${String(i).padStart(2, '0')}.000Z INFO  [checkout] GET /api/v2/checkout/${i} 200 12ms trace=ab${i}`,
    ).join('\n');
    expect(detectContentType(log).contentType).toBe('log');
  });

  it("reads a compiler's coloured output, code frames and all, as the log it is", async () => {
    const colour = (code: number, text: string): string =>
      `\u001b[${code}m${text}\u001b[0m`;
    const errors = ['TS2322', 'TS2304', 'TS6133', 'TS2345'];
    const frames = [
      'const r = rates[from] / rates[too];',
      'total += item.price * item.qty',
      'log(format(amount, currency))',
      'return convert(value, "EUR")',
      'let x = 1',
    ];
    const output = Array.from({ length: 30 }, (_, i) =>
      [
        `${colour(96, `src/file${i % 6}.ts`)}:${colour(93, String(i + 3))}:${colour(93, '7')} - ${colour(91, 'error')}${colour(90, ` ${errors[i % 4]}: `)}Type 'string' is not assignable to type 'number'.`,
        '',
        `${colour(7, String(i + 3))} ${frames[i % frames.length]}`,
        `${colour(7, ' ')} ${colour(91, '      ~~~~~')}`,
        '',
      ].join('\n'),
    ).join('\n');
    expect(detectContentType(output).contentType).toBe('log');
    const { compress } = await import('../compress.ts');
    const result = await compress(output, { model: 'gpt-4o' });
    // The compressors get the content as it is, colours and all.
    expect(result.compressed).toContain('\u001b[91merror\u001b[0m');
    expect(result.savingsPercent).toBeGreaterThan(60);
  });

  it('calls logs stamped with bracketed seconds since start, and record blocks, logs', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const sparse = generateSparseLog(seed, { lines: 300 });
      expect(detectContentType(sparse.content), sparse.layout).toMatchObject({
        contentType: 'log',
      });
    }
    const uptime = Array.from(
      { length: 60 },
      (_, i) =>
        `[${(i * 0.013).toFixed(6).padStart(12)}] ${['pci', 'acpi', 'usb', 'net'][i % 4]} ${i}: probe of device ${i * 31} done`,
    ).join('\n');
    expect(detectContentType(uptime).contentType).toBe('log');
  });

  it('calls code with long statement bodies code (regression)', () => {
    const body = Array.from(
      { length: 12 },
      (_, i) => `  total += order.items * factor * ${i}; // step ${i}`,
    );
    const source = [
      "import { createHash } from 'node:crypto';",
      "import type { Order } from './types.ts';",
      ...[1, 2, 3].flatMap((n) => [
        `export function compute${n}(order: Order, factor = 1.5): number {`,
        '  let total = 0;',
        ...body,
        '  return total;',
        '}',
        '',
      ]),
    ].join('\n');
    expect(detectContentType(source)).toMatchObject({
      contentType: 'code',
      language: 'typescript',
    });
  });

  it('runs json, diff, html, search, mixed, log, code in that order', () => {
    expect(defaultDetectors().map((detector) => detector.name)).toEqual([
      'json',
      'diff',
      'html',
      'search',
      'mixed',
      'log',
      'code',
    ]);
  });
});

describe('detectContentType', () => {
  it('detects JSON arrays of objects, arrays of scalars and objects, keeping the data', () => {
    expect(detectContentType('[{"a":1},{"a":2}]')).toMatchObject({
      contentType: 'json',
      data: [{ a: 1 }, { a: 2 }],
    });
    expect(detectContentType('[1, 2, 3]')).toMatchObject({
      contentType: 'json',
      data: [1, 2, 3],
    });
    expect(
      detectContentType('{"total_count": 2, "items": []}').contentType,
    ).toBe('json');
  });

  it('does not call malformed or truncated JSON json', () => {
    expect(detectContentType('[{"a":1},{"a":').contentType).not.toBe('json');
    expect(detectContentType('{"a": 1,}').contentType).not.toBe('json');
  });

  it('detects ripgrep output with context lines', () => {
    const rg = [
      'src/storage.ts-10-import { a } from "./a";',
      'src/storage.ts:11:export function createStorage() {',
      'src/storage.ts-12-  const ctx = {};',
      '--',
      'src/drivers/fs-lite.ts:40:export default defineDriver(() => {',
    ].join('\n');
    expect(detectContentType(rg).contentType).toBe('search');
  });

  it('calls prose with a fenced JSON block mixed', () => {
    const text = [
      'The deploy failed on the second region and here is what the API returned to us:',
      '',
      '```json',
      JSON.stringify(
        { region: 'eu-west-1', status: 'failed', retries: [1, 2, 3] },
        null,
        2,
      ),
      '```',
      '',
      'Please look at the retries and tell me what went wrong with the rollout.',
    ].join('\n');
    expect(detectContentType(text).contentType).toBe('mixed');
  });

  it('calls prose with a bare pretty-printed JSON block mixed', () => {
    const text = `Here is the record we got back from the service today:\n${JSON.stringify({ id: 7, name: 'alpha', tags: ['a', 'b'] }, null, 2)}\nIt looks wrong to me because the tags are missing.`;
    expect(detectContentType(text).contentType).toBe('mixed');
  });

  it('keeps documentation with a few code examples as text', () => {
    const text = [
      '# Caching',
      '',
      'Queries are cached by their key, and the cache is shared by every component that uses the same key.',
      'Stale data is refetched in the background when a window regains focus or the network reconnects.',
      'You can change that behaviour per query or globally when you create the client for your app.',
      '',
      '```ts',
      "const query = useQuery({ queryKey: ['todos'], queryFn: fetchTodos })",
      '```',
      '',
      'The next section explains how invalidation marks cached queries as stale so they refetch soon.',
    ].join('\n');
    expect(detectContentType(text).contentType).toBe('text');
  });

  it('never throws on binary, NUL-laden or control-character text', () => {
    const binary = Array.from({ length: 5000 }, (_, i) =>
      String.fromCharCode(i % 256),
    ).join('');
    expect(() => detectContentType(binary)).not.toThrow();
    expect(() => detectContentType('\u0000'.repeat(10_000))).not.toThrow();
    expect(detectContentType('\u0000{"a":1}').contentType).not.toBe('json');
  });

  it('handles a 1 MB single line and a 50 MB input', () => {
    const line = 'x'.repeat(1024 * 1024);
    expect(detectContentType(line).contentType).toBe('text');
    const big = 'INFO 2024-01-01 request served in 12 ms\n'.repeat(1_400_000);
    expect(big.length).toBeGreaterThan(50 * 1024 * 1024);
    expect(detectContentType(big).contentType).toBe('log');
  });

  it('handles 10,000-deep JSON nesting', () => {
    const deep = `${'['.repeat(10_000)}1${']'.repeat(10_000)}`;
    expect(detectContentType(deep).contentType).toBe('json');
  });
});
