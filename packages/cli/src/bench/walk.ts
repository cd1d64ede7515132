import { open, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';

const SKIPPED_DIRECTORIES = new Set([
  '.git',
  'node_modules',
  'dist',
  '.hg',
  '.svn',
]);

/** Options of {@link listBenchFiles}. */
export interface ListBenchFilesOptions {
  /** Larger files are skipped. @default 20 MiB */
  maxBytes?: number;
}

async function isBinary(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(8192);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).includes(0);
  } finally {
    await handle.close();
  }
}

/**
 * Every text file under `root` (or `root` itself if it is a file), sorted,
 * skipping VCS and dependency folders, binaries and files over `maxBytes`.
 */
export async function listBenchFiles(
  root: string,
  { maxBytes = 20 * 1024 * 1024 }: ListBenchFilesOptions = {},
): Promise<string[]> {
  const info = await stat(root);
  if (info.isFile()) return [root];
  const found: string[] = [];
  const visit = async (directory: string): Promise<void> => {
    const entries = await readdir(directory, { withFileTypes: true });
    for (const entry of entries) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) await visit(path);
      } else if (entry.isFile()) {
        const size = (await stat(path)).size;
        if (size > 0 && size <= maxBytes && !(await isBinary(path)))
          found.push(path);
      }
    }
  };
  await visit(root);
  return found.sort((a, b) =>
    relative(root, a).localeCompare(relative(root, b)),
  );
}
