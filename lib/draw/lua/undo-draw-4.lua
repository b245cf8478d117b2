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
-- @include codes-key.lua
-- @include take-back.lua

takeBack(cjson.decode(ARGV[1]), KEYS[1], KEYS[2], KEYS[3], ARGV[2])
redis.call('SET', KEYS[4], ARGV[3], 'EX', tonumber(ARGV[4]))
return 1
