import {
  expectInvalidArguments,
  type NamedInvalidCall,
} from '@sharedcontext-internal/test-utils';
import { describe, it } from 'vitest';
import {
  compressDelegation,
  compressedStep,
  compressToolResults,
  createRetrievalTool,
  sharedContextProcessor,
} from './index.ts';

// Issue 15: null or wrong-typed option arguments are typed errors naming
// the parameter, never a raw TypeError from destructuring.
describe('null options', () => {
  it('name the parameter with InvalidArgumentError', async () => {
    const calls: NamedInvalidCall[] = [
      [
        'compressedStep',
        () =>
          compressedStep({ execute: () => undefined } as never, null as never),
        'options',
      ],
      [
        'compressedStep',
        () =>
          compressedStep(
            { execute: () => undefined } as never,
            { ctx: 5 } as never,
          ),
        'ctx',
      ],
      [
        'compressDelegation',
        () => compressDelegation(null as never),
        'options',
      ],
      [
        'compressDelegation',
        () => compressDelegation({ ctx: 5 } as never),
        'ctx',
      ],
      [
        'compressToolResults',
        () => compressToolResults(null as never),
        'options',
      ],
      [
        'compressToolResults',
        () => compressToolResults({ ctx: 5 } as never),
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
      [
        'sharedContextProcessor',
        () => sharedContextProcessor(null as never),
        'options',
      ],
      [
        'sharedContextProcessor',
        () => sharedContextProcessor({ ctx: 5 } as never),
        'ctx',
      ],
    ];
    await expectInvalidArguments(calls);
  });
});
