import {
  expectInvalidArguments,
  type NamedInvalidCall,
} from '@sharedcontext-internal/test-utils';
import { describe, it } from 'vitest';
import {
  compressHandoff,
  compressingHandoffTool,
  compressMessages,
} from './index.ts';

// Issue 15: null or wrong-typed option arguments are typed errors naming
// the parameter, never a raw TypeError from destructuring.
describe('null options', () => {
  it('name the parameter with InvalidArgumentError', async () => {
    const calls: NamedInvalidCall[] = [
      ['compressMessages', () => compressMessages(null as never), 'options'],
      ['compressHandoff', () => compressHandoff(null as never), 'options'],
      [
        'compressingHandoffTool',
        () => compressingHandoffTool(null as never),
        'options',
      ],
    ];
    await expectInvalidArguments(calls);
  });
});
