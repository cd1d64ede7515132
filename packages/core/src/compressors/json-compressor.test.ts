import {
  describeCorpus,
  readCorpus,
  readHeadroomFixtures,
  runCompressor,
} from '@sharedcontext-internal/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { compress } from '../compress.ts';
import { detectContentType } from '../detect/index.ts';
import { InvalidArgumentError } from '../errors/index.ts';
import { parseMarkers, spanText } from '../retrieval/index.ts';
import { SharedContext } from '../shared-context.ts';
import { estimateTokenizer, tiktokenTokenizer } from '../tokenizer/index.ts';
import { arrayElementSpans } from '../util/json-scan.ts';
import { formatCell } from './json-cell.ts';
import {
  type JsonCompressorOptions,
  jsonCompressor,
} from './json-compressor.ts';
import { decodeJson } from './json-decode.ts';
import { locateItems } from './json-locate.ts';

const o200k = tiktokenTokenizer('o200k_base');
beforeAll(() => o200k.load());

/** Runs the compressor alone, as the router would. */
function run(
  content: string,
  options: JsonCompressorOptions = {},
  extra: { query?: string; tokenizer?: typeof o200k } = {},
) {
  return runCompressor(jsonCompressor(options), content, {
    tokenizer: extra.tokenizer ?? o200k,
    detection: detectContentType(content),
    query: extra.query,
  });
}

/** The `#` column of a lossy table: which items are shown. */
function shownIndices(output: string): number[] {
  return output
    .split('\n')
    .filter((line) => /^\d+,/.test(line))
    .map((line) => Number(line.slice(0, line.indexOf(','))));
}

function logRecords(): Array<Record<string, unknown>> {
  return Array.from({ length: 60 }, (_, i) => ({
    id: i,
    service: `api-${i % 3}`,
    status: i === 30 ? 'failed' : 'ok',
    message:
      i === 30 ? 'OutOfMemoryError: heap exhausted' : `request ${i} served`,
    latencyMs: 20 + ((i * 37) % 50),
  }));
}

describeCorpus('jsonCompressor on the npm corpus', () => {
  const content = readCorpus('json/npm-packages-1500.json');
  const items = JSON.parse(content) as Array<{
    name: string;
    downloads_a_month: number;
  }>;

  it('saves at least 60 % of o200k tokens with every field, the count and the top-10 by downloads', async () => {
    const result = await compress(content, { model: 'gpt-4o' });
    expect(result.contentType).toBe('json');
    expect(result.savingsPercent).toBeGreaterThanOrEqual(60);
    for (const field of ['name', 'version', 'downloads_a_month', 'summary'])
      expect(result.compressed).toContain(field);
    expect(result.compressed).toContain('[1500 items,');
    const top10 = [...items]
      .sort((a, b) => b.downloads_a_month - a.downloads_a_month)
      .slice(0, 10);
    for (const item of top10)
      expect(result.compressed).toContain(`${formatCell(item.name)},`);
    expect(
      result.transforms.some((label) => label.startsWith('json:sample(1500->')),
    ).toBe(true);
  });

  /** The original text of each run of items not shown, in order. */
  function droppedRuns(shown: ReadonlySet<number>): string[] {
    const spans = arrayElementSpans(content, content.indexOf('['))!;
    const runs: string[] = [];
    let first = -1;
    spans.forEach((_, index) => {
      if (!shown.has(index) && first < 0) first = index;
      if (first >= 0 && (shown.has(index) || index === spans.length - 1)) {
        const last = shown.has(index) ? index - 1 : index;
        runs.push(content.slice(spans[first]![0], spans[last]![1]));
        first = -1;
      }
    });
    return runs;
  }

  it('each dropped run has its own marker, which retrieves exactly that run', async () => {
    const ctx = new SharedContext({ model: 'gpt-4o' });
    const entry = await ctx.put('npm', content);
    const markerLines = entry.compressed
      .split('\n')
      .filter((line) => line.includes('sc:npm#'));
    const shown = new Set(shownIndices(entry.compressed));
    const runs = droppedRuns(shown);
    expect(runs.length).toBeGreaterThan(1);
    expect(markerLines).toHaveLength(runs.length);
    const retrieved = await Promise.all(
      markerLines.map((line) => ctx.retrieve('npm', { marker: line })),
    );
    expect(retrieved).toEqual(runs);
    const droppedItems = JSON.parse(`[${runs.join(',')}]`) as unknown[];
    expect(droppedItems).toHaveLength(items.length - shown.size);
    expect(await ctx.resolveMarker(markerLines[0]!)).toBe(retrieved[0]);
  });

  it('shares one marker among all runs when maxMarkers is exceeded', async () => {
    const ctx = new SharedContext({
      model: 'gpt-4o',
      compressors: [jsonCompressor({ maxMarkers: 2 })],
    });
    const entry = await ctx.put('npm', content);
    const markerLines = entry.compressed
      .split('\n')
      .filter((line) => line.includes('sc:npm#'));
    expect(markerLines).toHaveLength(1);
    const retrieved = await ctx.retrieve('npm', { marker: markerLines[0]! });
    // The runs' texts, in order, one newline between runs.
    expect(retrieved).toBe(
      droppedRuns(new Set(shownIndices(entry.compressed))).join('\n'),
    );
  });

  it('retrieves items matching a query from the original', async () => {
    const ctx = new SharedContext({ model: 'gpt-4o' });
    await ctx.put('npm', content);
    const found = await ctx.retrieve('npm', { query: '@astrojs/compiler' });
    expect(found).toContain('"@astrojs/compiler"');
  });
});

const WORDS =
  'cache token retry worker queue shard latency deploy rollback index schema replica migration timeout webhook payload cursor billing tenant quota'.split(
    ' ',
  );

describeCorpus('jsonCompressor on the octokit corpus', () => {
  // o200k savings vs minified JSON measured when the outline landed
  // (labels 50.7 %, paginate-issues 66.5 %, release-assets 51.3 %,
  // search-issues 26.4 %); the bounds leave a few points of room.
  const minSavings: Record<string, number> = {
    'octokit-labels.json': 0.45,
    'octokit-paginate-issues.json': 0.6,
    'octokit-release-assets.json': 0.45,
    'octokit-search-issues.json': 0.2,
  };
  /** Every object key, and `key[length]` of every non-empty array (`[5]` for the root). */
  function shape(data: unknown): { keys: Set<string>; counts: Set<string> } {
    const keys = new Set<string>();
    const counts = new Set<string>();
    const stack: Array<[unknown, string]> = [[data, '']];
    while (stack.length > 0) {
      const [value, key] = stack.pop()!;
      if (Array.isArray(value)) {
        if (value.length > 0) counts.add(`${key}[${value.length}]`);
        for (const item of value) stack.push([item, '']);
      } else if (typeof value === 'object' && value !== null)
        for (const [inner, child] of Object.entries(value)) {
          keys.add(inner);
          stack.push([child, inner]);
        }
    }
    return { keys, counts };
  }

  for (const file of Object.keys(minSavings)) {
    it(`${file}: a lossless outline saving ≥ ${minSavings[file]! * 100} % vs minified, with every field name and item count`, () => {
      const content = readCorpus(`json/${file}`);
      const data = JSON.parse(content) as unknown;
      const result = run(content);
      expect(result.lossless).toBe(true);
      expect(result.labels?.[0]).toMatch(/^json:tree/);
      expect(o200k.count(result.output)).toBeLessThanOrEqual(
        o200k.count(JSON.stringify(data)) * (1 - minSavings[file]!),
      );
      const { keys, counts } = shape(data);
      for (const key of keys) expect(result.output).toContain(key);
      for (const count of counts) expect(result.output).toContain(count);
    });
  }

  it('samples a long nested array, and its marker retrieves exactly the dropped items through a SharedContext', async () => {
    const recording = JSON.parse(
      readCorpus('json/octokit-paginate-issues.json'),
    ) as Array<{ response: Array<Record<string, unknown>> }>;
    const issues = recording.flatMap((interaction) => interaction.response);
    const response = Array.from({ length: 60 }, (_, i) => ({
      ...issues[i % issues.length],
      number: 100 + i,
      title: i === 40 ? 'Deploy failed: error 500' : `Issue ${100 + i}`,
      // A body of its own per issue, so the lossless outline stays long.
      body: Array.from(
        { length: 40 },
        (_, k) => WORDS[(i * 31 + k * 17 + ((i * k) % 7)) % WORDS.length],
      ).join(' '),
    }));
    const content = JSON.stringify(
      recording.map((interaction, i) =>
        i === 0 ? { ...interaction, response } : interaction,
      ),
      null,
      2,
    );
    const ctx = new SharedContext({
      model: 'gpt-4o',
      compressors: [jsonCompressor({ minSampleSavings: 0 })],
    });
    const entry = await ctx.put('gh', content);
    expect(entry.transforms).toContain('json:tree-sample(1 arrays)');
    const lines = entry.compressed.split('\n');
    const header = lines.findIndex((line) =>
      line.includes('response[60 items, '),
    );
    expect(header).toBeGreaterThan(0);
    const shown: number[] = [];
    for (const line of lines.slice(header + 1)) {
      const match = /^ {6}(\d+),/.exec(line);
      if (match) shown.push(Number(match[1]));
      else if (!line.startsWith('      [… ')) break;
    }
    expect(shown).toEqual(expect.arrayContaining([0, 1, 2, 40, 58, 59]));
    const spans = locateItems(content, [0, 'response'])!;
    const runs: string[] = [];
    let previous = -1;
    for (const index of [...shown, 60]) {
      if (index > previous + 1)
        runs.push(content.slice(spans[previous + 1]![0], spans[index - 1]![1]));
      previous = index;
    }
    const markerLines = lines.filter((line) => line.includes('sc:gh#'));
    expect(markerLines.length === 1 || markerLines.length === runs.length).toBe(
      true,
    );
    const retrieved = await Promise.all(
      markerLines.map((marker) => ctx.retrieve('gh', { marker })),
    );
    expect(retrieved.join('\n')).toBe(runs.join('\n'));
    const dropped = JSON.parse(`[${runs.join(',')}]`) as unknown[];
    expect(dropped).toEqual(
      response.filter((_, index) => !shown.includes(index)),
    );
  });
});

describeCorpus('jsonCompressor on Headroom smart_crusher fixtures', () => {
  const fixtures = readHeadroomFixtures('smart_crusher');
  for (const fixture of fixtures) {
    const input = fixture.input as { content: string };
    const output = fixture.output as { compressed: string };
    it(`${fixture.name}: no larger than Headroom's output, keeping its error rows and an example of each rare value it kept`, () => {
      const detection = detectContentType(input.content);
      if (detection.contentType !== 'json') {
        expect(fixture.name).toMatch(/non_json/);
        return;
      }
      const result = run(input.content);
      expect(o200k.count(result.output)).toBeLessThanOrEqual(
        o200k.count(output.compressed),
      );
      const kept = JSON.parse(output.compressed) as unknown;
      if (!Array.isArray(kept)) return;
      const rows = kept.filter(
        (item): item is Record<string, unknown> =>
          typeof item === 'object' &&
          item !== null &&
          !('_ccr_dropped' in item),
      );
      // A lossless view (its columns may be encoded: `id=0..29`) holds
      // every row: it decodes to the input.
      if (result.lossless) {
        expect(decodeJson(result.output)).toEqual(JSON.parse(input.content));
        return;
      }
      // Every error row Headroom kept is a row of ours too.
      for (const item of rows.filter((row) =>
        /error|fail/i.test(JSON.stringify(row)),
      ))
        expect(result.output).toContain(
          Object.values(item).map(formatCell).join(','),
        );
      // A warning level Headroom kept in every occurrence shows up in ours
      // by examples (rareItems), each row verbatim.
      const warnings = rows.filter((row) => /warn/i.test(JSON.stringify(row)));
      const shown = warnings.filter((item) =>
        result.output.includes(Object.values(item).map(formatCell).join(',')),
      );
      expect(shown.length).toBeGreaterThanOrEqual(Math.min(3, warnings.length));
    });
  }
});

describe('jsonCompressor', () => {
  it('renders an array of objects as a lossless table with one header', () => {
    const content = JSON.stringify(
      Array.from({ length: 12 }, (_, i) => ({
        id: (i * 5) % 12,
        name: ['ann', 'bob', 'cyd'][i % 3],
        meta: { region: i % 4 === 0 ? 'us' : 'eu', tier: i % 2 },
      })),
      null,
      2,
    );
    const result = run(content);
    expect(result.lossless).toBe(true);
    expect(result.labels).toEqual(['json:table']);
    const [header, first] = result.output.split('\n');
    expect(header).toBe(
      '[12]{id:int,name:string,meta.region:string,meta.tier:int}',
    );
    expect(first).toBe('0,ann,us,0');
    expect(decodeJson(result.output)).toEqual(JSON.parse(content));
  });

  it('encodes columns: ranges, templates and constants move into the header', () => {
    const content = JSON.stringify(
      Array.from({ length: 12 }, (_, i) => ({
        id: i,
        name: `user ${i}`,
        meta: { region: 'eu', tier: i % 2 },
      })),
      null,
      2,
    );
    const result = run(content);
    expect(result.lossless).toBe(true);
    const [header, first] = result.output.split('\n');
    expect(header).toBe(
      '[12]{id=0..11,name=`user {id}`,meta.region="eu",meta.tier:int}',
    );
    expect(first).toBe('0');
    expect(decodeJson(result.output)).toEqual(JSON.parse(content));
  });

  it('compacts an array inside a top-level object in place', () => {
    const content = JSON.stringify(
      {
        total_count: 3,
        items: [
          { a: 7, b: 'x' },
          { a: 2, b: 'y' },
          { a: 9, b: 'z' },
        ],
      },
      null,
      2,
    );
    const result = run(content);
    expect(result.output.split('\n')).toEqual([
      '{"total_count":3,"items":[…]}',
      'items[3]{a:int,b:string}',
      '7,x',
      '2,y',
      '9,z',
    ]);
    expect(decodeJson(result.output)).toEqual(JSON.parse(content));
  });

  it('samples a large array, keeping first, last, errors, outliers and query matches', () => {
    // Each record carries text of its own, so no column encoding makes the
    // complete table smaller than a sample.
    const records = logRecords().map((record, i) => ({
      ...record,
      trace: Array.from(
        { length: 12 },
        (_, k) => WORDS[(i * 31 + k * 17 + ((i * k) % 7)) % WORDS.length],
      ).join(' '),
    }));
    records[45]!.latencyMs = 5000;
    const content = JSON.stringify(records, null, 2);
    const result = run(
      content,
      { minSampleSavings: 0 },
      { query: 'api-1 request 52' },
    );
    expect(result.lossless).toBe(false);
    const shown = shownIndices(result.output);
    expect(shown).toEqual(
      expect.arrayContaining([0, 1, 2, 58, 59, 30, 45, 52]),
    );
    expect(result.output.split('\n')[0]).toMatch(
      /^\[60 items, \d+ shown\]\{#,id:int,service:string,status:string,message:string,latencyMs:int,trace:string\}$/,
    );
  });

  it('keeps the complete table when a sample would not halve it', () => {
    const content = JSON.stringify(logRecords(), null, 2);
    const result = run(content, { minSampleSavings: 0.9 });
    expect(result.lossless).toBe(true);
    expect(result.labels).toEqual(['json:table']);
    expect(result.output.split('\n')).toHaveLength(61);
  });

  it('puts one marker per dropped run, each resolving to exactly those items', () => {
    const content = JSON.stringify(logRecords(), null, 2);
    const result = run(content, { minItems: 0, topItems: 0 });
    const shown = shownIndices(result.output);
    const spans = arrayElementSpans(content, 0)!;
    const markerLines = result.output
      .split('\n')
      .filter((line) => line.includes('sc:k#'));
    expect(markerLines).toHaveLength(result.spans.length);
    let previous = -1;
    const runs: Array<[number, number]> = [];
    for (const index of [...shown, 60]) {
      if (index > previous + 1) runs.push([previous + 1, index - 1]);
      previous = index;
    }
    expect(result.spans).toHaveLength(runs.length);
    runs.forEach(([first, last], position) => {
      const span = result.spans[position]!;
      expect(span.summary).toBe(`${last - first + 1} items omitted`);
      const text = spanText(content, span);
      expect(text).toBe(content.slice(spans[first]![0], spans[last]![1]));
      expect(JSON.parse(`[${text}]`)).toEqual(
        logRecords().slice(first, last + 1),
      );
      expect(parseMarkers(markerLines[position]!)[0]).toEqual({
        key: 'k',
        spanId: span.id,
      });
    });
  });

  it('keeps the supporting facts of a fidelity case (recall 1.0)', () => {
    const records = Array.from({ length: 30 }, (_, i) => ({
      step: 4000 + i * 50,
      level: 'info',
      message:
        i === 10
          ? 'checkpoint saved at step 4500'
          : `training step ${4000 + i * 50} loss 0.${40 - i}`,
    }));
    records[24] = {
      step: 5200,
      level: 'error',
      message: 'CUDA out of memory: tried to allocate 2.00 GiB',
    };
    records[23] = {
      step: 5150,
      level: 'warn',
      message: 'GPU memory usage at 98%',
    };
    const content = JSON.stringify(records);
    const result = run(
      content,
      { maxItems: 8, minItems: 0 },
      {
        query: 'Why did training crash and when was the last checkpoint saved?',
      },
    );
    for (const fact of [
      'CUDA out of memory',
      'GPU memory usage at 98%',
      'checkpoint saved at step 4500',
    ]) {
      expect(result.output).toContain(fact);
    }
  });

  it("keeps a row whose text breaks the column's template, with no query", () => {
    const records = Array.from({ length: 28 }, (_, seq) => ({
      seq,
      level: 'INFO',
      msg: `heartbeat ping ${(seq * 7) % 23}`,
    }));
    records.splice(9, 0, {
      seq: 9,
      level: 'INFO',
      msg: 'checkpoint saved at step 4500',
    });
    const output = run(JSON.stringify(records), {
      maxItems: 8,
      minItems: 0,
      minSampleSavings: 0,
    }).output;
    expect(output).toMatch(/^\[29 items, \d+ shown\]/);
    expect(output).toContain('checkpoint saved at step 4500');
  });

  it('shows a dropped run cheaper than its marker instead of marking it', () => {
    // The top values sit two apart, so each leaves a one-item gap.
    const records = Array.from({ length: 200 }, (_, i) => ({
      i,
      v: [60, 62, 64, 66].includes(i) ? 900 + i : (i * 7) % 50,
    }));
    const output = run(JSON.stringify(records), {
      minSampleSavings: 0,
    }).output;
    const shown = shownIndices(output);
    expect(shown).toEqual(expect.arrayContaining([60, 61, 62, 63, 64, 65, 66]));
    expect(output).not.toContain('[… 1 item omitted');
  });

  it('does not treat a column with many rare templates as signal', () => {
    // Every tenth version is a prerelease, in one of five shapes.
    const tags = ['alpha', 'beta', 'rc', 'next', 'canary'];
    const records = Array.from({ length: 200 }, (_, i) => ({
      name: `pkg-${i}`,
      version:
        i % 10 === 5 ? `1.${i}.0-${tags[((i - 5) % 50) / 10]}.1` : `1.${i}.0`,
    }));
    const kept = shownIndices(
      run(JSON.stringify(records), { minSampleSavings: 0 }).output,
    );
    expect(kept.filter((index) => index % 10 === 5).length).toBeLessThan(5);
  });

  it('rejects a bad option with an InvalidArgumentError naming it', () => {
    const cases: Array<[JsonCompressorOptions, string]> = [
      [{ maxItems: 0 }, 'maxItems'],
      [{ minItems: -1 }, 'minItems'],
      [{ rareItems: 0 }, 'rareItems'],
      [{ maxMarkers: 0 }, 'maxMarkers'],
      [{ topItems: 1.5 }, 'topItems'],
      [{ minTableSavings: 2 }, 'minTableSavings'],
      [{ minSampleSavings: Number.NaN }, 'minSampleSavings'],
      [{ maxPrefixes: -1 }, 'maxPrefixes'],
    ];
    for (const [options, parameter] of cases) {
      let caught: unknown;
      try {
        jsonCompressor(options);
      } catch (error) {
        caught = error;
      }
      expect(InvalidArgumentError.isInstance(caught), parameter).toBe(true);
      expect((caught as InvalidArgumentError).parameter).toBe(parameter);
    }
    expect(() =>
      jsonCompressor({
        maxMarkers: Number.POSITIVE_INFINITY,
        minTableSavings: -1,
      }),
    ).not.toThrow();
  });

  it('collapses identical rows and writes scalar arrays in run notation, losslessly', () => {
    expect(
      run(
        JSON.stringify(
          Array.from({ length: 40 }, () => ({ event: 'heartbeat', ok: true })),
        ),
      ).output,
    ).toBe('[40]{event="heartbeat",ok=true}');
    const numbers = [10, 11, 12, 10, 11, 12, 10, 11, 12, 50, 51, 52, 53, 54];
    expect(
      run(JSON.stringify([...numbers, ...numbers, ...numbers])).output,
    ).toBe('[42] (10,11,12)×3,50..54,(10,11,12)×3,50..54,(10,11,12)×3,50..54');
  });

  it('is deterministic', () => {
    const content = JSON.stringify(logRecords(), null, 2);
    expect(run(content, {}, { query: 'failed' }).output).toBe(
      run(content, {}, { query: 'failed' }).output,
    );
  });

  it('quotes cells that would read as something else', () => {
    const content = JSON.stringify([
      { v: '1.0', w: 'a, b', x: '', y: 'true', z: '{x}' },
      { v: '3.1.0', w: 'say "hi"', x: ' pad', y: 'null', z: 'plain' },
    ]);
    const lines = run(content, { minTableSavings: -10 }).output.split('\n');
    expect(lines[1]).toBe('"1.0","a, b","","true","{x}"');
    expect(lines[2]).toBe('3.1.0,"say \\"hi\\""," pad","null",plain');
  });
});

describe('jsonCompressor on bad input', () => {
  it('fails with a CompressionError on malformed JSON forced as json, and the put keeps the original', async () => {
    const content = `[${'{"a": 1}, '.repeat(200)}{"a": `;
    expect(detectContentType(content).contentType).not.toBe('json');
    const result = await compress(content, {
      contentType: 'json',
      model: 'gpt-4o',
    });
    expect(result.compressed).toBe(content);
    expect(result.transforms.join(' ')).toMatch(
      /json:failed\(.*not valid JSON/,
    );
  });

  it('does not pollute prototypes with __proto__ keys', () => {
    const content = `[${Array.from({ length: 40 }, (_, i) => `{"__proto__": {"polluted": ${i}}, "constructor": {"prototype": {"bad": 1}}, "a": ${i}}`).join(',')}]`;
    const result = run(content);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).bad).toBeUndefined();
    expect(result.output).toContain('__proto__');
  });

  it('minifies 10,000-deep nesting without overflowing the stack', () => {
    const content = `${'[ '.repeat(10_000)}1${' ]'.repeat(10_000)}`;
    const result = run(content);
    expect(result.labels).toEqual(['json:minify(deep)']);
    expect(result.output).toBe(`${'['.repeat(10_000)}1${']'.repeat(10_000)}`);
  });

  it('compresses a 50 MB array', () => {
    const row = (i: number) =>
      `{"id":${i},"name":"package-${i}","status":"${i % 1000 === 7 ? 'failed' : 'ok'}","downloads":${(i * 7919) % 100000},"summary":"a package that does something useful"}`;
    const content = `[${Array.from({ length: 460_000 }, (_, i) => row(i)).join(',\n')}]`;
    expect(content.length).toBeGreaterThan(50 * 1024 * 1024);
    const result = run(
      content,
      {},
      { tokenizer: estimateTokenizer({ name: 'estimate' }) as typeof o200k },
    );
    expect(result.lossless).toBe(false);
    expect(result.output.split('\n')[0]).toMatch(
      /^\[460000 items, \d+ shown\]/,
    );
    expect(result.output).toContain('package-7,failed');
  });
});
