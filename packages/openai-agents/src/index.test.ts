import { existsSync, readFileSync } from 'node:fs';
import * as core from '@sharedcontext/core';
import { describe, expect, it } from 'vitest';
import * as adapter from './index.ts';

describe('@sharedcontext/openai-agents', () => {
  it('re-exports every public name of core beside its own', () => {
    const coreExports = new Map(Object.entries(core));
    const adapterExports = new Map(Object.entries(adapter));
    for (const [name, value] of coreExports) {
      expect(adapterExports.get(name)).toBe(value);
    }
    expect(Object.keys(adapter).sort()).toEqual(
      [
        ...Object.keys(core),
        'compressHandoff',
        'compressHandoffInput',
        'compressModelInput',
        'createRetrievalTool',
        'nestHandoffHistory',
        'retrieveTool',
        'trimToolOutputs',
      ].sort(),
    );
  });

  it('has every exports target on disk after the build', () => {
    const root = new URL('..', import.meta.url);
    const manifest = JSON.parse(
      readFileSync(new URL('package.json', root), 'utf8'),
    ) as { exports: Record<string, string | Record<string, string>> };
    const targets = Object.values(manifest.exports).flatMap((target) =>
      typeof target === 'string' ? [target] : Object.values(target),
    );
    expect(targets).toContain('./dist/index.js');
    for (const target of targets) {
      expect(existsSync(new URL(target, root)), target).toBe(true);
    }
  });
});
