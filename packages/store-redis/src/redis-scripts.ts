import { createHash } from 'node:crypto';

/**
 * Version of the hash layout (fields `v`, `meta`, `value`, `writtenAt`,
 * `expiresAt`, `member`); stored in every entry as field `v`.
 */
export const REDIS_LAYOUT_VERSION = '2';

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
// that member, the hash. The hash's name is derived from the member's key
// under the entry prefix, which shares the hash tag (and slot) of KEYS.
// Returns the key when a live hash was deleted.
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

// Largest integer the scripts accept as a time or count: JavaScript's
// Number.MAX_SAFE_INTEGER, well inside what PEXPIREAT and ZADD take.
const MAX_INTEGER = '9007199254740991';

/**
 * Writes one entry, all or nothing: first checks every argument and the
 * type of every key it will touch, and only then sweeps expired index
 * members, evicts the oldest members beyond `maxEntries` unless the key
 * already exists, and replaces the hash and its index members. No command
 * after the first write can fail, so a rejected write leaves no trace.
 *
 * KEYS: index zset, expiry zset, sequence counter, entry hash (all under
 * one hash tag). ARGV: entry prefix, key, meta, value, writtenAt,
 * expiresAt or '', maxEntries or '', layout version. Evicted entries'
 * hashes are `entry prefix .. key`, under the same hash tag: the script
 * checks that KEYS[4] is built that way. Returns the evicted keys, oldest
 * first.
 */
export const SET_SCRIPT: RedisScript = script(`${DROP_MEMBER}
local index, expiry, sequence, hash = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local entry_prefix, key, version = ARGV[1], ARGV[2], ARGV[8]
local function integer(text, min)
  local number = tonumber(text)
  if number == nil or number ~= math.floor(number) or number < min or number > ${MAX_INTEGER} then
    return nil
  end
  return number
end
if hash ~= entry_prefix .. key then
  return redis.error_reply('ERR entry hash name is not entry prefix .. key')
end
if integer(ARGV[5], 0) == nil then
  return redis.error_reply('ERR writtenAt must be an integer from 0 to ${MAX_INTEGER}')
end
if ARGV[6] ~= '' and integer(ARGV[6], 1) == nil then
  return redis.error_reply('ERR expiresAt must be an integer from 1 to ${MAX_INTEGER}')
end
if ARGV[7] ~= '' and integer(ARGV[7], 1) == nil then
  return redis.error_reply('ERR maxEntries must be an integer from 1 to ${MAX_INTEGER}')
end
for _, name in ipairs({ index, expiry }) do
  local kind = redis.call('TYPE', name).ok
  if kind ~= 'none' and kind ~= 'zset' then
    return redis.error_reply('${CORRUPT_REPLY} a ' .. kind .. ' where the index sorted set ' .. name .. ' belongs')
  end
end
local counter = redis.call('TYPE', sequence).ok
if counter ~= 'none' and (counter ~= 'string' or integer(redis.call('GET', sequence), 0) == nil) then
  return redis.error_reply('${CORRUPT_REPLY} a value that is not a counter where the write sequence ' .. sequence .. ' belongs')
end
local kind = redis.call('TYPE', hash).ok
local previous = false
if kind == 'hash' then
  if redis.call('HGET', hash, 'v') ~= version then
    return redis.error_reply('${CORRUPT_REPLY} hash without layout version ' .. version)
  end
  previous = redis.call('HGET', hash, 'member')
elseif kind ~= 'none' then
  return redis.error_reply('${CORRUPT_REPLY} a ' .. kind .. ' where an entry hash belongs')
end
-- Checked: from here on, nothing fails.
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
for _, member in ipairs(redis.call('ZRANGEBYSCORE', expiry, '-inf', now, 'LIMIT', 0, 1000)) do
  if member ~= previous then drop_member(index, expiry, entry_prefix, member) end
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
redis.call('HSET', hash, 'v', version, 'meta', ARGV[3], 'value', ARGV[4], 'writtenAt', ARGV[5], 'member', member)
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

/**
 * One step of `clear()`: `SCAN cursor MATCH pattern COUNT count` on the
 * server that holds KEYS[1], then `UNLINK` of every key found. KEYS: the
 * namespace's index, which routes the call (on a cluster, to the master of
 * the namespace's slot). ARGV: cursor, pattern (the namespace's key base,
 * glob-escaped, then `*`), count. Every key the pattern matches shares the
 * index's hash tag, so it lives in the same slot. Returns the next cursor.
 */
export const CLEAR_SCRIPT: RedisScript = script(`
local reply = redis.call('SCAN', ARGV[1], 'MATCH', ARGV[2], 'COUNT', ARGV[3])
local found = reply[2]
for start = 1, #found, 500 do
  redis.call('UNLINK', unpack(found, start, math.min(start + 499, #found)))
end
return reply[1]
`);
