// A worker process of the multi-process store test (see multi-process.ts).
// Plain JavaScript run by Node itself, so it imports the *built* packages:
// @sharedcontext/core's dist and the driver module named in its config.
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { SharedContext } from '@sharedcontext/core';

const config = JSON.parse(process.argv[2]);
const {
  workerId,
  puts,
  maxEntries,
  driverModule,
  factory,
  driverOptions,
  namespaces = 0,
} = config;

const driverExports = await import(pathToFileURL(driverModule).href);
const store = driverExports[factory](driverOptions);
const ctx = new SharedContext({ store, maxEntries, ttl: 3600 });
// With namespaces, put i goes to namespace `ns-<i mod n>` (a context with
// the `namespace` option, i.e. the driver's withNamespace) under key
// `w<worker>-<i div n>`: the same key names in every namespace, each with
// its own text, so a read that crossed namespaces shows as a mismatch.
const spaces = Array.from(
  { length: namespaces },
  (_, index) =>
    new SharedContext({
      store,
      namespace: `ns-${index}`,
      maxEntries,
      ttl: 3600,
    }),
);
const target = (index) =>
  namespaces === 0
    ? { ctx, namespace: undefined, key: `w${workerId}-${index}` }
    : {
        ctx: spaces[index % namespaces],
        namespace: `ns-${index % namespaces}`,
        key: `w${workerId}-${Math.floor(index / namespaces)}`,
      };

const SAMPLES = [
  'plain ASCII',
  'Ünïcödé café',
  '中文内容',
  'emoji 🧠🤖👩🏽‍💻',
  'lone \ud800 surrogate',
  'tab\tcr\r',
];
const content = (index, namespace) => {
  const lines = namespace === undefined ? [] : [`namespace ${namespace}`];
  const count = 3 + ((workerId * 31 + index * 7) % 40);
  for (let line = 0; line < count; line++) {
    lines.push(
      `worker ${workerId} put ${index} line ${line}: ${SAMPLES[(index + line) % SAMPLES.length]}`,
    );
  }
  return lines.join('\n');
};
const digest = (text) =>
  createHash('sha256').update(text, 'utf8').digest('hex');

await ctx.keys(); // connect before the start signal
process.send({ type: 'ready' });
await new Promise((resolve) => process.once('message', resolve));

let mismatches = 0;
const entries = await Promise.all(
  Array.from({ length: puts }, async (_, index) => {
    const { ctx: into, namespace, key } = target(index);
    const original = content(index, namespace);
    const entry = await into.put(key, original, {
      agent: `worker-${workerId}`,
    });
    const read = await into.get(key, { full: true });
    // Another process may already have evicted it; a different text is a bug.
    if (read !== null && read !== original) mismatches++;
    await into.get(`w${(workerId + 1) % 4}-${index}`);
    return {
      key,
      ...(namespace === undefined ? {} : { namespace }),
      sha256: digest(original),
      length: original.length,
      originalTokens: entry.originalTokens,
      compressedTokens: entry.compressedTokens,
      writtenAt: Math.round(entry.timestamp * 1000),
    };
  }),
);
await ctx.dispose();
process.send({ type: 'done', report: { workerId, mismatches, entries } }, () =>
  process.disconnect(),
);
