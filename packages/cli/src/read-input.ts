import { readFile } from 'node:fs/promises';
import { InvalidArgumentError } from '@sharedcontext/core';

/** The text of a file, or of stdin for `-` or no file. */
export async function readInput(file: string | undefined): Promise<string> {
  if (file === undefined || file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : (error as Error).message;
    throw new InvalidArgumentError({
      parameter: 'file',
      value: file,
      message: `cannot read ${file}: ${why}`,
    });
  }
}
