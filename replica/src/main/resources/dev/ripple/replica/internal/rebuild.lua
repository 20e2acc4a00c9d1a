-- Begins or ends the rebuild of one region partition (DESIGN.md 7.1). Values are applied in between by apply.lua
-- in rebuild mode, version-gated like any record.
-- KEYS[1]  the partition's position hash
-- ARGV[1]  begin | end; ARGV[2] epoch; ARGV[3] the rebuild's generation; ARGV[4] (end only) 1 to raise the
--          position to the lost claim, 0 when the source could not restore it; then pairs of <topic>:<p> and offset:
--          begin: the position the lost generation had claimed (kept as claim:<topic>:<p>);
--          end: the source offsets the rebuild covered (the newest of every key read, routed here or not)
-- begin    starts generation ARGV[3] in state rebuilding, forgetting the positions the lost data had, unless that
--          rebuild is already the one running (a resumed rebuild keeps its cursor). Returns 'begun' or 'resumed'.
-- end      raises every entry to the covered offset and to the claim, drops claims and cursors, and puts the
--          partition back in service. Returns the position hash (HGETALL); RIPPLE_LOST if another rebuild took over.
local pos = KEYS[1]
local op, epoch, gen = ARGV[1], ARGV[2], ARGV[3]
local heldGen, state, heldEpoch = unpack(redis.call('HMGET', pos, 'gen', 'state', 'epoch'))
if heldEpoch and tonumber(heldEpoch) > tonumber(epoch) then
  return redis.error_reply('RIPPLE_EPOCH ' .. pos .. ' holds positions of epoch ' .. heldEpoch
      .. ', later than the rebuild\'s ' .. epoch)
end
if op == 'begin' then
  if heldGen == gen and state == 'rebuilding' then
    return 'resumed'
  end
  redis.call('DEL', pos)
  redis.call('HSET', pos, 'epoch', epoch, 'gen', gen, 'state', 'rebuilding')
  for i = 4, #ARGV, 2 do
    redis.call('HSET', pos, 'claim:' .. ARGV[i], ARGV[i + 1])
  end
  return 'begun'
end

if heldGen ~= gen or state ~= 'rebuilding' then
  return redis.error_reply('RIPPLE_LOST ' .. pos .. ': the rebuild of generation ' .. gen
      .. ' is no longer the one running')
end
local function raise(field, offset)
  local at = redis.call('HGET', pos, field)
  if (not at) or tonumber(at) < tonumber(offset) then
    redis.call('HSET', pos, field, offset)
  end
end
local restoresClaim = ARGV[4] == '1'
for i = 5, #ARGV, 2 do
  raise(ARGV[i], ARGV[i + 1])
end
local all = redis.call('HGETALL', pos)
for i = 1, #all, 2 do
  local field = all[i]
  if string.sub(field, 1, 6) == 'claim:' then
    if restoresClaim then
      raise(string.sub(field, 7), all[i + 1])
    end
    redis.call('HDEL', pos, field)
  elseif string.sub(field, 1, 7) == 'cursor:' then
    redis.call('HDEL', pos, field)
  end
end
redis.call('HSET', pos, 'state', 'serving')
return redis.call('HGETALL', pos)
