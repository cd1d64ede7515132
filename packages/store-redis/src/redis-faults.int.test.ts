import {
  SharedContext,
  StoreDriverError,
  StoreOutcomeUnknownError,
} from '@sharedcontext/core';
import {
  describeRedis,
  freePort,
  lineDropCompressor,
  type RedisServer,
  startRedisServer,
  storeTestText,
  uniqueRedisPrefix,
} from '@sharedcontext-internal/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisDriver } from './redis-driver.ts';

function expectUnavailable(error: unknown, operation: string): void {
  expect(StoreDriverError.isInstance(error)).toBe(true);
  const driverError = error as StoreDriverError;
  expect(driverError.driver).toBe('redis');
  expect(driverError.operation).toBe(operation);
  expect(driverError.code).toBe('STORE_UNAVAILABLE');
}

async function settle(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

// Retries `action` until it succeeds: the driver reconnects in the background.
async function eventually<T>(
  action: () => Promise<T>,
  attempts = 100,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const context = (url: string, prefix: string) =>
  new SharedContext({
    store: redisDriver({
      url,
      prefix,
      connectTimeoutMs: 1000,
      commandTimeoutMs: 2000,
    }),
    compressors: [lineDropCompressor()],
    minTokens: 0,
  });

// Needs the redis-server binary, which CI installs with REDIS_URL's server.
describeRedis('redisDriver faults', () => {
  describe('when Redis is unreachable at start', () => {
    it('rejects put, get, keys and flush with StoreDriverError naming the operation', async () => {
      const port = await freePort();
      const ctx = context(
        `redis://127.0.0.1:${port}/0`,
        uniqueRedisPrefix('down'),
      );
      expectUnavailable(await settle(ctx.put('k', storeTestText('k'))), 'set');
      expectUnavailable(await settle(ctx.get('k')), 'get');
      expectUnavailable(await settle(ctx.keys()), 'list');
      expectUnavailable(await settle(ctx.clear()), 'clear');
      await ctx.ready();
      const held = ctx.putSync('held', storeTestText('held'));
      expectUnavailable(await settle(ctx.flush()), 'set');
      // Not dropped: still readable here, retried by the next flush().
      expect(await ctx.get('held')).toBe(held.compressed);
      await settle(ctx.dispose());
    }, 30_000);
  });

  describe('when Redis stops mid-run and comes back', () => {
    let server: RedisServer;
    beforeAll(async () => {
      server = await startRedisServer(await freePort());
    });
    afterAll(async () => {
      await server.stop();
    });

    it('fails every call in flight or after, then resumes when Redis returns', async () => {
      const ctx = context(server.url, uniqueRedisPrefix('restart'));
      await ctx.put('before', storeTestText('before'));
      expect(await ctx.get('before', { full: true })).toBe(
        storeTestText('before'),
      );

      const inFlight = Array.from({ length: 20 }, (_, index) =>
        settle(ctx.put(`burst-${index}`, storeTestText(`burst-${index}`, 200))),
      );
      await server.kill();
      const outcomes = await Promise.all(inFlight);
      for (const outcome of outcomes) {
        // Refused, or sent and never answered: then the outcome is open.
        if (StoreOutcomeUnknownError.isInstance(outcome))
          expect(outcome.operation).toBe('set');
        else if (outcome !== undefined) expectUnavailable(outcome, 'set');
      }
      expect(outcomes.some((outcome) => outcome !== undefined)).toBe(true);

      expectUnavailable(
        await settle(ctx.put('during', storeTestText('during'))),
        'set',
      );
      expectUnavailable(await settle(ctx.get('before')), 'get');
      expectUnavailable(await settle(ctx.stats()), 'list');
      const held = ctx.putSync('held', storeTestText('held'));
      expectUnavailable(await settle(ctx.flush()), 'set');
      expect(await ctx.get('held', { full: true })).toBe(storeTestText('held'));

      await server.restart();
      await eventually(() => ctx.put('after', storeTestText('after')));
      await ctx.flush();
      expect(await ctx.get('after', { full: true })).toBe(
        storeTestText('after'),
      );
      // The server restarted empty; what was written since is all there.
      expect(await ctx.keys()).toEqual(['held', 'after']);
      expect((await ctx.getEntry('held'))?.compressed).toBe(held.compressed);
      await ctx.clear();
      await ctx.dispose();
    }, 60_000);
  });

  describe('when Redis freezes and a command times out', () => {
    let server: RedisServer;
    beforeAll(async () => {
      server = await startRedisServer(await freePort());
    });
    afterAll(async () => {
      server.resume();
      await server.stop();
    });

    it('reports a write that timed out as an unknown outcome, never as success', async () => {
      const prefix = uniqueRedisPrefix('frozen');
      const driver = redisDriver({
        url: server.url,
        prefix,
        commandTimeoutMs: 500,
        connectTimeoutMs: 1000,
      });
      const ctx = new SharedContext({
        store: driver,
        compressors: [lineDropCompressor()],
        minTokens: 0,
      });
      await ctx.put('kept', storeTestText('kept'));
      await ctx.put('doomed', storeTestText('doomed'));
      // Loads the delete script, so the frozen server has it when it wakes
      // (otherwise its late answer would be NOSCRIPT: not applied).
      await ctx.delete('nothing');

      server.pause();
      const put = await settle(ctx.put('late', storeTestText('late')));
      const removed = await settle(ctx.delete('doomed'));
      const read = await settle(ctx.get('kept'));
      server.resume();

      for (const [error, operation, key] of [
        [put, 'set', 'late'],
        [removed, 'delete', 'doomed'],
      ] as const) {
        expect(StoreOutcomeUnknownError.isInstance(error)).toBe(true);
        // Still a StoreDriverError, so general handlers keep working.
        expect(StoreDriverError.isInstance(error)).toBe(true);
        const unknown = error as StoreOutcomeUnknownError;
        expect(unknown.code).toBe('STORE_OUTCOME_UNKNOWN');
        expect(unknown.operation).toBe(operation);
        expect(unknown.key).toBe(key);
        expect(unknown.message).toContain('may or may not have been applied');
      }
      // A read that timed out changed nothing: plainly unavailable.
      expectUnavailable(read, 'get');
      expect(StoreOutcomeUnknownError.isInstance(read)).toBe(false);

      // Redis ran both writes once it woke: exactly why "unknown" is the
      // only honest answer.
      expect(
        await eventually(async () => {
          const late = await ctx.get('late', { full: true });
          if (late === null) throw new Error('not applied yet');
          return late;
        }),
      ).toBe(storeTestText('late'));
      expect(await ctx.get('doomed')).toBeNull();
      expect(await ctx.get('kept', { full: true })).toBe(storeTestText('kept'));
      await ctx.clear();
      await ctx.dispose();
    }, 60_000);
  });
});

describe('redisDriver with no cluster node reachable', () => {
  it('rejects with StoreDriverError (STORE_UNAVAILABLE) naming the operation', async () => {
    const port = await freePort();
    const ctx = new SharedContext({
      store: redisDriver({
        cluster: [`redis://127.0.0.1:${port}`],
        prefix: uniqueRedisPrefix('cluster-down'),
        connectTimeoutMs: 1000,
      }),
      namespace: 'tenant',
    });
    expectUnavailable(await settle(ctx.put('k', 'text')), 'set');
    expectUnavailable(await settle(ctx.get('k')), 'get');
    expectUnavailable(await settle(ctx.keys()), 'list');
    await settle(ctx.dispose());
  }, 30_000);
});
