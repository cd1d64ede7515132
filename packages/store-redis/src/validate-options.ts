import { InvalidArgumentError } from '@sharedcontext/core';
import { clusterNodes } from './cluster-nodes.ts';
import type { RedisDriverOptions } from './redis-driver.ts';
import { checkWellFormed } from './redis-records.ts';

function positiveInteger(value: unknown, parameter: string): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new InvalidArgumentError({
      parameter,
      value,
      message: 'expected an integer >= 1',
    });
  }
}

/** Checks {@link RedisDriverOptions} at the boundary; returns them unchanged. */
export function validateRedisOptions(
  options: RedisDriverOptions,
): RedisDriverOptions {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError({
      parameter: 'options',
      value: options,
      message: 'expected an options object',
    });
  }
  const {
    url,
    cluster,
    client,
    prefix,
    commandTimeoutMs,
    connectTimeoutMs,
    batchSize,
  } = options;
  if (
    url !== undefined &&
    (typeof url !== 'string' || !/^rediss?:\/\//.test(url))
  ) {
    throw new InvalidArgumentError({
      parameter: 'url',
      value: url,
      message: 'expected a redis:// or rediss:// URL',
    });
  }
  if (cluster !== undefined) {
    if (url !== undefined) {
      throw new InvalidArgumentError({
        parameter: 'cluster',
        value: cluster,
        message: 'give either url (one Redis) or cluster (its nodes), not both',
      });
    }
    clusterNodes(cluster);
  }
  if (
    client !== undefined &&
    (typeof client !== 'object' ||
      client === null ||
      typeof client.evalsha !== 'function')
  ) {
    throw new InvalidArgumentError({
      parameter: 'client',
      value: client,
      message: 'expected an ioredis Redis or Cluster client',
    });
  }
  if (
    prefix !== undefined &&
    (typeof prefix !== 'string' || prefix.length === 0)
  ) {
    // An empty prefix would make clear() remove every key in the database.
    throw new InvalidArgumentError({
      parameter: 'prefix',
      value: prefix,
      message: 'expected a non-empty string such as "my-app:"',
    });
  }
  if (prefix !== undefined) {
    checkWellFormed(prefix, 'prefix');
    if (/[{}]/.test(prefix)) {
      // The driver puts each namespace's hash tag right after the prefix;
      // a brace in the prefix would move the tag, and with it the slot.
      throw new InvalidArgumentError({
        parameter: 'prefix',
        value: prefix,
        message:
          'must not contain "{" or "}": the driver adds the hash tag itself, one per namespace',
      });
    }
  }
  positiveInteger(commandTimeoutMs, 'commandTimeoutMs');
  positiveInteger(connectTimeoutMs, 'connectTimeoutMs');
  positiveInteger(batchSize, 'batchSize');
  return options;
}
