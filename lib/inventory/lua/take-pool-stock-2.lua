--[[
  Takes units out of a live activity pool, only if that many are left: done before the
  records move, so no draw can be promised a unit that is being released.

  KEYS[1] stock hash   KEYS[2] cfg hash (its epoch: the state's generation)
  ARGV[1] prize id     ARGV[2] units to take (> 0)

  Returns {1, left after, epoch} if taken, {0, left, epoch} if not enough is left, {-1, 0, 0}
  if the activity has no hot state (nothing taken: it must be rebuilt first).
]]
local epoch = redis.call('HGET', KEYS[2], 'epoch')
if not epoch then
  return { -1, 0, 0 }
end
local left = tonumber(redis.call('HGET', KEYS[1], 'p:' .. ARGV[1])) or 0
local units = tonumber(ARGV[2])
if left < units then
  return { 0, left, tonumber(epoch) }
end
return { 1, redis.call('HINCRBY', KEYS[1], 'p:' .. ARGV[1], -units), tonumber(epoch) }
