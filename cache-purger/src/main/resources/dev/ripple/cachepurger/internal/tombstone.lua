-- The revision of a key's live purge tombstone (see purge.lua): the highest in the buckets still visible, or nil.
-- KEYS: the tombstone index (CacheKeys.TOMBSTONES). ARGV: the cache key.
local function older(a, b) -- non-negative decimal integers as strings: a < b
  if #a ~= #b then return #a < #b end
  return a < b
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local highest
for _, bucket in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. string.format('%d', now), '+inf')) do
  local revision = redis.call('HGET', bucket, ARGV[1])
  if revision and (not highest or older(highest, revision)) then
    highest = revision
  end
end
return highest
