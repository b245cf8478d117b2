--[[
  Takes units out of a live activity pool, only if that many are left: done before the
  records move, so no draw can be promised a unit that is being released.

  KEYS[1] stock hash   KEYS[2] cfg hash
  ARGV[1] prize id     ARGV[2] units to take (> 0)

  Returns {1, left after} if taken, {0, left} if not enough is left, {-1, 0} if the activity
  has no hot state (fenced: the records alone decide until it is rebuilt).
]]
if redis.call('EXISTS', KEYS[2]) == 0 then
  return { -1, 0 }
end
local left = tonumber(redis.call('HGET', KEYS[1], 'p:' .. ARGV[1])) or 0
local units = tonumber(ARGV[2])
if left < units then
  return { 0, left }
end
return { 1, redis.call('HINCRBY', KEYS[1], 'p:' .. ARGV[1], -units) }
