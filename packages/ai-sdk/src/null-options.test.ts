import { describe, expect, it } from 'vitest';
import {
  compressToolOutput,
  compressToolResults,
  InvalidArgumentError,
} from './index.ts';

// Issue 15: null or wrong-typed option arguments are typed errors naming
// the parameter, never a raw TypeError from destructuring.
describe('null options', () => {
  it('name the parameter with InvalidArgumentError', async () => {
    const calls: Array<[string, () => unknown, string]> = [
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
    for (const [name, call, parameter] of calls) {
      const error = await Promise.resolve()
        .then(call)
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      expect(InvalidArgumentError.isInstance(error), name).toBe(true);
      expect((error as InvalidArgumentError).parameter, name).toBe(parameter);
    }
  });
});
