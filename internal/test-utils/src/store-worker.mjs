// A worker process of the multi-process store test (see multi-process.ts).
// Plain JavaScript run by Node itself, so it imports the *built* packages:
// @sharedcontext/core's dist and the driver module named in its config.
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { SharedContext } from '@sharedcontext/core';

const config = JSON.parse(process.argv[2]);
const { workerId, puts, maxEntries, driverModule, factory, driverOptions } =
  config;

const driverExports = await import(pathToFileURL(driverModule).href);
const store = driverExports[factory](driverOptions);
const ctx = new SharedContext({ store, maxEntries, ttl: 3600 });

const SAMPLES = [
  'plain ASCII',
  'Ünïcödé café',
  '中文内容',
  'emoji 🧠🤖👩🏽‍💻',
  'lone \ud800 surrogate',
  'tab\tcr\r',
];
const content = (index) => {
  const lines = [];
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
    const key = `w${workerId}-${index}`;
    const original = content(index);
    const entry = await ctx.put(key, original, { agent: `worker-${workerId}` });
    const read = await ctx.get(key, { full: true });
    // Another process may already have evicted it; a different text is a bug.
    if (read !== null && read !== original) mismatches++;
    await ctx.get(`w${(workerId + 1) % 4}-${index}`);
    return {
      key,
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
