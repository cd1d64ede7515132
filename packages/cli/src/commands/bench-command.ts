import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DEFAULTS, InvalidArgumentError } from '@sharedcontext/core';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { benchFiles, benchMarkdown, benchSvg } from '../bench/run-bench.ts';
import { listBenchFiles } from '../bench/walk.ts';
import { cliCompressors } from '../compressors.ts';

/** `sharedcontext bench [dir]`. */
export function registerBench(program: Command): void {
  program
    .command('bench')
    .description(
      'compress every text file under DIR and write a Markdown table and an SVG chart of the savings',
    )
    .argument('[dir]', 'directory (or file) to measure', '.')
    .option(
      '-o, --out <dir>',
      'where to write bench.md and bench.svg',
      'sharedcontext-bench',
    )
    .option('-m, --model <id>', 'model whose tokenizer counts', DEFAULTS.model)
    .option('-q, --query <text>', 'what a reader would look for')
    .action(
      async (
        dir: string,
        flags: { out: string; model: string; query?: string },
      ) => {
        const root = resolve(dir);
        const files = await listBenchFiles(root).catch((error: unknown) => {
          throw new InvalidArgumentError({
            parameter: 'dir',
            value: dir,
            message: `cannot read ${dir}: ${(error as Error).message}`,
          });
        });
        if (files.length === 0)
          throw new InvalidArgumentError({
            parameter: 'dir',
            value: dir,
            message: 'no text files found',
          });
        const bar = process.stderr.isTTY
          ? new cliProgress.SingleBar(
              {
                format: 'bench [{bar}] {value}/{total} {file}',
                stream: process.stderr,
                hideCursor: true,
              },
              cliProgress.Presets.shades_classic,
            )
          : undefined;
        bar?.start(files.length, 0, { file: '' });
        const rows = await benchFiles(files, {
          root,
          model: flags.model,
          // Per file, so a file's extension names its code language.
          compressors: (file) => cliCompressors({ fileName: file }),
          ...(flags.query ? { query: flags.query } : {}),
          onFile(row, index, total) {
            if (bar) bar.update(index + 1, { file: row.file });
            else
              process.stderr.write(
                `[${index + 1}/${total}] ${row.file}: ${row.originalTokens} → ${row.compressedTokens} tokens (${row.savingsPercent}%)\n`,
              );
          },
        });
        bar?.stop();
        const out = resolve(flags.out);
        await mkdir(out, { recursive: true });
        const markdown = benchMarkdown(rows, `SharedContext bench: ${dir}`);
        await writeFile(join(out, 'bench.md'), markdown);
        await writeFile(join(out, 'bench.svg'), benchSvg(rows));
        process.stdout.write(markdown);
        process.stderr.write(
          `wrote ${join(out, 'bench.md')} and ${join(out, 'bench.svg')}\n`,
        );
      },
    );
}
