import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const SRC = new URL('./', import.meta.url);
const manifest = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as {
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};

describe('kaibanjs as an optional peer (issue 18)', () => {
  it('is declared optional, so installing the package does not pull it in', () => {
    expect(manifest.peerDependencies?.kaibanjs).toBeDefined();
    expect(manifest.peerDependenciesMeta?.kaibanjs?.optional).toBe(true);
  });

  it('is imported by no shipped module at runtime, only as types', () => {
    const sources = readdirSync(SRC).filter(
      (name) => name.endsWith('.ts') && !name.includes('.test.'),
    );
    expect(sources.length).toBeGreaterThan(0);
    for (const name of sources) {
      const text = readFileSync(new URL(name, SRC), 'utf8');
      // verbatimModuleSyntax erases `import type`; anything else would load kaibanjs.
      const runtime = text.match(
        /^\s*(?:import|export)\s+(?!type\b)[^;]*?from\s+['"]kaibanjs['"]|import\(\s*['"]kaibanjs['"]\s*\)|^\s*import\s+['"]kaibanjs['"]/gm,
      );
      expect(runtime, name).toBeNull();
    }
  });
});
