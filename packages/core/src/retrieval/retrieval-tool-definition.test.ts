import { describe, expect, it } from 'vitest';
import type { Compressor } from '../compressors/index.ts';
import { InvalidArgumentError, StoreDriverError } from '../errors/index.ts';
import { SharedContext } from '../shared-context.ts';
import { memoryDriver } from '../store/index.ts';
import {
  RETRIEVAL_TOOL_NAME,
  RETRIEVAL_TOOL_PARAMETERS,
  retrievalToolDefinition,
  runRetrievalTool,
} from './retrieval-tool-definition.ts';

// Keeps the first and last line and drops the rest behind one marker.
const dropMiddle: Compressor = {
  specificationVersion: 'v1',
  name: 'drop-middle',
  contentTypes: ['text', 'log'],
  compress({ content, markers }) {
    const lines = content.split('\n');
    const start = lines[0]!.length + 1;
    const end = content.length - lines.at(-1)!.length - 1;
    const marker = markers.drop({
      summary: `${lines.length - 2} lines omitted`,
      ranges: [[start, end]],
    });
    return {
      output: `${lines[0]}\n${marker}\n${lines.at(-1)}`,
      lossless: false,
    };
  },
};

const LINES = Array.from(
  { length: 120 },
  (_, index) => `row ${index} status=${index % 7 === 0 ? 'failed' : 'ok'}`,
);
const ORIGINAL = LINES.join('\n');

async function contextWithEntry(): Promise<{
  ctx: SharedContext;
  marker: string;
}> {
  const ctx = new SharedContext({ compressors: [dropMiddle], minTokens: 0 });
  const entry = await ctx.put('rows', ORIGINAL);
  const marker = /\[… [^\]]*…\]/.exec(entry.compressed)![0];
  return { ctx, marker };
}

describe('retrievalToolDefinition', () => {
  it('names the tool sharedcontext_retrieve and describes three optional string arguments', async () => {
    const { ctx } = await contextWithEntry();
    const tool = retrievalToolDefinition({ ctx });
    expect(tool.name).toBe(RETRIEVAL_TOOL_NAME);
    expect(tool.name).toBe('sharedcontext_retrieve');
    expect(tool.parameters).toBe(RETRIEVAL_TOOL_PARAMETERS);
    expect(Object.keys(tool.parameters.properties)).toEqual([
      'marker',
      'key',
      'query',
    ]);
    expect(tool.parameters.required).toEqual([]);
    expect(tool.description).toContain('marker');
  });

  it('returns exactly the dropped span for a marker, with or without its key', async () => {
    const { ctx, marker } = await contextWithEntry();
    const tool = retrievalToolDefinition({ ctx });
    const middle = LINES.slice(1, -1).join('\n');
    expect(await tool.execute({ marker })).toBe(middle);
    expect(await tool.execute({ marker, key: 'rows' })).toBe(middle);
    expect(await tool.execute({ marker: 'rows#1', key: null })).toBe(middle);
  });

  it('returns the whole original for a key and the matching lines for a key and query', async () => {
    const { ctx } = await contextWithEntry();
    const tool = retrievalToolDefinition({ ctx, limit: 3 });
    expect(await tool.execute({ key: 'rows' })).toBe(ORIGINAL);
    expect(await tool.execute({ key: 'rows', query: 'failed' })).toBe(
      [LINES[0], LINES[7], LINES[14]].join('\n'),
    );
  });

  it('tells the model in words about a gone entry, no match and a malformed call', async () => {
    const { ctx } = await contextWithEntry();
    const calls = [
      { key: 'missing' },
      { marker: 'sc:missing#1' },
      { key: 'rows', query: 'zebra' },
      {},
      { marker: '', key: null, query: null },
      { marker: 'no marker here' },
      { marker: 'rows#9' },
      { key: 42 as unknown as string },
    ];
    for (const args of calls) {
      const result = await runRetrievalTool({ ctx }, args);
      expect(result.found).toBe(false);
      expect(result.text.length).toBeGreaterThan(10);
    }
    expect((await runRetrievalTool({ ctx }, { key: 'missing' })).text).toMatch(
      /expired or was evicted/,
    );
  });

  it('still throws a store failure, so no original is lost silently', async () => {
    const store = memoryDriver();
    const ctx = new SharedContext({ store });
    store.get = () => {
      throw new Error('disk gone');
    };
    const tool = retrievalToolDefinition({ ctx });
    await expect(tool.execute({ key: 'rows' })).rejects.toSatisfy(
      StoreDriverError.isInstance,
    );
  });

  it('throws InvalidArgumentError naming ctx without a SharedContext', () => {
    expect(() =>
      retrievalToolDefinition({} as unknown as { ctx: SharedContext }),
    ).toThrow(expect.objectContaining({ parameter: 'ctx' }));
    try {
      retrievalToolDefinition(null as unknown as { ctx: SharedContext });
      expect.unreachable();
    } catch (error) {
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as InvalidArgumentError).parameter).toBe('options');
    }
  });
});
