-- Shared by every script of this package: LuaScript puts it before each one (Redis scripts cannot include).

-- Non-negative decimal integers as strings (revisions, compared without precision loss past 2^53): a < b.
local function older(a, b)
  if #a ~= #b then return #a < #b end
  return a < b
end

-- Redis' own clock in epoch ms: the one clock that purgers and fillers on any host share.
local function now()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end

-- The highest revision a purge tombstone holds for a cache key (see purge.lua), or nil: over the buckets that the
-- index says are still consulted.
local function highestTombstone(index, key)
  local highest
  for _, bucket in ipairs(redis.call('ZRANGEBYSCORE', index, '(' .. string.format('%d', now()), '+inf')) do
    local revision = redis.call('HGET', bucket, key)
    if revision and (not highest or older(highest, revision)) then
      highest = revision
    end
  end
  return highest
end

