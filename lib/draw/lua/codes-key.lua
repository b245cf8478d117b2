--[[
  The list of a coupon prize's codes in an activity's pool, beside the stock hash and under the
  same hash tag (lib/draw/keys.ts: codes): "<prefix>:{act:<id>}:stock" → "<prefix>:{act:<id>}:codes:<prizeId>".
  A coupon prize's units left in the stock hash and the length of this list move together.
]]
local function codesKey(stockKey, prizeId)
  return string.sub(stockKey, 1, -6) .. 'codes:' .. prizeId
end
