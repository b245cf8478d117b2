--[[
  Forgets the stored result of an Idempotency-Key, but only if it is still the given draw's
  (a retry may already have stored a newer, valid result under the key).

  KEYS[1] the idempotency key
  ARGV[1] the draw id whose result to forget

  Returns 1 if forgotten, 0 otherwise.
]]
local stored = redis.call('GET', KEYS[1])
if stored and cjson.decode(stored).d == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
