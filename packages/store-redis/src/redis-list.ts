import type { StoredMeta } from '@sharedcontext/core';
import type { RedisClient } from './redis-connection.ts';
import type { RedisKeyNames } from './redis-keys.ts';
import { REDIS_LAYOUT_VERSION, SEQUENCE_DIGITS } from './redis-scripts.ts';

/**
 * Pages through the index by score (so entries present throughout are
 * never skipped while others are added or evicted), reads each page's
 * headers in one pipeline, and drops index members whose hash has expired.
 */
export async function listMetas(
  redis: RedisClient,
  names: RedisKeyNames,
  batchSize: number,
): Promise<StoredMeta[]> {
  const metas: StoredMeta[] = [];
  let after: { score: number; member: string } | undefined;
  let limit = batchSize;
  for (;;) {
    const flat = await redis.zrangebyscore(
      names.index,
      after === undefined ? '-inf' : after.score,
      '+inf',
      'WITHSCORES',
      'LIMIT',
      0,
      limit,
    );
    const page: Array<{ member: string; score: number }> = [];
    for (let index = 0; index < flat.length; index += 2) {
      const member = flat[index]!;
      const score = Number(flat[index + 1]);
      if (after && score === after.score && member <= after.member) continue;
      page.push({ member, score });
    }
    const full = flat.length / 2 === limit;
    if (page.length === 0) {
      if (!full) break;
      limit *= 2; // more members share one score than fit in a page
      continue;
    }
    limit = batchSize;
    const pipeline = redis.pipeline();
    for (const { member } of page) {
      pipeline.hmget(
        `${names.entryPrefix}${member.slice(SEQUENCE_DIGITS + 1)}`,
        'v',
        'meta',
        'expiresAt',
        'member',
      );
    }
    const replies = (await pipeline.exec()) ?? [];
    const stale: string[] = [];
    page.forEach(({ member, score }, position) => {
      const key = member.slice(SEQUENCE_DIGITS + 1);
      const [error, fields] = replies[position] ?? [new Error('no reply')];
      if (error) {
        // A foreign value under the entry's name: listed with an empty
        // header, so core counts it as unreadable and getEntry names it.
        metas.push({ key, meta: '', writtenAt: score });
        return;
      }
      const [version, meta, expiresAt, owner] = fields as [
        string | null,
        string | null,
        string | null,
        string | null,
      ];
      if (version === null && meta === null) {
        stale.push(member); // expired or deleted since the index was read
        return;
      }
      if (owner !== null && owner !== member) {
        stale.push(member); // rewritten; its new member comes later
        return;
      }
      const ours = version === REDIS_LAYOUT_VERSION && meta !== null;
      metas.push({
        key,
        meta: ours ? meta : '',
        writtenAt: score,
        ...(expiresAt === null ? {} : { expiresAt: Number(expiresAt) }),
      });
    });
    if (stale.length > 0) {
      await redis
        .pipeline()
        .zrem(names.index, ...stale)
        .zrem(names.expiry, ...stale)
        .exec();
    }
    const last = page[page.length - 1]!;
    after = { score: last.score, member: last.member };
    if (!full) break;
  }
  return metas;
}
