import { createHash } from 'node:crypto';
import {
  CONTENT_TYPES,
  type CompressOptions,
  type CompressResult,
  type ContentType,
  compress,
  DEFAULTS,
  InvalidArgumentError,
  MissingDependencyError,
  SharedContext,
  StoreDriverError,
} from '@sharedcontext/core';
import type { Command } from 'commander';
import { cliCompressors } from '../compressors.ts';
import { summaryLine } from '../format.ts';
import { readInput } from '../read-input.ts';
import { DEFAULT_STORE, storeFromSpec } from '../store-spec.ts';

interface CompressFlags {
  model?: string;
  query?: string;
  json?: boolean;
  type?: string;
  minTokens?: string;
  mlModel?: string;
  /** A spec, or false with `--no-store`. */
  store?: string | false;
  key?: string;
  namespace?: string;
}

/** Parses `--type`. */
export function parseContentType(
  value: string | undefined,
): ContentType | undefined {
  if (value === undefined) return undefined;
  if (!(CONTENT_TYPES as readonly string[]).includes(value)) {
    throw new InvalidArgumentError({
      parameter: '--type',
      value,
      message: `expected one of ${CONTENT_TYPES.join(', ')}`,
    });
  }
  return value as ContentType;
}

/** `sharedcontext compress [file|-]`. */
export function registerCompress(program: Command): void {
  program
    .command('compress')
    .description(
      'compress a file (or stdin) to stdout and keep the original in the store, so the markers resolve with `retrieve`; a summary goes to stderr',
    )
    .argument('[file]', "file to compress; '-' or nothing reads stdin")
    .option('-m, --model <id>', 'model whose tokenizer counts', DEFAULTS.model)
    .option(
      '-q, --query <text>',
      'what the reader will look for; matches are kept',
    )
    .option(
      '-t, --type <type>',
      `force a content type (${CONTENT_TYPES.join(', ')})`,
    )
    .option(
      '--min-tokens <n>',
      'pass through content under this many tokens',
      String(DEFAULTS.minTokens),
    )
    .option(
      '--ml-model <id>',
      'use @sharedcontext/compressor-ml with this model for prose (if installed)',
    )
    .option(
      '-s, --store <spec>',
      'where the original is kept: sqlite:FILE, redis://HOST:PORT[/DB][#prefix]',
      DEFAULT_STORE,
    )
    .option('--no-store', 'keep nothing: the markers will not resolve')
    .option(
      '-n, --namespace <name>',
      'keep the original in this namespace of the store (retrieve with the same -n)',
    )
    .option(
      '-k, --key <key>',
      'entry key the markers name (default: the file path, or stdin-<hash>)',
    )
    .option('--json', 'print the whole result as JSON on stdout')
    .action(async (file: string | undefined, flags: CompressFlags, command) => {
      const text = await readInput(file);
      const contentType = parseContentType(flags.type);
      const minTokens = Number(flags.minTokens);
      if (!Number.isFinite(minTokens) || minTokens < 0)
        throw new InvalidArgumentError({
          parameter: '--min-tokens',
          value: flags.minTokens,
          message: 'expected a number >= 0',
        });
      const key = flags.key ?? defaultKey(file, text);
      const options = {
        model: flags.model ?? DEFAULTS.model,
        minTokens,
        compressors: await cliCompressors({
          ...(flags.mlModel ? { mlModel: flags.mlModel } : {}),
          ...(file && file !== '-' ? { fileName: file } : {}),
        }),
        ...(flags.query ? { query: flags.query } : {}),
        ...(contentType ? { contentType } : {}),
      };
      const explicitStore =
        (command as Command).getOptionValueSource('store') === 'cli';
      const stored =
        flags.store === false
          ? undefined
          : await storeEntry(flags.store ?? DEFAULT_STORE, {
              key,
              text,
              options,
              explicitStore,
              ...(flags.namespace === undefined
                ? {}
                : { namespace: flags.namespace }),
            });
      const result: CompressResult =
        stored?.result ?? (await compress(text, { ...options, key }));
      if (flags.json) {
        process.stdout.write(
          `${JSON.stringify({ ...result, stored: stored?.spec ?? null }, null, 2)}\n`,
        );
      } else {
        process.stdout.write(
          result.compressed.endsWith('\n')
            ? result.compressed
            : `${result.compressed}\n`,
        );
      }
      process.stderr.write(`${summaryLine(result)}\n`);
      if (stored)
        process.stderr.write(
          `stored as ${JSON.stringify(key)} in ${stored.spec}: \`sharedcontext retrieve <marker>\` prints what a marker dropped\n`,
        );
      else if (result.spans.length > 0)
        process.stderr.write(
          `not stored${flags.store === false ? ' (--no-store)' : ''}: the ${result.spans.length === 1 ? 'marker' : `${result.spans.length} markers`} above will not resolve\n`,
        );
    });
}

/** The file path as given, or `stdin-` + a hash of what was read. */
function defaultKey(file: string | undefined, text: string): string {
  if (file && file !== '-') return file;
  return `stdin-${createHash('sha256').update(text).digest('hex').slice(0, 10)}`;
}

/**
 * Puts the content into the store, so the markers it prints resolve in a
 * later invocation. When the default store cannot be loaded (its driver is
 * an optional dependency, e.g. better-sqlite3 without its native build),
 * `compress` still compresses and says the markers will not resolve; a
 * store named with `--store` must work.
 */
async function storeEntry(
  spec: string,
  {
    key,
    text,
    options,
    explicitStore,
    namespace,
  }: {
    namespace?: string;
    key: string;
    text: string;
    options: Pick<CompressOptions, 'model' | 'minTokens' | 'compressors'> & {
      query?: string;
      contentType?: ContentType;
    };
    explicitStore: boolean;
  },
): Promise<{ spec: string; result: CompressResult } | undefined> {
  let ctx: SharedContext | undefined;
  try {
    ctx = new SharedContext({
      store: await storeFromSpec(spec),
      ...(namespace === undefined ? {} : { namespace }),
      ...(options.model ? { model: options.model } : {}),
      ...(options.minTokens === undefined
        ? {}
        : { minTokens: options.minTokens }),
      ...(options.compressors ? { compressors: options.compressors } : {}),
    });
    const entry = await ctx.put(key, text, {
      ...(options.query ? { query: options.query } : {}),
      ...(options.contentType ? { contentType: options.contentType } : {}),
    });
    const {
      original: _original,
      agent: _agent,
      timestamp: _timestamp,
      expiresAt: _expiresAt,
      ...result
    } = entry;
    return { spec, result };
  } catch (error) {
    if (
      explicitStore ||
      !(
        MissingDependencyError.isInstance(error) ||
        StoreDriverError.isInstance(error)
      )
    )
      throw error;
    process.stderr.write(
      `sharedcontext: the default store ${spec} is unavailable (${error.message.replace(/^\[sharedcontext\] /, '')})\n`,
    );
    return undefined;
  } finally {
    await ctx?.dispose();
  }
}
