--[[
  Runs the draw's own tier picker over a batch of random integers, with the draw's stock rule
  (a tier whose stock or any bundle prize is gone is "no win"), touching no key.

  ARGV[1] tiers JSON, as compiled for the draw: [{id, p, prizes [[prizeId, qty], ...]}]
  ARGV[2] stock JSON: {"t:<tierId>": wins left, "p:<prizeId>": units left}
  ARGV[3] runs JSON: [[activity-local hour (0-23; -1 ignores time segments), local day, count], ...],
          the hour and day of the next `count` integers, in order; together they cover all of them
  ARGV[4..] uniform random integers in [0, 1000000), from Node's crypto

  Returns {stock JSON after the batch, outcome per draw: tier index (1-based) or 0 = no win,
  picked-but-out-of-stock as a negative tier index}.
]]
-- @include pick-tier.lua
local tiers = cjson.decode(ARGV[1])
local stock = cjson.decode(ARGV[2])
local index = {}
for i, tier in ipairs(tiers) do
  index[tier.id] = i
end
local outcomes = {}
local runs = cjson.decode(ARGV[3])
local hours = {}
local days = {}
for _, run in ipairs(runs) do
  for _ = 1, run[3] do
    hours[#hours + 1] = tonumber(run[1])
    days[#days + 1] = run[2]
  end
end
for n = 4, #ARGV do
  local picked = pickTier(tiers, tonumber(ARGV[n]), hours[n - 3], days[n - 3])
  local outcome = 0
  if picked then
    local enough = (stock['t:' .. picked.id] or 0) >= 1
    for _, prize in ipairs(picked.prizes) do
      if (stock['p:' .. prize[1]] or 0) < prize[2] then
        enough = false
      end
    end
    if enough then
      stock['t:' .. picked.id] = stock['t:' .. picked.id] - 1
      for _, prize in ipairs(picked.prizes) do
        stock['p:' .. prize[1]] = stock['p:' .. prize[1]] - prize[2]
      end
      outcome = index[picked.id]
    else
      outcome = -index[picked.id]
    end
  end
  outcomes[#outcomes + 1] = outcome
end
return { cjson.encode(stock), outcomes }
