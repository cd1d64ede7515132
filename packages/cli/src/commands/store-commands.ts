import {
  DEFAULTS,
  InvalidArgumentError,
  SharedContext,
} from '@sharedcontext/core';
import type { Command } from 'commander';
import { cliCompressors } from '../compressors.ts';
import { entrySummary, statsText, summaryLine } from '../format.ts';
import { readInput } from '../read-input.ts';
import { DEFAULT_STORE, storeFromSpec } from '../store-spec.ts';

interface StoreFlags {
  store?: string;
  model?: string;
  ttl?: string;
  maxEntries?: string;
  namespace?: string;
}

function positiveNumber(
  value: string | undefined,
  parameter: string,
  { integer = false } = {},
): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (
    !Number.isFinite(number) ||
    number < 0 ||
    (integer && !Number.isInteger(number))
  ) {
    throw new InvalidArgumentError({
      parameter,
      value,
      message: `expected ${integer ? 'an integer' : 'a number'} >= 0`,
    });
  }
  return number;
}

async function withContext<T>(
  flags: StoreFlags,
  body: (ctx: SharedContext) => Promise<T>,
  {
    readOnly = true,
    fileName,
  }: { readOnly?: boolean; fileName?: string | undefined } = {},
): Promise<T> {
  const ttl = positiveNumber(flags.ttl, '--ttl');
  const maxEntries = positiveNumber(flags.maxEntries, '--max-entries', {
    integer: true,
  });
  const ctx = new SharedContext({
    // Only `put` creates a store; reading one that is not there sees it empty.
    store: await storeFromSpec(flags.store ?? DEFAULT_STORE, { readOnly }),
    compressors: await cliCompressors(fileName ? { fileName } : {}),
    ...(flags.model ? { model: flags.model } : {}),
    ...(ttl === undefined ? {} : { ttl }),
    ...(maxEntries === undefined ? {} : { maxEntries }),
    ...(flags.namespace === undefined ? {} : { namespace: flags.namespace }),
  });
  try {
    return await body(ctx);
  } finally {
    await ctx.dispose();
  }
}

function storeOptions(command: Command): Command {
  return command
    .option(
      '-s, --store <spec>',
      'sqlite:FILE, redis://HOST:PORT[/DB][#prefix] or memory',
      DEFAULT_STORE,
    )
    .option(
      '-m, --model <id>',
      `model whose tokenizer counts (default ${DEFAULTS.model})`,
    )
    .option(
      '--ttl <seconds>',
      'entry lifetime after its last write (default 3600)',
    )
    .option(
      '--max-entries <n>',
      'entries kept before the oldest write is evicted (default 100)',
    )
    .option(
      '-n, --namespace <name>',
      "work in one namespace of the store (a tenant or run); others' entries stay invisible",
    );
}

/** `put`, `get`, `keys`, `stats`, `retrieve`, `delete`, `clear` against a store. */
export function registerStoreCommands(program: Command): void {
  storeOptions(program.command('put'))
    .description(
      'compress a file (or stdin) and store it with its original under KEY',
    )
    .argument('<key>', 'entry key')
    .argument('[file]', "file to store; '-' or nothing reads stdin")
    .option('-a, --agent <name>', 'the agent writing')
    .option('-q, --query <text>', 'what the next agent will look for')
    .option('--json', 'print the entry (without texts) as JSON')
    .action(
      async (
        key: string,
        file: string | undefined,
        flags: StoreFlags & { agent?: string; query?: string; json?: boolean },
      ) => {
        const text = await readInput(file);
        await withContext(
          flags,
          async (ctx) => {
            const entry = await ctx.put(key, text, {
              ...(flags.agent ? { agent: flags.agent } : {}),
              ...(flags.query ? { query: flags.query } : {}),
            });
            if (flags.json)
              process.stdout.write(
                `${JSON.stringify(entrySummary(entry), null, 2)}\n`,
              );
            process.stderr.write(`${key}: ${summaryLine(entry)}\n`);
          },
          {
            readOnly: false,
            fileName: file && file !== '-' ? file : undefined,
          },
        );
      },
    );

  storeOptions(program.command('get'))
    .description(
      'print the compressed text stored under KEY (or the original with --full)',
    )
    .argument('<key>', 'entry key')
    .option('-f, --full', 'print the original, byte for byte')
    .action(async (key: string, flags: StoreFlags & { full?: boolean }) => {
      await withContext(flags, async (ctx) => {
        const text = await ctx.get(key, { full: flags.full === true });
        if (text === null)
          throw new InvalidArgumentError({
            parameter: 'key',
            value: key,
            message: `no entry ${JSON.stringify(key)} in ${flags.store ?? DEFAULT_STORE} (never put, expired or evicted)`,
          });
        process.stdout.write(text);
      });
    });

  storeOptions(program.command('keys'))
    .description('list live keys, oldest write first')
    .action(async (flags: StoreFlags) => {
      await withContext(flags, async (ctx) => {
        for (const key of await ctx.keys()) process.stdout.write(`${key}\n`);
      });
    });

  storeOptions(program.command('stats'))
    .description('token totals over live entries, overall and per agent')
    .option('--json', 'print as JSON')
    .action(async (flags: StoreFlags & { json?: boolean }) => {
      await withContext(flags, async (ctx) => {
        const stats = await ctx.stats();
        process.stdout.write(
          flags.json
            ? `${JSON.stringify(stats, null, 2)}\n`
            : `${statsText(stats)}\n`,
        );
      });
    });

  storeOptions(program.command('retrieve'))
    .description(
      'print what compression dropped: a marker span, lines matching a query, or the whole original',
    )
    .argument(
      '<key-or-marker>',
      'entry key, or a marker like "sc:KEY#3" (then no key is needed)',
    )
    .option('--marker <marker>', 'a marker copied from compressed text')
    .option(
      '-q, --query <text>',
      'print the original lines (JSON items) matching this',
    )
    .action(
      async (
        keyOrMarker: string,
        flags: StoreFlags & { marker?: string; query?: string },
      ) => {
        await withContext(flags, async (ctx) => {
          let text: string | null;
          if (
            !flags.marker &&
            !flags.query &&
            /sc:|#[0-9a-z]+\s*$/.test(keyOrMarker) &&
            (await ctx.getEntry(keyOrMarker)) === null
          ) {
            text = await ctx.resolveMarker(keyOrMarker);
          } else {
            text = await ctx.retrieve(keyOrMarker, {
              ...(flags.marker ? { marker: flags.marker } : {}),
              ...(flags.query ? { query: flags.query } : {}),
            });
          }
          if (text === null)
            throw new InvalidArgumentError({
              parameter: 'key',
              value: keyOrMarker,
              message: `no entry for ${JSON.stringify(keyOrMarker)} (never put, expired or evicted)`,
            });
          process.stdout.write(
            text.endsWith('\n') || text.length === 0 ? text : `${text}\n`,
          );
        });
      },
    );

  storeOptions(program.command('delete'))
    .description('delete one entry')
    .argument('<key>', 'entry key')
    .action(async (key: string, flags: StoreFlags) => {
      await withContext(flags, async (ctx) => {
        const deleted = await ctx.delete(key);
        process.stderr.write(
          deleted ? `deleted ${key}\n` : `no entry ${key}\n`,
        );
        if (!deleted) process.exitCode = 1;
      });
    });

  storeOptions(program.command('clear'))
    .description('delete every entry in the store')
    .action(async (flags: StoreFlags) => {
      await withContext(flags, (ctx) => ctx.clear());
    });
}
