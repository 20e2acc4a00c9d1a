-- Fills one cache entry unless it would be stale (DESIGN.md section 8).
-- KEYS: the cache key, the tombstone index (CacheKeys.TOMBSTONES), then the sets of the entry's tags.
-- ARGV: the revision, the value, the TTL in ms.
-- Returns 1 when filled; 0 when refused because a purge of a newer revision happened within the tombstone's TTL
-- (the stale-fill race: a tombstone in any bucket still consulted, see purge.lua); -1 when refused because the cached
-- entry is newer.
local tombstone = highestTombstone(KEYS[2], KEYS[1])
if tombstone and older(ARGV[1], tombstone) then
  return 0
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
