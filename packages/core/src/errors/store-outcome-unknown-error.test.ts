import { describe, expect, it } from 'vitest';
import { SharedContextError } from './shared-context-error.ts';
import { StoreDriverError } from './store-driver-error.ts';
import { StoreOutcomeUnknownError } from './store-outcome-unknown-error.ts';

describe('StoreOutcomeUnknownError', () => {
  const cause = new Error('Command timed out');
  const error = new StoreOutcomeUnknownError({
    driver: 'redis',
    operation: 'set',
    key: 'notes',
    cause,
  });

  it('is a StoreDriverError with code STORE_OUTCOME_UNKNOWN and its context', () => {
    expect(StoreOutcomeUnknownError.isInstance(error)).toBe(true);
    expect(StoreDriverError.isInstance(error)).toBe(true);
    expect(SharedContextError.isInstance(error)).toBe(true);
    expect(error.code).toBe('STORE_OUTCOME_UNKNOWN');
    expect(error.name).toBe('StoreOutcomeUnknownError');
    expect(error).toMatchObject({
      driver: 'redis',
      operation: 'set',
      key: 'notes',
      cause,
    });
  });

  it('says the write may have been applied and what to do, never that nothing was dropped', () => {
    expect(error.message).toMatch(
      /^\[sharedcontext\] \[redis\] set failed for key "notes": Command timed out; it may or may not have been applied\. Read the entry back/,
    );
    expect(error.message).not.toContain('nothing was silently dropped');
  });

  it('is told apart from other store failures by isInstance, across copies of core', () => {
    const plain = new StoreDriverError({ driver: 'redis', operation: 'set' });
    expect(StoreOutcomeUnknownError.isInstance(plain)).toBe(false);
    // What a second copy of core would build: only the registry symbol.
    const foreign = Object.assign(new Error('x'), {
      [Symbol.for('sharedcontext.error.store-outcome-unknown')]: true,
    });
    expect(StoreOutcomeUnknownError.isInstance(foreign)).toBe(true);
  });
});
