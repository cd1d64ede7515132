import { seededRandom } from '@sharedcontext-internal/test-utils';
import { describe, expect, it } from 'vitest';
import { SharedContext } from '../shared-context.ts';
import { isUniformMap, locateMembers } from './json-locate.ts';

/** A registry-like document: a wide map of version records, and a map of dates. */
function registry(seed: number, versions: number): Record<string, unknown> {
  const draw = seededRandom(seed);
  const records: Record<string, unknown> = {};
  const time: Record<string, string> = {};
  for (let i = 0; i < versions; i++) {
    const version = `${1 + Math.floor(i / 40)}.${Math.floor(i / 8) % 5}.${i % 8}`;
    records[version] = {
      name: 'pad-left',
      version,
      description: `Pads strings on the left (${Math.floor(draw() * 1e6)})`,
      dist: {
        shasum: Math.floor(draw() * 2 ** 48).toString(16),
        tarball: `https://registry.example/pad-left/-/pad-left-${version}.tgz`,
      },
      // A field only a few versions carry: the header still names it.
      ...(i % 97 === 50 ? { deprecated: 'use pad-start' } : {}),
    };
    time[version] = new Date(1_500_000_000_000 + i * 86_400_000).toISOString();
  }
  return { name: 'pad-left', versions: records, time, license: 'MIT' };
}

async function put(content: string, query?: string) {
  const ctx = new SharedContext({ model: 'gpt-4o' });
  const entry = await ctx.put('reg', content, query ? { query } : {});
  return { ctx, entry };
}

describe('wide maps in a lossy outline', () => {
  it('samples a map of records and a map of scalars, naming every field and listing every dropped key', async () => {
    const data = registry(7, 240);
    const content = JSON.stringify(data, null, 2);
    const { ctx, entry } = await put(content);
    expect(entry.transforms).toContain('json:tree-sample(2 maps)');
    expect(entry.compressedTokens).toBeLessThan(entry.originalTokens * 0.3);
    const lines = entry.compressed.split('\n');
    const header = lines.find((line) =>
      line.startsWith('versions{240 entries, '),
    )!;
    expect(header).toContain('(key)');
    expect(header).toContain('deprecated');
    // Every key is written: in a kept row or in a marker's key list.
    for (const key of Object.keys(data.versions as object))
      expect(entry.compressed).toContain(key);
    // Each marker gives back exactly its members' text, keys and all.
    const markers = lines.filter((line) => line.includes('sc:reg#'));
    expect(markers.length).toBeGreaterThan(1);
    for (const marker of markers) {
      const text = await ctx.retrieve('reg', { marker: marker.trim() });
      const members = JSON.parse(`{${text}}`) as Record<string, unknown>;
      const from = Object.values(members).every(
        (value) => typeof value === 'string',
      )
        ? (data.time as Record<string, unknown>)
        : (data.versions as Record<string, unknown>);
      for (const [key, value] of Object.entries(members))
        expect(from[key]).toEqual(value);
    }
    expect(await ctx.get('reg', { full: true })).toBe(content);
  });

  it('keeps the entry a query names, by its key', async () => {
    const content = JSON.stringify(registry(8, 200), null, 2);
    const { entry } = await put(content, '3.2.5');
    expect(entry.compressed).toMatch(/^ {2}3\.2\.5,pad-left,3\.2\.5,/m);
  });

  it('carries the members as JSON where the text holds them in another order', async () => {
    // Integer-like keys come first in a parsed object, not in the text
    // (written here by hand, in the order of the loop).
    const draw = seededRandom(11);
    const members: string[] = [];
    for (let i = 0; i < 120; i++)
      members.push(
        `${JSON.stringify(i % 2 === 0 ? `k${i}` : String(1000 + i))}: ${JSON.stringify(
          {
            size: Math.floor(draw() * 1e6),
            owner: `team-${Math.floor(draw() * 1e4)}`,
            note: `checked by ${Math.floor(draw() * 1e6).toString(36)} on site ${Math.floor(draw() * 90)}`,
          },
        )}`,
      );
    const content = `{"inventory": {\n${members.join(',\n')}\n}}`;
    const map = (JSON.parse(content) as { inventory: Record<string, unknown> })
      .inventory;
    expect(locateMembers(content, ['inventory'], Object.keys(map))).toBe(
      undefined,
    );
    const { ctx, entry } = await put(content);
    expect(entry.transforms.join()).toContain('maps');
    const marker = entry.compressed
      .split('\n')
      .find((line) => line.includes('sc:reg#'))!
      .trim();
    const text = await ctx.retrieve('reg', { marker });
    for (const line of text!.split('\n')) {
      const [key, value] = Object.entries(
        JSON.parse(`{${line}}`) as Record<string, unknown>,
      )[0]!;
      expect(map[key]).toEqual(value);
    }
  });

  it('never samples a record of mixed fields, and samples nothing in lossless mode', async () => {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < 60; i++)
      record[`setting${i}`] = i % 3 === 0 ? { on: true, level: i } : i;
    expect(isUniformMap(record)).toBe(false);
    // Flags, numbers and names together: a settings record, not a map.
    const settings: Record<string, unknown> = {};
    for (let i = 0; i < 40; i++)
      settings[`option${i}`] = [true, i, `mode-${i}`][i % 3];
    expect(isUniformMap(settings)).toBe(false);
    expect(isUniformMap({ a: 'x', b: null, c: 'y' })).toBe(true);
    const ctx = new SharedContext({ model: 'gpt-4o' });
    const mixed = await ctx.put('mixed', JSON.stringify({ config: record }));
    expect(mixed.transforms.join()).not.toContain('sample');
    const lossless = await ctx.put(
      'lossless',
      JSON.stringify(registry(9, 120), null, 2),
      { lossless: true },
    );
    expect(lossless.transforms.join()).not.toContain('sample');
  });
});

describe('long strings in a lossy outline', () => {
  /** Lint-report-like records: a few fields and each file's whole source. */
  function report(seed: number): Array<Record<string, unknown>> {
    const draw = seededRandom(seed);
    return Array.from({ length: 5 }, (_, file) => ({
      filePath: `src/module-${file}.js`,
      errorCount: Math.floor(draw() * 9),
      messages: [
        { ruleId: 'no-var', line: file + 3, message: 'Unexpected var' },
      ],
      source: Array.from(
        { length: 300 },
        (_, line) =>
          `const value${line} = compute(${Math.floor(draw() * 1e6)}); // line ${line}`,
      ).join('\n'),
    }));
  }

  it('keeps the head of each long string and leaves the rest behind a marker that gives it back', async () => {
    const data = report(3);
    // A surrogate pair right at the cut: never split.
    (data[0] as { source: string }).source =
      `${'x'.repeat(399)}😀${(data[0] as { source: string }).source}`;
    const content = JSON.stringify(data);
    const ctx = new SharedContext({ model: 'gpt-4o' });
    const entry = await ctx.put('lint', content);
    expect(entry.transforms).toContain('json:tree-sample(5 strings)');
    expect(entry.compressedTokens).toBeLessThan(entry.originalTokens * 0.3);
    const markers = entry.compressed.match(
      /\[… \d+ more characters omitted · sc:lint#\w+ …\]/g,
    )!;
    expect(markers).toHaveLength(5);
    for (const [index, marker] of markers.entries()) {
      const source = (data[index] as { source: string }).source;
      const rest = await ctx.retrieve('lint', { marker });
      const head = index === 0 ? 399 : 400;
      expect(rest).toBe(source.slice(head));
      expect(entry.compressed).toContain(
        JSON.stringify(`${source.slice(0, head)}…`),
      );
    }
    const lossless = await ctx.put('lossless', content, { lossless: true });
    expect(lossless.transforms.join()).not.toContain('strings');
  });
});
