import {
  expectInvalidArguments,
  type NamedInvalidCall,
} from '@sharedcontext-internal/test-utils';
import { describe, it } from 'vitest';
import {
  compressHandoffInput,
  compressModelInput,
  createRetrievalTool,
  nestHandoffHistory,
  retrieveTool,
  SharedContext,
  trimToolOutputs,
} from './index.ts';

// Issue 15: null or wrong-typed option arguments are typed errors naming
// the parameter, never a raw TypeError from destructuring.
describe('null options', () => {
  it('name the parameter with InvalidArgumentError', async () => {
    const calls: NamedInvalidCall[] = [
      [
        'compressHandoffInput',
        () => compressHandoffInput(null as never),
        'options',
      ],
      [
        'compressHandoffInput',
        () => compressHandoffInput({ ctx: 5 } as never),
        'ctx',
      ],
      [
        'compressModelInput',
        () => compressModelInput(null as never),
        'options',
      ],
      [
        'compressModelInput',
        () => compressModelInput({ ctx: 5 } as never),
        'ctx',
      ],
      [
        'nestHandoffHistory',
        () => nestHandoffHistory(null as never),
        'options',
      ],
      [
        'nestHandoffHistory',
        () => nestHandoffHistory({ ctx: 5 } as never),
        'ctx',
      ],
      ['trimToolOutputs', () => trimToolOutputs(null as never), 'options'],
      ['trimToolOutputs', () => trimToolOutputs({ ctx: 5 } as never), 'ctx'],
      [
        'createRetrievalTool',
        () => createRetrievalTool(null as never),
        'options',
      ],
      [
        'createRetrievalTool',
        () => createRetrievalTool({ ctx: 5 } as never),
        'ctx',
      ],
      [
        'retrieveTool',
        () => retrieveTool(new SharedContext(), null as never),
        'options',
      ],
      ['retrieveTool', () => retrieveTool(5 as never), 'ctx'],
    ];
    await expectInvalidArguments(calls);
  });
});
