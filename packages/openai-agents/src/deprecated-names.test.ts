import { type CompressionEvent, SharedContext } from '@sharedcontext/core';
import {
  lineDropCompressor,
  storeTestText,
} from '@sharedcontext-internal/test-utils';
import { describe, expect, it } from 'vitest';
import { outputText, runHandoff } from './__fixtures__/handoff-scenario.ts';
import {
  compressHandoff,
  compressHandoffInput,
} from './handoff-input-filter.ts';

describe('one vocabulary', () => {
  it('keeps compressHandoff and the context option as deprecated aliases', () => {
    const context = new SharedContext({ model: 'gpt-4o' });
    expect(compressHandoff).toBe(compressHandoffInput);
    const filter = compressHandoff({ context });
    expect(filter.ctx).toBe(context);
    expect(filter.context).toBe(context);
    expect(() =>
      compressHandoffInput({ ctx: 'nope' as unknown as SharedContext }),
    ).toThrow(expect.objectContaining({ parameter: 'ctx' }));
  });

  it('reports each compression as a compression-end event naming the agent and the tool', async () => {
    const events: CompressionEvent[] = [];
    const ctx = new SharedContext({
      model: 'gpt-4o',
      compressors: [lineDropCompressor()],
      minTokens: 0,
      onCompress: (event) => events.push(event),
    });
    const filter = compressHandoffInput({ ctx, minChars: 200 });
    await filter.ready();
    const { specialistInput } = await runHandoff({
      toolOutputs: { fetch_logs: storeTestText('datanode', 80) },
      inputFilter: filter,
    });
    const result = specialistInput().find(
      (item) =>
        item.type === 'function_call_result' && item.name === 'fetch_logs',
    )!;
    expect(outputText(result)).toContain('lines omitted');
    expect(events).toContainEqual(
      expect.objectContaining({ agent: 'Triage', tool: 'fetch_logs' }),
    );
    const event = events.find((candidate) => candidate.tool === 'fetch_logs')!;
    expect(event.compressedTokens).toBeLessThan(event.originalTokens);
  });
});

describe('pass-through options', () => {
  it('builds its default context in the given namespace', () => {
    expect(compressHandoffInput({ namespace: 'tenant-a' }).ctx.namespace).toBe(
      'tenant-a',
    );
  });
});
