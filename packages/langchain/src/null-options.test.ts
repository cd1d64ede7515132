import {
  expectInvalidArguments,
  type NamedInvalidCall,
} from '@sharedcontext-internal/test-utils';
import { describe, it } from 'vitest';
import { compressToolMessage, compressToolResults } from './index.ts';

// Issue 15: null or wrong-typed option arguments are typed errors naming
// the parameter, never a raw TypeError from destructuring.
describe('null options', () => {
  it('name the parameter with InvalidArgumentError', async () => {
    const calls: NamedInvalidCall[] = [
      [
        'compressToolMessage',
        () => compressToolMessage({} as never, null as never),
        'options',
      ],
      [
        'compressToolMessage',
        () => compressToolMessage({} as never, { ctx: 5 } as never),
        'ctx',
      ],
      [
        'compressToolResults',
        () => compressToolResults([], null as never),
        'options',
      ],
    ];
    await expectInvalidArguments(calls);
  });
});
