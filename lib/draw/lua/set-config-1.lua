--[[
  Sets fields of an activity's compiled config (status, period ...), only where that state
  exists: a fenced (missing) state is rebuilt from PostgreSQL, never half-created here.

  KEYS[1] cfg hash
  ARGV    field, value, field, value ...

  Returns 1 if set, 0 if the activity has no hot state.
]]
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('HSET', KEYS[1], unpack(ARGV))
  return 1
end
return 0
