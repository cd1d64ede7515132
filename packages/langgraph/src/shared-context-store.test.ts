import {
  Annotation,
  END,
  type LangGraphRunnableConfig,
  START,
  StateGraph,
} from '@langchain/langgraph';
import {
  defaultCompressors,
  memoryDriver,
  parseMarkers,
  SharedContext,
  type StoreDriver,
} from '@sharedcontext/core';
import {
  lineDropCompressor,
  sampleJsonRecords,
} from '@sharedcontext-internal/test-utils';
import { describe, expect, it } from 'vitest';
import { arrayHeadCompressor } from './__fixtures__/array-head-compressor.ts';
import {
  type CompressedItemValue,
  SharedContextStore,
} from './shared-context-store.ts';

function store(driver?: StoreDriver) {
  const ctx = new SharedContext({
    compressors: [
      arrayHeadCompressor(),
      lineDropCompressor(),
      ...defaultCompressors(),
    ],
    ...(driver ? { store: driver } : {}),
  });
  return {
    ctx,
    store: new SharedContextStore({ ctx, agent: (namespace) => namespace[0] }),
  };
}

const report = (topic: string) => ({
  topic,
  findings: Array.from(
    { length: 300 },
    (_, index) => `${topic} finding ${index}`,
  ),
});

describe('SharedContextStore', () => {
  it('returns a compressed view from get and the original from getFull', async () => {
    const { ctx, store: lg } = store();
    const value = {
      log: Array.from({ length: 400 }, (_, index) => `line ${index}`),
    };
    await lg.put(['research', 'hdfs'], 'latest', value);
    const item = await lg.get(['research', 'hdfs'], 'latest');
    const view = item!.value as CompressedItemValue;
    expect(item).toMatchObject({
      namespace: ['research', 'hdfs'],
      key: 'latest',
    });
    expect(item!.createdAt).toBeInstanceOf(Date);
    expect(view.compressed.length).toBeLessThan(JSON.stringify(value).length);
    expect(view.compressedTokens).toBeLessThan(view.originalTokens);
    expect(parseMarkers(view.compressed)[0]?.key).toBe(view.key);
    expect((await lg.getFull(['research', 'hdfs'], 'latest'))!.value).toEqual(
      value,
    );
    expect(await ctx.get(view.key, { full: true })).toBe(JSON.stringify(value));
    expect((await ctx.stats()).agents.research?.entries).toBe(1);
  });

  it('deletes, and returns null for missing items', async () => {
    const { store: lg } = store();
    await lg.put(['a'], 'k', { x: 1 });
    await lg.delete(['a'], 'k');
    expect(await lg.get(['a'], 'k')).toBeNull();
    expect(await lg.getFull(['a'], 'missing')).toBeNull();
  });

  it('searches by namespace prefix, filter and query', async () => {
    const { store: lg } = store();
    await lg.put(['notes', 'disk'], 'n1', report('disk'));
    await lg.put(['notes', 'net'], 'n2', report('network'));
    await lg.put(['other'], 'n3', report('disk'));
    expect((await lg.search(['notes'])).map((item) => item.key).sort()).toEqual(
      ['n1', 'n2'],
    );
    expect(
      (await lg.search(['notes'], { filter: { topic: 'network' } })).map(
        (item) => item.key,
      ),
    ).toEqual(['n2']);
    const found = await lg.search([], { query: 'disk' });
    expect(found.map((item) => item.key).sort()).toEqual(['n1', 'n3']);
    expect(found[0]!.score).toBeGreaterThan(0);
    expect(await lg.search(['notes'], { limit: 1, offset: 1 })).toHaveLength(1);
  });

  it('lists namespaces with prefix, suffix and depth', async () => {
    const { store: lg } = store();
    await lg.put(['users', 'u1', 'memories'], 'm', { a: 1 });
    await lg.put(['users', 'u2', 'memories'], 'm', { a: 2 });
    await lg.put(['teams', 't1'], 'm', { a: 3 });
    expect(await lg.listNamespaces({ prefix: ['users'] })).toEqual([
      ['users', 'u1', 'memories'],
      ['users', 'u2', 'memories'],
    ]);
    expect(await lg.listNamespaces({ suffix: ['t1'] })).toEqual([
      ['teams', 't1'],
    ]);
    expect(await lg.listNamespaces({ maxDepth: 1 })).toEqual([
      ['teams'],
      ['users'],
    ]);
  });

  it('keeps namespaces and keys with separators apart', async () => {
    const { store: lg } = store();
    await lg.put(['a/b'], 'c', { v: 1 });
    await lg.put(['a', 'b'], 'c', { v: 2 });
    expect((await lg.getFull(['a/b'], 'c'))!.value).toEqual({ v: 1 });
    expect((await lg.getFull(['a', 'b'], 'c'))!.value).toEqual({ v: 2 });
  });

  it('works over an async store driver', async () => {
    const inner = memoryDriver();
    const asyncDriver: StoreDriver = {
      specificationVersion: 'v1',
      name: 'async-memory',
      get: async (key) => inner.get(key),
      set: async (key, record, options) => inner.set(key, record, options),
      delete: async (key) => inner.delete(key),
      list: async () => inner.list(),
      clear: async () => inner.clear(),
    };
    const { store: lg } = store(asyncDriver);
    await lg.put(['x'], 'y', report('async'));
    expect((await lg.getFull(['x'], 'y'))!.value).toEqual(report('async'));
  });

  it('rejects a missing ctx and bad namespaces', async () => {
    expect(() => new SharedContextStore({} as never)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    const { store: lg } = store();
    await expect(
      lg.batch([{ namespace: [''], key: 'k', value: {} }]),
    ).rejects.toMatchObject({ parameter: 'namespace' });
  });
});

describe('SharedContextStore in a graph', () => {
  // Needs the built-in JSON table/sample compressors (default set).
  it('gives nodes compressed views through config.store', async () => {
    const ctx = new SharedContext();
    const lg = new SharedContextStore({ ctx });
    const packages = JSON.parse(sampleJsonRecords({ count: 1500 })) as unknown;
    const State = Annotation.Root({ seen: Annotation<string>() });
    const graph = new StateGraph(State)
      .addNode(
        'researcher',
        async (_state, config: LangGraphRunnableConfig) => {
          await config.store!.put(['research'], 'packages', { packages });
          return {};
        },
      )
      .addNode('analyst', async (_state, config: LangGraphRunnableConfig) => {
        const item = await config.store!.get(['research'], 'packages');
        return { seen: (item!.value as CompressedItemValue).compressed };
      })
      .addEdge(START, 'researcher')
      .addEdge('researcher', 'analyst')
      .addEdge('analyst', END)
      .compile({ store: lg });
    const { seen } = await graph.invoke({ seen: '' });
    expect(seen.length).toBeLessThan(JSON.stringify({ packages }).length);
    expect((await lg.getFull(['research'], 'packages'))!.value).toEqual({
      packages,
    });
    expect((await ctx.keys()).length).toBe(1);
  });
});
