import {
  RETRIEVAL_TOOL_NAME,
  RETRIEVAL_TOOL_PARAMETERS,
  SharedContext,
} from '@sharedcontext/core';
import { lineDropCompressor } from '@sharedcontext-internal/test-utils';
import { describe, expect, it } from 'vitest';
import { createRetrievalTool } from './retrieval-tool.ts';
import { taskHandoff } from './task-handoff.ts';

describe('createRetrievalTool', () => {
  it('is sharedcontext_retrieve and brings back what a task handoff dropped', async () => {
    const ctx = new SharedContext({
      compressors: [lineDropCompressor()],
      minTokens: 0,
    });
    const output = Array.from({ length: 40 }, (_, i) => `finding ${i}`).join(
      '\n',
    );
    const handoff = await taskHandoff({
      ctx,
      from: 'research',
      to: 'writer',
      output,
    });
    const marker = /\[… [^\]]*…\]/.exec(handoff.context)![0];
    const retrieve = createRetrievalTool({ ctx });
    expect(retrieve.name).toBe(RETRIEVAL_TOOL_NAME);
    expect(retrieve.parameters).toBe(RETRIEVAL_TOOL_PARAMETERS);
    expect(await retrieve.execute({ marker })).toBe(
      output.split('\n').slice(2, -2).join('\n'),
    );
    expect(await retrieve.execute({ key: 'research->writer' })).toBe(output);
  });
});
