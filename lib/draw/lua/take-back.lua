--[[
  Gives back everything one draw moved in Redis, shared by undo-draw-4.lua and
  take-back-refused-draw-6.lua: its tier and prize units from issued back to stock, its user's
  draw, free or granted chance and win, and its coupon codes to the front of their lists (the
  including script includes codes-key.lua).
  r: the draw's record (JSON decoded); the keys of its activity's stock, issued and user
  hashes; day: the activity-local day the draw counted in.
]]
local function takeBack(r, stockKey, issuedKey, userKey, day)
  if r.t ~= '' then
    redis.call('HINCRBY', stockKey, 't:' .. r.t, 1)
    redis.call('HINCRBY', issuedKey, 't:' .. r.t, -1)
    for prize, qty in string.gmatch(r.pz, '([^:;]+):(%d+):[^;]+') do
      redis.call('HINCRBY', stockKey, 'p:' .. prize, tonumber(qty))
      redis.call('HINCRBY', issuedKey, 'p:' .. prize, -tonumber(qty))
    end
    for prize, codes in pairs(r.cd or {}) do
      redis.call('LPUSH', codesKey(stockKey, prize), unpack(codes))
    end
    redis.call('HINCRBY', userKey, 'wins', -1)
  end
  redis.call('HINCRBY', userKey, 'd:' .. day, -1)
  redis.call('HINCRBY', userKey, 'total', -1)
  if r.c == 'F' then
    redis.call('HINCRBY', userKey, 'f:' .. day, -1)
  else
    redis.call('HINCRBY', userKey, 'used', -1)
  end
end
