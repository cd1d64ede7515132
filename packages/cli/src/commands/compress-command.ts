import {
  CONTENT_TYPES,
  type ContentType,
  compress,
  InvalidArgumentError,
} from '@sharedcontext/core';
import type { Command } from 'commander';
import { cliCompressors } from '../compressors.ts';
import { summaryLine } from '../format.ts';
import { readInput } from '../read-input.ts';

interface CompressFlags {
  model?: string;
  query?: string;
  json?: boolean;
  type?: string;
  minTokens?: string;
  mlModel?: string;
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
      'compress a file (or stdin) and write the result to stdout; a summary goes to stderr',
    )
    .argument('[file]', "file to compress; '-' or nothing reads stdin")
    .option(
      '-m, --model <id>',
      'model whose tokenizer counts',
      'claude-sonnet-4-5-20250929',
    )
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
      '250',
    )
    .option(
      '--ml-model <id>',
      'use @sharedcontext/compressor-ml with this model for prose (if installed)',
    )
    .option('--json', 'print the whole result as JSON on stdout')
    .action(async (file: string | undefined, flags: CompressFlags) => {
      const text = await readInput(file);
      const contentType = parseContentType(flags.type);
      const minTokens = Number(flags.minTokens);
      if (!Number.isFinite(minTokens) || minTokens < 0)
        throw new InvalidArgumentError({
          parameter: '--min-tokens',
          value: flags.minTokens,
          message: 'expected a number >= 0',
        });
      const result = await compress(text, {
        model: flags.model ?? 'claude-sonnet-4-5-20250929',
        minTokens,
        compressors: await cliCompressors(
          flags.mlModel ? { mlModel: flags.mlModel } : {},
        ),
        ...(flags.query ? { query: flags.query } : {}),
        ...(contentType ? { contentType } : {}),
        ...(file && file !== '-' ? { key: file } : {}),
      });
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      } else {
        process.stdout.write(
          result.compressed.endsWith('\n')
            ? result.compressed
            : `${result.compressed}\n`,
        );
      }
      process.stderr.write(`${summaryLine(result)}\n`);
    });
}
