import { InvalidArgumentError } from '@sharedcontext/core';
import { expect } from 'vitest';

/** A labelled call and the parameter its InvalidArgumentError must name. */
export type NamedInvalidCall = readonly [
  name: string,
  call: () => unknown,
  parameter: string,
];

/**
 * Each call must throw or reject with `InvalidArgumentError` naming its
 * parameter: null or wrong-typed options are typed errors, never a raw
 * TypeError from destructuring (issue 15).
 */
export async function expectInvalidArguments(
  calls: readonly NamedInvalidCall[],
): Promise<void> {
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
}
