--[[
  Takes the stock of an ended activity's fixed-winner draw from the hot state, once: moves up
  to `wanted` wins of the tier (and its bundle's units) from left to issued, as the draw would,
  so the issued write-back and reconciliation see them. The marker makes a rerun (the job
  retried after a crash before its rows were written) take nothing more and answer the same.

  KEYS[1] stock hash   KEYS[2] issued hash   KEYS[3] marker (string)
  ARGV[1] tier id      ARGV[2] wanted (winners)   ARGV[3] marker TTL seconds
  ARGV[4..] prize id, quantity, prize id, quantity, ... (the tier's bundle)

  Returns the number of winners the stock covers (≤ wanted), the same on every call.
]]
local done = redis.call('GET', KEYS[3])
if done then
  return tonumber(done)
end
local tierField = 't:' .. ARGV[1]
local n = math.min(tonumber(ARGV[2]), tonumber(redis.call('HGET', KEYS[1], tierField)) or 0)
for i = 4, #ARGV, 2 do
  local left = tonumber(redis.call('HGET', KEYS[1], 'p:' .. ARGV[i])) or 0
  n = math.min(n, math.floor(left / tonumber(ARGV[i + 1])))
end
if n < 0 then
  n = 0
end
if n > 0 then
  redis.call('HINCRBY', KEYS[1], tierField, -n)
  redis.call('HINCRBY', KEYS[2], tierField, n)
  for i = 4, #ARGV, 2 do
    local units = n * tonumber(ARGV[i + 1])
    redis.call('HINCRBY', KEYS[1], 'p:' .. ARGV[i], -units)
    redis.call('HINCRBY', KEYS[2], 'p:' .. ARGV[i], units)
  end
end
redis.call('SET', KEYS[3], n, 'EX', tonumber(ARGV[3]))
return n
