--[[
  Shows coupon codes PostgreSQL has just put into a live activity's pool to the draw: appended to
  the prize's code list and counted as units in the stock hash in one step, so the list's length
  and the units left keep moving together (codes-key.lua). Only into the generation of the hot
  state that could not have read them (as write-hot-state-3.lua; lib/prizes/add-prize-codes.ts).

  KEYS[1] cfg      the activity's config hash; its epoch field names the state's generation
  KEYS[2] stock    units left per prize (p:<id>)
  KEYS[3] codes    the prize's code list in the activity's pool
  KEYS[4] changed  the changed-while-missing marker a rebuild checks before it shows its state

  ARGV[1] the state epoch read under the activity row's lock in the transaction that stored them
  ARGV[2] the prize id    ARGV[3..] the codes, in the order they are handed out

  Returns 1 when appended; 2 when the state is a newer generation, rebuilt from records that hold
  the codes already; 0 when there is no state (the marker makes a rebuild read the records again).
]]
local epoch = redis.call('HGET', KEYS[1], 'epoch')
if not epoch then
  redis.call('SET', KEYS[4], ARGV[1], 'PX', 600000)
  return 0
end
if tonumber(epoch) > tonumber(ARGV[1]) then
  return 2
end
-- In pieces: Lua's stack holds a few thousand unpacked values at most.
for i = 3, #ARGV, 1000 do
  redis.call('RPUSH', KEYS[3], unpack(ARGV, i, math.min(i + 999, #ARGV)))
end
redis.call('HINCRBY', KEYS[2], 'p:' .. ARGV[2], #ARGV - 2)
return 1
