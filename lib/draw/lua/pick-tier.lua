--[[
  The tier picker, shared by the draw (draw-6.lua) and the console's simulator
  (simulate-picks-0.lua), so what an operator simulates is what users get.
  tiers: [{id, p (millionths), ...}] in order; r: a uniform integer in [0, 1000000).
  Cumulative odds against one integer; nil = the "no win" share.
]]
local function pickTier(tiers, r)
  local cumulative = 0
  for _, tier in ipairs(tiers) do
    cumulative = cumulative + tier.p
    if r < cumulative then
      return tier
    end
  end
  return nil
end
