import { benchHostile } from './hostile-bench.ts';

// `pnpm --filter @sharedcontext-internal/bench hostile`: only the hostile
// input section, without the corpus (it needs no ../shared).
const { markdown } = await benchHostile();
process.stdout.write(`## Hostile inputs\n\n${markdown}\n`);
