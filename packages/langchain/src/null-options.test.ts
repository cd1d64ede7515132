import { describe, expect, it } from 'vitest';
import {
  compressToolMessage,
  compressToolResults,
  InvalidArgumentError,
} from './index.ts';

// Issue 15: null or wrong-typed option arguments are typed errors naming
// the parameter, never a raw TypeError from destructuring.
describe('null options', () => {
  it('name the parameter with InvalidArgumentError', async () => {
    const calls: Array<[string, () => unknown, string]> = [
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
