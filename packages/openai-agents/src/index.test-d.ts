import { Agent, handoff, Runner } from '@openai/agents';
import { expectTypeOf, test } from 'vitest';
import {
  type CompressHandoffFilter,
  compressHandoff,
  compressModelInput,
  retrieveTool,
  SharedContext,
} from './index.ts';

interface AppContext {
  userId: string;
}

test('the filters and the tool fit agents and runners with a typed context', () => {
  const ctx = new SharedContext();
  const filter = compressHandoff({ context: ctx });
  expectTypeOf(filter).toExtend<CompressHandoffFilter>();
  const specialist = new Agent<AppContext>({
    name: 'Specialist',
    tools: [retrieveTool(ctx)],
  });
  new Agent<AppContext>({
    name: 'Triage',
    handoffs: [handoff(specialist, { inputFilter: filter })],
  });
  new Runner({
    handoffInputFilter: filter,
    callModelInputFilter: compressModelInput({ context: ctx }),
  });
});
