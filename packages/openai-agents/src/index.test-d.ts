import { Agent, handoff, Runner } from '@openai/agents';
import { expectTypeOf, test } from 'vitest';
import {
  type CompressHandoffInputFilter,
  compressHandoffInput,
  compressModelInput,
  createRetrievalTool,
  nestHandoffHistory,
  SharedContext,
  trimToolOutputs,
} from './index.ts';

interface AppContext {
  userId: string;
}

test('the filters and the tool fit agents and runners with a typed context', () => {
  const ctx = new SharedContext();
  const filter = compressHandoffInput({ ctx });
  expectTypeOf(filter).toExtend<CompressHandoffInputFilter>();
  const specialist = new Agent<AppContext>({
    name: 'Specialist',
    tools: [createRetrievalTool({ ctx })],
  });
  new Agent<AppContext>({
    name: 'Triage',
    handoffs: [
      handoff(specialist, { inputFilter: filter }),
      handoff(specialist, { inputFilter: nestHandoffHistory({ ctx }) }),
    ],
  });
  new Runner({ callModelInputFilter: trimToolOutputs({ ctx }) });
  new Runner({
    handoffInputFilter: filter,
    callModelInputFilter: compressModelInput({ ctx }),
  });
});
