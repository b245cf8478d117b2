--[[
  Takes back a draw that PostgreSQL refused because the same (activity, user,
  Idempotency-Key) already holds an older draw there (the Redis copy of that key had expired
  or was lost). Every counter the draw moved moves back, and the key now answers with the
  older draw, so the user sees one result and nothing is consumed twice.

  KEYS[1] stock   KEYS[2] issued   KEYS[3] user   KEYS[4] idem
  ARGV[1] the refused draw's record (JSON)   ARGV[2] its activity-local day
  ARGV[3] the older draw's record (JSON)     ARGV[4] seconds to keep it

  Returns 1.
]]
local r = cjson.decode(ARGV[1])
if r.t ~= '' then
  redis.call('HINCRBY', KEYS[1], 't:' .. r.t, 1)
  redis.call('HINCRBY', KEYS[2], 't:' .. r.t, -1)
  for prize, qty in string.gmatch(r.pz, '([^:;]+):(%d+):[^;]+') do
    redis.call('HINCRBY', KEYS[1], 'p:' .. prize, tonumber(qty))
    redis.call('HINCRBY', KEYS[2], 'p:' .. prize, -tonumber(qty))
  end
  redis.call('HINCRBY', KEYS[3], 'wins', -1)
end
redis.call('HINCRBY', KEYS[3], 'd:' .. ARGV[2], -1)
redis.call('HINCRBY', KEYS[3], 'total', -1)
if r.c == 'F' then
  redis.call('HINCRBY', KEYS[3], 'f:' .. ARGV[2], -1)
else
  redis.call('HINCRBY', KEYS[3], 'used', -1)
end
redis.call('SET', KEYS[4], ARGV[3], 'EX', tonumber(ARGV[4]))
return 1
