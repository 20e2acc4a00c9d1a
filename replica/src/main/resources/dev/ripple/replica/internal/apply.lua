-- Applies records of one region partition atomically (DESIGN.md 6.3 and 7). All keys share the hash slot
-- {<region>:<partition>}.
-- KEYS[1]  the partition's position hash: epoch, <topic>:<p> -> offset, dt:<topic>:<p> -> source dt (ms)
-- KEYS[2..] object hashes: rev, dot, ep (the dot's epoch), op, ctype, body, dt, applied_at
-- ARGV[1]  epoch; ARGV[2] number of entries; then 10 per entry:
--          kind (r = record, w = watermark), topic:partition, offset, source dt (ms), index into KEYS (0 for a
--          watermark), op, revision ('' for none), content type ('' for none), has body (1/0), body
-- Returns  {server time in microseconds, outcome per entry: 1 applied, 0 stale (version gate), 2 watermark}
local pos = KEYS[1]
local epoch = ARGV[1]
local held = redis.call('HGET', pos, 'epoch')
-- Positions and dots of another epoch are of source logs since recreated: a later epoch starts the position
-- afresh (objects keep their values; their dots no longer gate), an earlier one is a part that has not followed
-- the bump yet and is refused, to be retried.
if held and tonumber(held) > tonumber(epoch) then
  return redis.error_reply('RIPPLE_EPOCH ' .. pos .. ' holds positions of epoch ' .. held
      .. ' but the records are applied in epoch ' .. epoch)
end
local heldEpoch = held or epoch
if held ~= epoch then
  redis.call('DEL', pos)
  redis.call('HSET', pos, 'epoch', epoch)
end

local t = redis.call('TIME')
local nowMs = t[1] .. string.sub(string.format('%06d', tonumber(t[2])), 1, 3)
local result = {tonumber(t[1]) * 1000000 + tonumber(t[2])}

-- Newer than what the object holds? Same source partition and epoch: by offset; then, when both have one, by
-- revision. An object without 'ep' was written before dots carried their epoch: in the position's epoch.
local function isNewer(obj, field, offset, rev)
  local cur = redis.call('HMGET', obj, 'dot', 'rev', 'ep')
  if not cur[1] then
    return true
  end
  local heldTopic, heldOffset = string.match(cur[1], '^(.*)@(%d+)$')
  if heldTopic == field and (cur[3] or heldEpoch) == epoch and offset <= tonumber(heldOffset) then
    return false
  end
  if rev ~= '' and cur[2] and tonumber(rev) < tonumber(cur[2]) then
    return false
  end
  return true
end

local n = tonumber(ARGV[2])
for i = 0, n - 1 do
  local b = 3 + i * 10
  local field, offsetText, dt = ARGV[b + 1], ARGV[b + 2], ARGV[b + 3]
  local offset = tonumber(offsetText)
  local outcome = 2
  if ARGV[b] == 'r' then
    local obj = KEYS[tonumber(ARGV[b + 4])]
    local op, rev, ctype, hasBody = ARGV[b + 5], ARGV[b + 6], ARGV[b + 7], ARGV[b + 8]
    outcome = 0
    if isNewer(obj, field, offset, rev) then
      redis.call('HSET', obj, 'op', op, 'dot', field .. '@' .. offsetText, 'ep', epoch, 'dt', dt,
          'applied_at', nowMs)
      if rev ~= '' then
        redis.call('HSET', obj, 'rev', rev)
      else
        redis.call('HDEL', obj, 'rev')
      end
      if op == 'delete' then
        redis.call('HDEL', obj, 'body', 'ctype')
      elseif op == 'upsert' then
        if hasBody == '1' then
          redis.call('HSET', obj, 'body', ARGV[b + 9])
        else
          redis.call('HDEL', obj, 'body')
        end
        if ctype ~= '' then
          redis.call('HSET', obj, 'ctype', ctype)
        else
          redis.call('HDEL', obj, 'ctype')
        end
      end
      -- invalidate keeps the body it has, now known to be stale
      outcome = 1
    end
  end
  local at = redis.call('HGET', pos, field)
  if (not at) or tonumber(at) < offset then
    redis.call('HSET', pos, field, offsetText, 'dt:' .. field, dt)
  end
  result[#result + 1] = outcome
end
return result
