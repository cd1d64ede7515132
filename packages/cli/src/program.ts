import { SharedContextError } from '@sharedcontext/core';
import { Command, CommanderError } from 'commander';
import { registerBench } from './commands/bench-command.ts';
import { registerCompress } from './commands/compress-command.ts';
import { registerStoreCommands } from './commands/store-commands.ts';

/** The `sharedcontext` command tree. */
export function createProgram(): Command {
  const program = new Command('sharedcontext')
    .description(
      'Compress the context AI agents hand to each other; keep every original retrievable.',
    )
    .version('0.1.0')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  registerCompress(program);
  registerStoreCommands(program);
  registerBench(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/**
 * Runs the CLI and returns its exit code: 0 on success, 1 for a user error
 * (message on stderr, no stack trace), 2 for a usage error, 70 for a bug.
 */
export async function run(argv: readonly string[]): Promise<number> {
  try {
    await createProgram().parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed help or the usage error.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (SharedContextError.isInstance(error)) {
      process.stderr.write(
        `sharedcontext: ${error.message.replace(/^\[sharedcontext\] /, '')}\n`,
      );
      return 1;
    }
    process.stderr.write(
      `sharedcontext: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 70;
  }
}
