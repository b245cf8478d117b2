--[[
  Takes back a draw whose rows PostgreSQL refused to store (lib/draw/quarantine-refused-draw.ts):
  it never happened. Its stream entry is the token: whoever deletes it (the web process that
  made the draw, or the draw-log worker draining it after that process died) gives the
  counters back, so a draw is never taken back twice. Counters are given back only to the
  generation of the hot state that counted the draw (a rebuilt state counts from the rows,
  where the draw is not). Its Idempotency-Key forgets it, so a retry draws afresh.

  KEYS[1] cfg   KEYS[2] stock   KEYS[3] issued   KEYS[4] user   KEYS[5] idem   KEYS[6] stream
  ARGV[1] the draw's record (JSON)   ARGV[2] its activity-local day   ARGV[3] its stream entry id

  Returns 1 if this call gave the counters back, 0 if there was nothing to give back here
  (the entry was gone already, or the draw was counted by a state since rebuilt).
]]
-- @include codes-key.lua
-- @include take-back.lua

if redis.call('XDEL', KEYS[6], ARGV[3]) == 0 then
  return 0
end
local r = cjson.decode(ARGV[1])
local stored = redis.call('GET', KEYS[5])
if stored and cjson.decode(stored).d == r.d then
  redis.call('DEL', KEYS[5])
end
local epoch = redis.call('HGET', KEYS[1], 'epoch')
if not epoch or r.e == '' or tostring(r.e) ~= epoch then
  return 0
end
takeBack(r, KEYS[2], KEYS[3], KEYS[4], ARGV[2])
return 1
