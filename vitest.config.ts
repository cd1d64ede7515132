import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their `src` through this condition, so a
// change in core is seen by adapter tests without a build (style.md 3.3).
const conditions = [
  '@sharedcontext/source',
  'module',
  'node',
  'development|production',
];

export default defineConfig({
  resolve: {
    conditions,
    // Test helpers depend on core; an alias (not a devDependency) keeps the
    // workspace graph acyclic.
    alias: [
      {
        find: /^@sharedcontext-internal\/test-utils$/,
        replacement: fileURLToPath(
          new URL('./internal/test-utils/src/index.ts', import.meta.url),
        ),
      },
    ],
  },
  environments: { ssr: { resolve: { conditions } } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'examples/*/src/**/*.test.ts',
      'internal/*/src/**/*.test.ts',
    ],
    // Prints the one-line corpus/Redis notices and starts a private
    // redis-server for the Redis suites when one is on the PATH.
    globalSetup: ['internal/test-utils/src/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
