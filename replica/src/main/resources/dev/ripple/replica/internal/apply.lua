-- Applies records of one region partition atomically (DESIGN.md 6.3 and 7). All keys share the hash slot
-- {<region>:<partition>}.
-- KEYS[1]  the partition's position hash: epoch, gen (the store generation), state (serving | rebuilding),
--          <topic>:<p> -> offset, dt:<topic>:<p> -> source dt (ms); while rebuilding also claim:<topic>:<p> and
--          cursor:<latest topic>:<p> (see rebuild.lua)
-- KEYS[2..] object hashes: rev, dot, ep (the dot's epoch), op, ctype, body, dt, applied_at
-- ARGV[1]  epoch; ARGV[2] number of entries; ARGV[3] mode; ARGV[4] generation; then 10 per entry:
--          kind (r = record, w = watermark), topic:partition, offset, source dt (ms), index into KEYS (0 for a
--          watermark), op, revision ('' for none), content type ('' for none), has body (1/0), body;
--          then pairs: in rebuild mode latest-state topic:partition and its next offset (the cursor); in live mode
--          topic:partition and the offset this writer applied last (a hash behind it lost data: a failover to a
--          copy that had not caught up, or a restore of an older snapshot)
-- Modes    live: the generation is the one this writer holds; a position hash that is gone or of another
--            generation is a lost store (RIPPLE_LOST), one being rebuilt refuses live records (RIPPLE_REBUILDING)
--          first: a writer that holds no generation yet (a store's first use): creates the hash with ARGV[4], or
--            adopts the generation the hash has (a hash written before generations gets ARGV[4])
--          rebuild: records of a rebuild of generation ARGV[4]; refused unless that rebuild is still the one running
-- Returns  {server time in microseconds, outcome per entry: 1 applied, 0 stale (version gate), 2 watermark,
--          generation}
local pos = KEYS[1]
local epoch, mode, gen = ARGV[1], ARGV[3], ARGV[4]
local heldGen, state = unpack(redis.call('HMGET', pos, 'gen', 'state'))
if mode == 'live' then
  if not heldGen then
    return redis.error_reply('RIPPLE_LOST ' .. pos .. ' is gone: the store lost its data (restarted empty, '
        .. 'flushed, or failed over to another copy)')
  elseif heldGen ~= gen then
    return redis.error_reply('RIPPLE_LOST ' .. pos .. ' is of generation ' .. heldGen .. ', not ' .. gen
        .. ': the store was replaced or rebuilt by another writer')
  elseif state ~= 'serving' then
    return redis.error_reply('RIPPLE_REBUILDING ' .. pos .. ' is being rebuilt')
  end
elseif mode == 'rebuild' then
  if heldGen ~= gen or state ~= 'rebuilding' then
    return redis.error_reply('RIPPLE_LOST ' .. pos .. ': the rebuild of generation ' .. gen
        .. ' is no longer the one running')
  end
elseif state == 'rebuilding' then
  return redis.error_reply('RIPPLE_REBUILDING ' .. pos .. ' is being rebuilt')
elseif not heldGen then
  redis.call('HSET', pos, 'gen', gen, 'state', 'serving')
  heldGen, state = gen, 'serving'
end

local held = redis.call('HGET', pos, 'epoch')
-- Positions and dots of another epoch are of source logs since recreated: a later epoch starts the position
-- afresh (objects keep their values; their dots no longer gate; the generation stays), an earlier one is a part
-- that has not followed the bump yet and is refused, to be retried.
if held and tonumber(held) > tonumber(epoch) then
  return redis.error_reply('RIPPLE_EPOCH ' .. pos .. ' holds positions of epoch ' .. held
      .. ' but the records are applied in epoch ' .. epoch)
end
-- what this writer applied in this epoch must still be there
if mode == 'live' and held == epoch then
  for j = 5 + tonumber(ARGV[2]) * 10, #ARGV, 2 do
    local at = redis.call('HGET', pos, ARGV[j])
    if (not at) or tonumber(at) < tonumber(ARGV[j + 1]) then
      return redis.error_reply('RIPPLE_LOST ' .. pos .. ' holds ' .. ARGV[j] .. ' at ' .. tostring(at or 'nothing')
          .. ', behind the ' .. ARGV[j + 1] .. ' applied: the store lost data (a failover to a copy that had '
          .. 'not caught up, or an older snapshot restored)')
    end
  end
end
local heldEpoch = held or epoch
if held ~= epoch then
  redis.call('DEL', pos)
  redis.call('HSET', pos, 'epoch', epoch, 'gen', heldGen, 'state', state)
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
  local b = 5 + i * 10
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
      elseif op ~= 'invalidate' then
        -- an invalidation without a revision (a derived one, DESIGN.md 14) leaves the body, so its revision too
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
if mode == 'rebuild' then
  -- the rebuild's cursor, per latest-state topic partition: where a resumed rebuild goes on from
  for j = 5 + n * 10, #ARGV, 2 do
    redis.call('HSET', pos, 'cursor:' .. ARGV[j], ARGV[j + 1])
  end
end
result[#result + 1] = heldGen
return result
