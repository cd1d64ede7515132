import {
  expectInvalidArguments,
  type NamedInvalidCall,
} from '@sharedcontext-internal/test-utils';
import { describe, it } from 'vitest';
import { compressToolOutput, compressToolResults } from './index.ts';

// Issue 15: null or wrong-typed option arguments are typed errors naming
// the parameter, never a raw TypeError from destructuring.
describe('null options', () => {
  it('name the parameter with InvalidArgumentError', async () => {
    const calls: NamedInvalidCall[] = [
      [
        'compressToolOutput',
        () =>
          compressToolOutput(
            { type: 'text', value: 'x' } as never,
            null as never,
            {} as never,
          ),
        'call',
      ],
      [
        'compressToolOutput',
        () =>
          compressToolOutput(
            { type: 'text', value: 'x' } as never,
            { toolCallId: 'c', toolName: 't' },
            null as never,
          ),
        'options',
      ],
      [
        'compressToolResults',
        () => compressToolResults([], null as never),
        'options',
      ],
      [
        'compressToolResults',
        () => compressToolResults([], { ctx: 5 } as never),
        'ctx',
      ],
    ];
    await expectInvalidArguments(calls);
  });
});
