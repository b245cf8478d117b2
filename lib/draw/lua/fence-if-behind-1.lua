--[[
  Fences an activity's hot state that is older than its records (lib/draw/draw-floor.ts): Redis
  came back from files a moment behind, so its counters miss draws PostgreSQL holds.

  KEYS[1] cfg   the activity's config hash: seq (its last draw's number), epoch (its generation)
  ARGV[1] the highest draw number PostgreSQL holds as committed   ARGV[2] PostgreSQL's stateEpoch

  Returns 1 when the state was behind and is now fenced (cfg deleted: draws answer REBUILDING
  until a rebuild from PostgreSQL shows it again); 0 when it is not behind, or not there.
]]
local state = redis.call('HMGET', KEYS[1], 'seq', 'epoch')
if not state[2] then
  return 0
end
if (tonumber(state[1]) or 0) < tonumber(ARGV[1]) or tonumber(state[2]) < tonumber(ARGV[2]) then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
