--[[
  Carries a change PostgreSQL has committed into an activity's hot state, once, and only into
  the generation that could not have read it (lib/draw/write-hot-state.ts).

  KEYS[1] cfg      the activity's config hash; its epoch field names the state's generation
  KEYS[2] target   the hash the change goes to: cfg, stock or issued
  KEYS[3] changed  the changed-while-missing marker a rebuild checks before it shows its state

  ARGV[1] the state epoch read under the activity row's lock in the change's transaction
  ARGV[2] 'set' (HSET the values) or 'add' (HINCRBY by them)
  ARGV[3..] field, value, field, value ...

  Returns 1 when written into the generation the change was made against; 2 when the state is a
  newer generation, rebuilt from records that hold the change already (nothing to do); 0 when
  there is no state: the marker then makes a rebuild that is reading the records right now
  read them again before its state goes live, so the change cannot be lost between the two.
]]
local epoch = redis.call('HGET', KEYS[1], 'epoch')
if not epoch then
  redis.call('SET', KEYS[3], ARGV[1], 'PX', 600000)
  return 0
end
if tonumber(epoch) > tonumber(ARGV[1]) then
  return 2
end
if ARGV[2] == 'set' then
  redis.call('HSET', KEYS[2], unpack(ARGV, 3))
else
  for i = 3, #ARGV, 2 do
    redis.call('HINCRBY', KEYS[2], ARGV[i], tonumber(ARGV[i + 1]))
  end
end
return 1
