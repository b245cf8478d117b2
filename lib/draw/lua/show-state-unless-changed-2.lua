--[[
  The last write of a rebuild, inside its MULTI: the config hash, which makes the state visible
  to draws, unless a change was committed while the rebuild read the records
  (write-hot-state-3.lua sets the marker when it finds no state).

  KEYS[1] cfg   KEYS[2] the changed-while-missing marker
  ARGV    field, value, field, value ... of the config

  Returns 1 when the state is shown; 0 when a change was marked: the state stays missing (draws
  wait) and the rebuild reads the records again.
]]
if redis.call('EXISTS', KEYS[2]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
