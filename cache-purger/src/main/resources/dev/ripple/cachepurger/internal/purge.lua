-- Carries out a batch of purge requests in one call (DESIGN.md section 8), each on its own: a failing purge (a tag
-- key that is not a set) is reported and the others go on.
-- ARGV: the tombstone TTL in ms, the number of purges, then per purge: its key count n, tag count m, revision
-- ('' for none).
-- KEYS: per purge in order: its n cache keys, their n purge tombstones, its m tag sets.
-- Each tombstone is raised to the revision (never lowered) before its key goes, so a fill of an older revision
-- arriving after the purge is refused (fill.lua). Needs Redis 6.2 or later (SET ... GET).
-- Returns per purge the number of keys removed, or its error.
local function older(a, b) -- non-negative decimal integers as strings: a < b
  if #a ~= #b then return #a < #b end
  return a < b
end
local function purge(first, n, m, revision, ttl)
  local removed = 0
  for i = first, first + n - 1 do
    if revision ~= '' then
      -- one call in the usual case (no tombstone, or an older one); a newer tombstone (a purge replayed out of
      -- order) is put back at once, its TTL renewed, so it is never lowered
      local previous = redis.call('SET', KEYS[i + n], revision, 'PX', ttl, 'GET')
      if previous and older(revision, previous) then
        redis.call('SET', KEYS[i + n], previous, 'PX', ttl)
      end
    end
    removed = removed + redis.call('UNLINK', KEYS[i])
  end
  for j = first + 2 * n, first + 2 * n + m - 1 do
    local members = redis.call('SMEMBERS', KEYS[j])
    for k = 1, #members, 500 do
      removed = removed + redis.call('UNLINK', unpack(members, k, math.min(k + 499, #members)))
    end
    redis.call('UNLINK', KEYS[j])
  end
  return removed
end
local ttl = ARGV[1]
local results = {}
local key = 1
for p = 1, tonumber(ARGV[2]) do
  local n = tonumber(ARGV[3 * p])
  local m = tonumber(ARGV[3 * p + 1])
  local ok, result = pcall(purge, key, n, m, ARGV[3 * p + 2], ttl)
  if ok then
    results[p] = result
  else
    results[p] = 'ERR ' .. tostring(type(result) == 'table' and result.err or result)
  end
  key = key + 2 * n + m
end
return results
