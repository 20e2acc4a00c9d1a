-- Fills one cache entry unless it would be stale (DESIGN.md section 8).
-- KEYS: the cache key, the tombstone index (CacheKeys.TOMBSTONES), then the sets of the entry's tags.
-- ARGV: the revision, the value, the TTL in ms.
-- Returns 1 when filled; 0 when refused because a purge of a newer revision happened within the tombstone's TTL
-- (the stale-fill race: a tombstone in any bucket still visible, see purge.lua); -1 when refused because the cached
-- entry is newer.
local function older(a, b) -- non-negative decimal integers as strings: a < b
  if #a ~= #b then return #a < #b end
  return a < b
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
for _, bucket in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '(' .. string.format('%d', now), '+inf')) do
  local tombstone = redis.call('HGET', bucket, KEYS[1])
  if tombstone and older(ARGV[1], tombstone) then
    return 0
  end
end
local cached = redis.call('HGET', KEYS[1], 'rev')
if cached and older(ARGV[1], cached) then
  return -1
end
redis.call('HSET', KEYS[1], 'rev', ARGV[1], 'value', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
local ttl = tonumber(ARGV[3])
for i = 3, #KEYS do
  redis.call('SADD', KEYS[i], KEYS[1])
  if redis.call('PTTL', KEYS[i]) < ttl then
    redis.call('PEXPIRE', KEYS[i], ttl)
  end
end
return 1
