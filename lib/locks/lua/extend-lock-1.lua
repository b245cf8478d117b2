--[[
  Extends a lock's TTL only if the caller still owns it.

  KEYS[1] the lock key
  ARGV[1] the owner token
  ARGV[2] the new TTL in milliseconds

  Returns 1 if extended, 0 if not held by this owner.
]]
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
