import { MissingDependencyError } from '@sharedcontext/core';

/**
 * Imports an optional store driver package. The drivers are optional
 * dependencies of the CLI, loaded only by the commands that use a store, so
 * `compress --no-store` and `bench` run where they are not installed (or
 * where better-sqlite3's native build failed).
 */
export async function importDriver<T>(packageName: string): Promise<T> {
  try {
    // A variable keeps bundlers and tsc from resolving it eagerly.
    const name = packageName;
    return (await import(name)) as T;
  } catch (error) {
    throw new MissingDependencyError({
      packageName,
      message: `[sharedcontext] [cli] ${packageName} could not be loaded: ${(error as Error).message.split('\n')[0]}. Install it beside the CLI (\`npm install ${packageName}\`) or choose another --store.`,
      cause: error,
    });
  }
}
