import { describe, expect, it } from 'vitest';
import {
  compressTeamHandoffs,
  createRetrievalTool,
  InvalidArgumentError,
  taskHandoff,
} from './index.ts';

// Issue 15: null or wrong-typed option arguments are typed errors naming
// the parameter, never a raw TypeError from destructuring.
describe('null options', () => {
  it('name the parameter with InvalidArgumentError', async () => {
    const calls: Array<[string, () => unknown, string]> = [
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
