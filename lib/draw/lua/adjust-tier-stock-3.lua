--[[
  Moves a live tier's stock by a delta, refusing to go below what was already issued. Done
  atomically against concurrent draws, so the tier never shows more wins than its stock; the
  records follow in a transaction that checks the state is still this generation.

  KEYS[1] cfg hash (its epoch: the state's generation)   KEYS[2] stock hash   KEYS[3] issued hash
  ARGV[1] tier id      ARGV[2] the new tier stock   ARGV[3] the old tier stock

  Returns {1, issued, epoch} if adjusted, {0, issued, epoch} if the new stock is below issued,
  {-1, 0, 0} if the activity has no hot state (nothing done: it must be rebuilt first).
]]
local epoch = redis.call('HGET', KEYS[1], 'epoch')
if not epoch then
  return { -1, 0, 0 }
end
local issued = tonumber(redis.call('HGET', KEYS[3], 't:' .. ARGV[1])) or 0
if tonumber(ARGV[2]) < issued then
  return { 0, issued, tonumber(epoch) }
end
redis.call('HINCRBY', KEYS[2], 't:' .. ARGV[1], tonumber(ARGV[2]) - tonumber(ARGV[3]))
return { 1, issued, tonumber(epoch) }
