import { Agent, type AgentInputItem, RunContext } from '@openai/agents';
import { SharedContext } from '@sharedcontext/core';
import { describePairingSafety } from '@sharedcontext-internal/test-utils';
import {
  fromInputItems,
  toInputItems,
} from './__fixtures__/transcript-items.ts';
import { compressModelInput } from './call-model-input-filter.ts';
import { compressHandoff } from './handoff-input-filter.ts';

const ctx = new SharedContext({ model: 'gpt-4o' });
await ctx.ready();
const agent = new Agent({ name: 'Analyst' });

describePairingSafety<AgentInputItem[]>({
  name: 'openai-agents compressModelInput',
  toFramework: toInputItems,
  fromFramework: fromInputItems,
  compress: async (input) =>
    (
      await compressModelInput({ context: ctx })({
        modelData: { input, instructions: 'Answer briefly.' },
        agent,
        context: new RunContext(),
      })
    ).input,
});

describePairingSafety<AgentInputItem[]>({
  name: 'openai-agents compressHandoff',
  toFramework: toInputItems,
  fromFramework: fromInputItems,
  compress: (inputHistory) => {
    const filtered = compressHandoff({ context: ctx })({
      inputHistory,
      preHandoffItems: [],
      newItems: [],
    });
    return filtered.inputHistory as AgentInputItem[];
  },
});
