--[[
  Adds a committed ChanceGrant ledger row to the user's Redis counter, once, and only when
  the activity's hot state is the generation that did not see the row (lib/tasks/grant-chances.ts).

  KEYS[1] cfg      the activity's config hash (epoch, endsAt in ms)
  KEYS[2] user     the user's hash (granted is read by draw-batch-v.lua)
  KEYS[3] changed  the changed-while-missing marker (lib/draw/write-hot-state.ts)
  KEYS[4] users    the set of user ids with a user hash, which a later end extends (draw-batch-v.lua)

  ARGV[1] the state epoch read under the activity row's share lock in the grant's transaction
  ARGV[2] chances to add
  ARGV[3] the user id

  Returns 1 when added; 0 when the state is missing or newer: a rebuild then reads (or has read)
  the committed row from the ledger itself, so adding it here would count it twice. A missing
  state is marked, so a rebuild reading the ledger right now reads it again.
]]
local cfg = redis.call('HMGET', KEYS[1], 'epoch', 'endsAt')
if not cfg[1] then
  redis.call('SET', KEYS[3], ARGV[1], 'PX', 600000)
  return 0
end
if cfg[1] ~= ARGV[1] then
  return 0
end
local keepUntil = math.floor(tonumber(cfg[2]) / 1000) + 7 * 86400
redis.call('HINCRBY', KEYS[2], 'granted', tonumber(ARGV[2]))
redis.call('EXPIREAT', KEYS[2], keepUntil)
redis.call('SADD', KEYS[4], ARGV[3])
if redis.call('EXPIRETIME', KEYS[4]) < keepUntil then
  redis.call('EXPIREAT', KEYS[4], keepUntil)
end
return 1
