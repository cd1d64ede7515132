import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { MissingDependencyError } from '@sharedcontext/core';
import type { Parser } from 'web-tree-sitter';

const RUNTIME_PACKAGE = 'web-tree-sitter';
const GRAMMAR_PACKAGE = '@vscode/tree-sitter-wasm';

type TreeSitter = typeof import('web-tree-sitter');

/** A loaded grammar: a parser set to it, and what loading cost. */
export interface LoadedGrammar {
  parser: Parser;
  /** Milliseconds spent reading and instantiating the grammar (runtime init excluded). */
  loadMs: number;
}

// Module-level, so every compressor instance (and every SharedContext) in the
// process shares one runtime and one parser per grammar: the runtime is
// initialised once, each grammar is read and instantiated once.
let runtime: Promise<TreeSitter> | undefined;
const pending = new Map<string, Promise<LoadedGrammar>>();
const loaded = new Map<string, LoadedGrammar>();

function cacheKey(grammar: string, directory: string | undefined): string {
  return `${directory ?? ''}\u0000${grammar}`;
}

function loadRuntime(): Promise<TreeSitter> {
  runtime ??= (async () => {
    let module: TreeSitter;
    try {
      module = await import('web-tree-sitter');
    } catch (cause) {
      throw new MissingDependencyError({
        packageName: RUNTIME_PACKAGE,
        message: `[code] ${RUNTIME_PACKAGE} could not be loaded. Install it with \`npm install ${RUNTIME_PACKAGE}\` (it is a dependency of @sharedcontext/compressor-code).`,
        cause,
      });
    }
    await module.Parser.init();
    return module;
  })();
  // A failed start may be retried (a package installed meanwhile).
  runtime.catch(() => {
    runtime = undefined;
  });
  return runtime;
}

function grammarPath(grammar: string, directory: string | undefined): string {
  const file = `tree-sitter-${grammar}.wasm`;
  if (directory !== undefined) return join(directory, file);
  try {
    return createRequire(import.meta.url).resolve(
      `${GRAMMAR_PACKAGE}/wasm/${file}`,
    );
  } catch (cause) {
    throw new MissingDependencyError({
      packageName: GRAMMAR_PACKAGE,
      message: `[code] the ${grammar} grammar could not be resolved from ${GRAMMAR_PACKAGE}. Install it with \`npm install ${GRAMMAR_PACKAGE}\`.`,
      cause,
    });
  }
}

async function load(
  grammar: string,
  directory: string | undefined,
): Promise<LoadedGrammar> {
  const treeSitter = await loadRuntime();
  const started = performance.now();
  const path = grammarPath(grammar, directory);
  let language: InstanceType<TreeSitter['Language']>;
  try {
    language = await treeSitter.Language.load(
      new Uint8Array(await readFile(path)),
    );
  } catch (cause) {
    throw new MissingDependencyError({
      packageName: GRAMMAR_PACKAGE,
      message: `[code] the ${grammar} grammar could not be loaded from ${path}: ${cause instanceof Error ? cause.message : String(cause)}. Install ${GRAMMAR_PACKAGE}, or point \`grammarDirectory\` at a folder holding tree-sitter-${grammar}.wasm.`,
      cause,
    });
  }
  const parser = new treeSitter.Parser();
  parser.setLanguage(language);
  return { parser, loadMs: performance.now() - started };
}

/** The grammar if it is loaded already (the synchronous path), else undefined. */
export function loadedGrammar(
  grammar: string,
  directory?: string,
): LoadedGrammar | undefined {
  return loaded.get(cacheKey(grammar, directory));
}

/**
 * Loads a grammar once per process (and the runtime before it); concurrent
 * callers share one promise. Throws `MissingDependencyError` when the
 * runtime or the grammar file cannot be found.
 */
export function loadGrammar(
  grammar: string,
  directory?: string,
): Promise<LoadedGrammar> {
  const key = cacheKey(grammar, directory);
  const done = loaded.get(key);
  if (done) return Promise.resolve(done);
  let promise = pending.get(key);
  if (!promise) {
    promise = load(grammar, directory).then(
      (result) => {
        loaded.set(key, result);
        pending.delete(key);
        return result;
      },
      (error: unknown) => {
        pending.delete(key);
        throw error;
      },
    );
    pending.set(key, promise);
  }
  return promise;
}
