--[[
  Sets the status of an activity's hot state, only where that state exists: a fenced
  (missing) state is rebuilt from PostgreSQL with its status, never half-created here.

  KEYS[1] cfg hash
  ARGV[1] the new status

  Returns 1 if set, 0 if the activity has no hot state.
]]
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('HSET', KEYS[1], 'status', ARGV[1])
  return 1
end
return 0
