import {
  expectInvalidArguments,
  type NamedInvalidCall,
} from '@sharedcontext-internal/test-utils';
import { describe, it } from 'vitest';
import {
  compressTeamHandoffs,
  createRetrievalTool,
  taskHandoff,
} from './index.ts';

// Issue 15: null or wrong-typed option arguments are typed errors naming
// the parameter, never a raw TypeError from destructuring.
describe('null options', () => {
  it('name the parameter with InvalidArgumentError', async () => {
    const calls: NamedInvalidCall[] = [
      [
        'compressTeamHandoffs',
        () =>
          compressTeamHandoffs(
            { getStore: () => ({}) } as never,
            null as never,
          ),
        'options',
      ],
      [
        'compressTeamHandoffs',
        () =>
          compressTeamHandoffs(
            { getStore: () => ({}) } as never,
            { ctx: 5 } as never,
          ),
        'ctx',
      ],
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
      ['taskHandoff', () => taskHandoff(null as never), 'options'],
      ['taskHandoff', () => taskHandoff({ ctx: 5 } as never), 'ctx'],
    ];
    await expectInvalidArguments(calls);
  });
});
