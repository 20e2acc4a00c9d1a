-- Carries out a batch of purge requests in one call (DESIGN.md section 8).
-- KEYS: the tombstone index (CacheKeys.TOMBSTONES), then per purge in order: its n cache keys, its m tag sets.
-- ARGV: the tombstone TTL in ms, the number of purges, then either
--   'n:m' when every purge has n keys and m tags (the usual case: one rule's purges), then per purge its revision;
--   or '', then per purge its key count n, tag count m and revision.
-- A revision is '' for none. Fewer arguments per purge is less for Redis to parse: the shape goes once.
-- Returns the number of cache keys removed, then per purge the number of tagged keys it removed, or its error (a
-- tag key that is not a set): a failing purge is reported and the others go on.
--
-- Tombstones live in hashes, one per TTL-wide bucket of Redis time: field = cache key, value = the highest revision
-- purged in that bucket. The index lists each bucket with the time until which it is visible: two bucket widths, so
-- a tombstone refuses stale fills (fill.lua) for at least the TTL and at most twice it. A hash field costs Redis a
-- fraction of a key with a TTL of its own, and the whole batch raises its tombstones and unlinks its keys in three
-- commands. Buckets past their time are unlinked here (freed off Redis' main thread); they also expire by themselves
-- a width later, for when purges stop. Standalone Redis only: bucket names are made here, not passed in KEYS.
local CHUNK = 1000 -- arguments per variadic command, well under Lua's stack limit

local function unlinkAll(keys)
  local removed = 0
  for k = 1, #keys, CHUNK do
    removed = removed + redis.call('UNLINK', unpack(keys, k, math.min(k + CHUNK - 1, #keys)))
  end
  return removed
end

-- raises the tombstone of every key in `revisions` (key -> revision) in the current bucket, never lowering one
local function raiseTombstones(index, ttl, keys, revisions)
  local at = now()
  local retired = redis.call('ZRANGEBYSCORE', index, '-inf', string.format('%d', at))
  if #retired > 0 then
    unlinkAll(retired)
    redis.call('ZREMRANGEBYSCORE', index, '-inf', string.format('%d', at))
  end
  local b = math.floor(at / ttl)
  local bucket = index .. string.format(':%d:%d', ttl, b)
  local visibleUntil = (b + 2) * ttl
  local raise = {}
  for k = 1, #keys, CHUNK do
    local last = math.min(k + CHUNK - 1, #keys)
    local held = redis.call('HMGET', bucket, unpack(keys, k, last))
    for i = k, last do
      local previous = held[i - k + 1]
      if not previous or older(previous, revisions[keys[i]]) then
        raise[#raise + 1] = keys[i]
        raise[#raise + 1] = revisions[keys[i]]
      end
    end
  end
  for k = 1, #raise, CHUNK do
    redis.call('HSET', bucket, unpack(raise, k, math.min(k + CHUNK - 1, #raise)))
  end
  local goneAt = visibleUntil + ttl
  redis.call('ZADD', index, string.format('%d', visibleUntil), bucket)
  redis.call('PEXPIREAT', bucket, string.format('%d', goneAt))
  -- the index lives as long as its longest-lived bucket (targets with other TTLs may share this Redis)
  if redis.call('PTTL', index) < goneAt - at then -- -1: none yet
    redis.call('PEXPIREAT', index, string.format('%d', goneAt))
  end
end

local function purgeTags(first, m)
  local removed = 0
  for j = first, first + m - 1 do
    removed = removed + unlinkAll(redis.call('SMEMBERS', KEYS[j]))
    redis.call('UNLINK', KEYS[j])
  end
  return removed
end

local index = KEYS[1]
local ttl = tonumber(ARGV[1])
local count = tonumber(ARGV[2])
local sameN, sameM = string.match(ARGV[3], '^(%d+):(%d+)$')
sameN, sameM = tonumber(sameN), tonumber(sameM)
local function shape(p) -- key count, tag count and revision of purge p
  if sameN then
    return sameN, sameM, ARGV[3 + p]
  end
  return tonumber(ARGV[1 + 3 * p]), tonumber(ARGV[2 + 3 * p]), ARGV[3 + 3 * p]
end

local cacheKeys = {}  -- every cache key of the batch, once
local tombstoned = {} -- those of purges with a revision, once
local revisions = {}  -- key -> highest revision of the batch (false: none)
local key = 2
for p = 1, count do
  local n, m, revision = shape(p)
  for i = key, key + n - 1 do
    local k = KEYS[i]
    if revisions[k] == nil then
      cacheKeys[#cacheKeys + 1] = k
      revisions[k] = false
    end
    if revision ~= '' then
      if not revisions[k] then
        tombstoned[#tombstoned + 1] = k
        revisions[k] = revision
      elseif older(revisions[k], revision) then
        revisions[k] = revision
      end
    end
  end
  key = key + n + m
end
if #tombstoned > 0 then
  raiseTombstones(index, ttl, tombstoned, revisions)
end
local results = {unlinkAll(cacheKeys)}
key = 2
for p = 1, count do
  local n, m = shape(p)
  if m == 0 then
    results[p + 1] = 0
  else
    local ok, removed = pcall(purgeTags, key + n, m)
    results[p + 1] = ok and removed or 'ERR ' .. tostring(type(removed) == 'table' and removed.err or removed)
  end
  key = key + n + m
end
return results
