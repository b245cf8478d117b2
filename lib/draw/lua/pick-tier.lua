--[[
  The tier picker, shared by the draw (draw-batch-v.lua) and the console's simulator
  (simulate-picks-0.lua), so what an operator simulates is what users get.
  tiers: [{id, p (millionths), s (segments, optional), ...}] in order; r: a uniform integer in
  [0, 1000000); hour (0-23) and day (YYYY-MM-DD): the activity's local time (hour -1: ignore
  segments). A segment is [fromHour, toHour (exclusive; from > to wraps past midnight),
  fromDate|'', toDate|'', odds]; the first that matches gives the tier's odds
  (lib/draw/segments.ts). Cumulative odds against one integer; nil = the "no win" share.
]]
local function tierOdds(tier, hour, day)
  if tier.s and hour >= 0 then
    for _, seg in ipairs(tier.s) do
      local from, to = seg[1], seg[2]
      local inHours
      if from <= to then
        inHours = hour >= from and hour < to
      else
        inHours = hour >= from or hour < to
      end
      if inHours and (seg[3] == '' or day >= seg[3]) and (seg[4] == '' or day <= seg[4]) then
        return seg[5]
      end
    end
  end
  return tier.p
end

local function pickTier(tiers, r, hour, day)
  local cumulative = 0
  for _, tier in ipairs(tiers) do
    cumulative = cumulative + tierOdds(tier, hour, day)
    if r < cumulative then
      return tier
    end
  end
  return nil
end

-- The odds in force for every tier at a local hour and day, in listed order, and the same as
-- text 'p1,p2,...' (what a draw's proof shows).
local function oddsInForce(tiers, hour, day)
  local odds = {}
  for j, tier in ipairs(tiers) do
    odds[j] = tierOdds(tier, hour, day)
  end
  return odds, table.concat(odds, ',')
end

-- The 1-based index of the tier those odds give r (the first whose running sum exceeds it), or nil.
local function pickIndex(odds, r)
  local cumulative = 0
  for j = 1, #odds do
    cumulative = cumulative + odds[j]
    if r < cumulative then
      return j
    end
  end
  return nil
end
