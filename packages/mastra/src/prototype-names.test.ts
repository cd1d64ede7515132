import { createStep } from '@mastra/core/workflows';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compressedStep } from './compressed-step.ts';
import { SharedContext } from './index.ts';

// Issue 15: output fields named after Object.prototype members stay fields.
describe('compressedStep with prototype-member field names', () => {
  it('writes `__proto__` and `constructor` fields as own properties', async () => {
    const ctx = new SharedContext({ minTokens: 0 });
    const output = JSON.parse(
      '{"__proto__": "polluted?", "constructor": "text", "lines": 2}',
    ) as Record<string, unknown>;
    const step = createStep({
      id: 'fetch',
      inputSchema: z.object({}),
      outputSchema: z.record(z.string(), z.unknown()),
      execute: async () => output,
    });
    const wrapped = compressedStep(step, { ctx });
    const result = (await wrapped.execute({
      runId: 'run-1',
      inputData: {},
    } as never)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.hasOwn(result, '__proto__')).toBe(true);
    expect(Object.keys(result)).toEqual(['__proto__', 'constructor', 'lines']);
    expect(typeof result.constructor).toBe('string');
    expect(await ctx.keys()).toHaveLength(2);
  });
});
