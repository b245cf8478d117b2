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
