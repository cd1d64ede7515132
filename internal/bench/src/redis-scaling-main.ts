import { benchRedisScaling } from './redis-scaling-bench.ts';

// `pnpm --filter @sharedcontext-internal/bench redis-scaling`: only the
// Redis scaling section of `pnpm bench`, printed as Markdown.
process.stderr.write('Redis: one server vs a 3-shard cluster…\n');
const { markdown } = await benchRedisScaling();
process.stdout.write(
  `## Redis: one server vs a 3-shard cluster\n\n${markdown}\n`,
);
