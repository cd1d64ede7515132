// A worker process of the Redis scaling bench (redis-scaling-bench.ts).
// Plain JavaScript run by Node itself, importing the built packages.
import { SharedContext } from '@sharedcontext/core';
import { redisDriver } from '@sharedcontext/store-redis';

const { workerId, driverOptions, namespaces, operations, concurrency, text } =
  JSON.parse(process.argv[2]);

const driver = redisDriver(driverOptions);
// minTokens above any value: nothing is compressed, so the numbers are
// the store's round trips (plus token counting), not the compressors'.
const contexts = namespaces.map(
  (namespace) =>
    new SharedContext({
      store: driver,
      namespace,
      maxEntries: 2 * operations + 2,
      minTokens: Number.MAX_SAFE_INTEGER,
    }),
);
// The same namespaces as bare driver views, for the store's own cost.
const views = namespaces.map((namespace) => driver.withNamespace(namespace));
const target = (index) => ({
  ctx: contexts[index % contexts.length],
  view: views[index % views.length],
  key: `w${workerId}-${index}`,
});
const record = { meta: '{"v":1}', value: text, writtenAt: Date.now() };

// Runs `operation(index)` for every index, `concurrency` at a time.
async function pool(operation) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < operations) {
        const index = next++;
        await operation(index);
      }
    }),
  );
}

const phases = {
  put: () =>
    pool(async (index) => {
      const { ctx, key } = target(index);
      await ctx.put(key, text);
    }),
  get: () =>
    pool(async (index) => {
      const { ctx, key } = target(index);
      if ((await ctx.get(key, { full: true })) !== text)
        throw new Error(`worker ${workerId}: ${key} came back different`);
    }),
  'driver.set': () =>
    pool(async (index) => {
      const { view, key } = target(index);
      await view.set(`raw-${key}`, record, { maxEntries: 2 * operations + 2 });
    }),
  'driver.get': () =>
    pool(async (index) => {
      const { view, key } = target(index);
      if ((await view.get(`raw-${key}`))?.value !== text)
        throw new Error(`worker ${workerId}: raw-${key} came back different`);
    }),
  clear: () => Promise.all(contexts.map((ctx) => ctx.clear())),
};

for (const ctx of contexts) await ctx.ready();
await Promise.all(contexts.map((ctx) => ctx.keys())); // connect before timing
process.send({ type: 'ready' });
process.on('message', async (phase) => {
  if (phase === 'exit') {
    await driver.dispose();
    process.disconnect();
    return;
  }
  await phases[phase]();
  process.send({ type: 'done', phase });
});
