--[[
  Moves a live tier's stock by a delta, refusing to go below what was already issued. Done
  atomically against concurrent draws, so the tier never shows more wins than its stock.

  KEYS[1] stock hash   KEYS[2] issued hash
  ARGV[1] tier id      ARGV[2] the new tier stock   ARGV[3] the old tier stock

  Returns {1, issued} if adjusted, {0, issued} if the new stock is below issued.
]]
local issued = tonumber(redis.call('HGET', KEYS[2], 't:' .. ARGV[1])) or 0
if tonumber(ARGV[2]) < issued then
  return { 0, issued }
end
redis.call('HINCRBY', KEYS[1], 't:' .. ARGV[1], tonumber(ARGV[2]) - tonumber(ARGV[3]))
return { 1, issued }
