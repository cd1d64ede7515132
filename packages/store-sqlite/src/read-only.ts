import { accessSync, constants, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * True for an existing database file that this process may not write, or
 * whose folder it may not write (SQLite needs the folder for its journal,
 * WAL and -shm files). Such a file is opened read-only instead of failing
 * on the switch to WAL. `:memory:`, temporary (`''`) and `file:` URIs are
 * left to SQLite. `canWrite` is a test seam (root may write anything).
 */
export function shouldOpenReadOnly(
  filename: string,
  canWrite: (path: string) => boolean = writable,
): boolean {
  if (filename === ':memory:' || filename.startsWith('file:')) return false;
  const path = resolve(filename);
  if (!existsSync(path)) return false;
  return !canWrite(path) || !canWrite(dirname(path));
}
