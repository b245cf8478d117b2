--[[
  Runs the draw's own tier picker over a batch of random integers, with the draw's rules after the
  pick in the draw's order (draw-batch-v.lua): even pacing, the per-user win cap, then stock (a
  tier whose stock or any bundle prize is gone is "no win"). Touches no key.

  ARGV[1] tiers JSON, as compiled for the draw: [{id, p, prizes [[prizeId, qty], ...], pace?}]
  ARGV[2] stock JSON: {"t:<tierId>": wins left, "p:<prizeId>": units left}
  ARGV[3] runs JSON: [[activity-local hour (0-23; -1 ignores time segments), local day, count], ...],
          the hour and day of the next `count` integers, in order; together they cover all of them
  ARGV[4] context JSON: {from, to: the period (ms); at: [each pick's instant (ms)] or absent (no
          pacing); issued: {"t:<tierId>": wins so far}; u: [each pick's user] or absent;
          maxWins: the per-user win cap (-1: none); wins: {"<user>": wins so far}}
  ARGV[5..] uniform random integers in [0, 1000000), from Node's crypto

  Returns {stock JSON after the batch, outcome per draw, issued JSON, wins JSON}. An outcome is
  the tier index (1-based) won, 0 for no tier picked, or for a picked tier that could not be won:
  -index (stock gone), -(1000 + index) (held by pacing), -(2000 + index) (the user's win cap).
]]
-- @include pick-tier.lua
local tiers = cjson.decode(ARGV[1])
local stock = cjson.decode(ARGV[2])
local ctx = cjson.decode(ARGV[4])
local issued = ctx.issued or {}
local wins = ctx.wins or {}
local maxWins = tonumber(ctx.maxWins) or -1
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
for n = 5, #ARGV do
  local i = n - 4
  local picked = pickTier(tiers, tonumber(ARGV[n]), hours[i], days[i])
  local outcome = 0
  if picked then
    local ix = index[picked.id]
    local key = 't:' .. picked.id
    local user = ctx.u and tostring(ctx.u[i])
    if picked.pace and ctx.at then
      local line = math.floor(picked.pace.st * (ctx.at[i] - ctx.from) / (ctx.to - ctx.from)) + picked.pace.b
      if (issued[key] or 0) >= line then
        outcome = -(1000 + ix)
      end
    end
    if outcome == 0 and user and maxWins >= 0 and (wins[user] or 0) >= maxWins then
      outcome = -(2000 + ix)
    end
    if outcome == 0 then
      local enough = (stock[key] or 0) >= 1
      for _, prize in ipairs(picked.prizes) do
        if (stock['p:' .. prize[1]] or 0) < prize[2] then
          enough = false
        end
      end
      if enough then
        stock[key] = stock[key] - 1
        for _, prize in ipairs(picked.prizes) do
          stock['p:' .. prize[1]] = stock['p:' .. prize[1]] - prize[2]
        end
        issued[key] = (issued[key] or 0) + 1
        if user then
          wins[user] = (wins[user] or 0) + 1
        end
        outcome = ix
      else
        outcome = -ix
      end
    end
  end
  outcomes[#outcomes + 1] = outcome
end
return { cjson.encode(stock), outcomes, cjson.encode(issued), cjson.encode(wins) }
