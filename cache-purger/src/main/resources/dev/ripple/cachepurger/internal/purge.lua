-- Carries out one purge request atomically (DESIGN.md section 8).
-- KEYS: n cache keys, then their n purge tombstones, then the tag sets whose members to remove.
-- ARGV: n, the purge's revision ('' for none), the tombstone TTL in ms.
-- Each tombstone is raised to the revision (never lowered) before its key goes, so a fill of an older revision
-- arriving after the purge is refused (fill.lua). Returns how many keys were removed.
local function older(a, b) -- non-negative decimal integers as strings: a < b
  if #a ~= #b then return #a < #b end
  return a < b
end
local n = tonumber(ARGV[1])
local revision = ARGV[2]
local removed = 0
for i = 1, n do
  if revision ~= '' then
    local current = redis.call('GET', KEYS[n + i])
    if not current or older(current, revision) then
      redis.call('SET', KEYS[n + i], revision, 'PX', ARGV[3])
    end
  end
  removed = removed + redis.call('UNLINK', KEYS[i])
end
for j = 2 * n + 1, #KEYS do
  local members = redis.call('SMEMBERS', KEYS[j])
  for k = 1, #members, 500 do
    removed = removed + redis.call('UNLINK', unpack(members, k, math.min(k + 499, #members)))
  end
  redis.call('UNLINK', KEYS[j])
end
return removed
