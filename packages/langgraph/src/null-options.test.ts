import { describe, expect, it } from 'vitest';
import {
  compressHandoff,
  compressingHandoffTool,
  compressMessages,
  InvalidArgumentError,
} from './index.ts';

// Issue 15: null or wrong-typed option arguments are typed errors naming
// the parameter, never a raw TypeError from destructuring.
describe('null options', () => {
  it('name the parameter with InvalidArgumentError', async () => {
    const calls: Array<[string, () => unknown, string]> = [
      ['compressMessages', () => compressMessages(null as never), 'options'],
      ['compressHandoff', () => compressHandoff(null as never), 'options'],
      [
        'compressingHandoffTool',
        () => compressingHandoffTool(null as never),
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
