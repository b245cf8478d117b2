--[[
  Adds units to a live activity pool's hot state, if it has one (a fenced activity gets
  them from the records when it is rebuilt).

  KEYS[1] stock hash   KEYS[2] cfg hash
  ARGV[1] prize id     ARGV[2] units to add (> 0)

  Returns the units left after, or -1 if the activity has no hot state.
]]
if redis.call('EXISTS', KEYS[2]) == 0 then
  return -1
end
return redis.call('HINCRBY', KEYS[1], 'p:' .. ARGV[1], tonumber(ARGV[2]))
