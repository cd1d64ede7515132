import type { Compressor } from './compressor.ts';
import { defaultCompressors } from './default-compressors.ts';

/**
 * Plug-in compressors core uses by default when they are installed, in
 * router order (before the built-ins). Each is an optional peer dependency
 * of core, loaded by dynamic import: core never imports them statically
 * (they depend on core), so there is no build cycle, and a missing one is
 * simply absent.
 */
const OPTIONAL_COMPRESSORS: ReadonlyArray<{
  packageName: string;
  factory: string;
}> = [
  { packageName: '@sharedcontext/compressor-code', factory: 'codeCompressor' },
];

/** Loads a module by name; a test seam for {@link createCompressorLoader}. */
export type ImportModule = (specifier: string) => Promise<unknown>;

/** Loads the installed optional compressors once and remembers them. */
export interface CompressorLoader {
  /**
   * Imports each installed plug-in, builds it with its defaults and runs
   * its `prepare()`. A plug-in that is not installed, or fails to load or
   * prepare, is left out. Resolves to the same list on every call.
   */
  load(): Promise<readonly Compressor[]>;
  /** What has loaded so far: empty until `load()` resolved. */
  loaded(): readonly Compressor[];
}

async function loadOne(
  importModule: ImportModule,
  packageName: string,
  factory: string,
): Promise<Compressor | undefined> {
  try {
    const module = (await importModule(packageName)) as Record<string, unknown>;
    const create = module?.[factory];
    if (typeof create !== 'function') return undefined;
    const compressor = create() as Compressor;
    await compressor.prepare?.();
    return compressor;
  } catch {
    // Not installed (the usual case), or installed without what it needs
    // (its own MissingDependencyError): the built-ins serve that content.
    return undefined;
  }
}

/** A loader over `importModule`; {@link loadInstalledCompressors} uses the process-wide one. */
export function createCompressorLoader(
  importModule: ImportModule,
): CompressorLoader {
  let loading: Promise<readonly Compressor[]> | undefined;
  let done: readonly Compressor[] = [];
  return {
    load() {
      loading ??= Promise.all(
        OPTIONAL_COMPRESSORS.map(({ packageName, factory }) =>
          loadOne(importModule, packageName, factory),
        ),
      ).then((found) => {
        done = found.filter(
          (compressor): compressor is Compressor => compressor !== undefined,
        );
        return done;
      });
      return loading;
    },
    loaded: () => done,
  };
}

// A variable specifier: bundlers and tsc leave it alone, so core builds
// and runs without the plug-in present.
const PROCESS_LOADER = createCompressorLoader(
  (specifier: string) => import(specifier),
);

/**
 * Loads, once per process, the optional compressor packages that are
 * installed (`@sharedcontext/compressor-code`), prepared and ready for the
 * synchronous path. `SharedContext.ready()`, `put()`, `compress()` and
 * `prepare()` await it when no `compressors` list was given.
 */
export function loadInstalledCompressors(): Promise<readonly Compressor[]> {
  return PROCESS_LOADER.load();
}

/**
 * The compressors used when no `compressors` list is given: the installed
 * plug-ins loaded so far (see {@link loadInstalledCompressors}), then
 * {@link defaultCompressors}.
 */
export function installedAndDefaultCompressors(): Compressor[] {
  return [...PROCESS_LOADER.loaded(), ...defaultCompressors()];
}
