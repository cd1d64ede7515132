import { createHash } from 'node:crypto';

/**
 * Version of the hash layout (fields `v`, `meta`, `value`, `writtenAt`,
 * `expiresAt`, `member`); stored in every entry as field `v`.
 */
export const REDIS_LAYOUT_VERSION = '1';

/** Width of the zero-padded write sequence that prefixes index members. */
export const SEQUENCE_DIGITS = 16;

/** Error replies from our scripts start with this; the rest names the key. */
export const CORRUPT_REPLY = 'SHAREDCONTEXT_CORRUPT';

/** A Lua script with its SHA1, for EVALSHA. */
export interface RedisScript {
  source: string;
  sha: string;
}

function script(source: string): RedisScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

// Shared helper: removes one index member and, if its hash still belongs to
// that member, the hash. Returns true when a live hash was deleted.
const DROP_MEMBER = `
local function drop_member(index, expiry, entry_prefix, member)
  redis.call('ZREM', index, member)
  redis.call('ZREM', expiry, member)
  local key = string.sub(member, ${SEQUENCE_DIGITS + 2})
  local hash = entry_prefix .. key
  if redis.call('TYPE', hash).ok == 'hash' and redis.call('HGET', hash, 'member') == member then
    redis.call('DEL', hash)
    return key
  end
  return false
end
`;

/**
 * Writes one entry atomically: sweeps expired index members, evicts the
 * oldest members beyond `maxEntries` unless the key already exists, then
 * replaces the hash and its index members.
 *
 * KEYS: index zset, expiry zset, sequence counter, entry hash.
 * ARGV: entry prefix, key, meta, value, writtenAt, expiresAt or '',
 * maxEntries or '', layout version. Returns the evicted keys, oldest first.
 */
export const SET_SCRIPT: RedisScript = script(`${DROP_MEMBER}
local index, expiry, sequence, hash = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local entry_prefix, key = ARGV[1], ARGV[2]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
for _, member in ipairs(redis.call('ZRANGEBYSCORE', expiry, '-inf', now, 'LIMIT', 0, 1000)) do
  drop_member(index, expiry, entry_prefix, member)
end
local kind = redis.call('TYPE', hash).ok
local previous = false
if kind == 'hash' then
  if redis.call('HGET', hash, 'v') ~= ARGV[8] then
    return redis.error_reply('${CORRUPT_REPLY} hash without layout version ' .. ARGV[8])
  end
  previous = redis.call('HGET', hash, 'member')
elseif kind ~= 'none' then
  return redis.error_reply('${CORRUPT_REPLY} a ' .. kind .. ' where an entry hash belongs')
end
local evicted = {}
if previous then
  redis.call('ZREM', index, previous)
  redis.call('ZREM', expiry, previous)
elseif ARGV[7] ~= '' then
  local excess = redis.call('ZCARD', index) - tonumber(ARGV[7]) + 1
  if excess > 0 then
    for _, member in ipairs(redis.call('ZRANGE', index, 0, excess - 1)) do
      local dropped = drop_member(index, expiry, entry_prefix, member)
      if dropped then evicted[#evicted + 1] = dropped end
    end
  end
end
local member = string.format('%0${SEQUENCE_DIGITS}d', redis.call('INCR', sequence)) .. ':' .. key
redis.call('DEL', hash)
redis.call('HSET', hash, 'v', ARGV[8], 'meta', ARGV[3], 'value', ARGV[4], 'writtenAt', ARGV[5], 'member', member)
redis.call('ZADD', index, ARGV[5], member)
if ARGV[6] ~= '' then
  redis.call('HSET', hash, 'expiresAt', ARGV[6])
  redis.call('ZADD', expiry, ARGV[6], member)
  redis.call('PEXPIREAT', hash, ARGV[6])
end
return evicted
`);

/**
 * Deletes one entry and its index members. KEYS: index zset, expiry zset,
 * entry hash. Returns 1 if something was there, else 0. A foreign value
 * under the entry's name is deleted too, so a corrupt key can be cleared.
 */
export const DELETE_SCRIPT: RedisScript = script(`
local index, expiry, hash = KEYS[1], KEYS[2], KEYS[3]
local kind = redis.call('TYPE', hash).ok
if kind == 'none' then return 0 end
if kind == 'hash' then
  local member = redis.call('HGET', hash, 'member')
  if member then
    redis.call('ZREM', index, member)
    redis.call('ZREM', expiry, member)
  end
end
redis.call('DEL', hash)
return 1
`);
