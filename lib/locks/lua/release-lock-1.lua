--[[
  Releases a lock only if the caller still owns it.
  A holder whose TTL ran out must not delete the next holder's lock, so the owner token
  is compared and the key deleted in one atomic step.

  KEYS[1] the lock key
  ARGV[1] the owner token given at acquisition

  Returns 1 if released, 0 if the lock was not (or no longer) held by this owner.
]]
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
