import { benchHostile } from './hostile-bench.ts';
import { benchMl } from './ml-bench.ts';
import { benchRedisScaling } from './redis-scaling-bench.ts';
import { benchStores } from './store-bench.ts';

async function section(
  title: string,
  run: () => Promise<{ markdown: string }>,
): Promise<string[]> {
  process.stderr.write(`${title}…\n`);
  try {
    return [`## ${title}`, '', (await run()).markdown, ''];
  } catch (error) {
    // One failing bench must not hide the others' numbers.
    return [
      `## ${title}`,
      '',
      `Not measured: ${error instanceof Error ? error.message : String(error)}`,
      '',
    ];
  }
}

/**
 * The ML compressor and store-driver benches, each a Markdown section.
 * (The code bench runs first in main.ts, before any grammar is cached, so
 * its load times are cold.)
 */
export async function extraSections(): Promise<string[]> {
  return [
    ...(await section('ML text compression (compressor-ml)', () => benchMl())),
    ...(await section('Store drivers', () => benchStores())),
    ...(await section('Hostile inputs', () => benchHostile())),
    ...(await section('Redis: one server vs a 3-shard cluster', () =>
      benchRedisScaling(),
    )),
  ];
}
