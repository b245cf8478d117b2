--[[
  Applies a configuration change to an activity's hot state in one step, so no draw sees half of
  it: the tiers' remaining wins, the pools' units and the compiled config (odds, limits, version)
  move together. Runs inside the change's PostgreSQL transaction, after its rows are written and
  before its commit (lib/activities/apply-change.ts). Idempotent: the config remembers the change
  it holds, so a retry after a process died between this and the commit finds it done.

  KEYS[1] cfg      the activity's config hash (epoch: the state's generation; version; change)
  KEYS[2] stock    remaining wins per tier (t:<id>) and units per prize (p:<id>)
  KEYS[3] issued   wins issued per tier (t:<id>)
  KEYS[4] changed  the changed-while-missing marker a rebuild checks before it shows its state

  ARGV[1] the state epoch read under the activity row's lock    ARGV[2] the version it replaces
  ARGV[3] the version it makes    ARGV[4] the change's id (or revert:<id> when taking it back)
  ARGV[5] n tiers, then n × (tier id, new stock, old stock)
  then m prizes, then m × (prize id, units added to the pool, negative when released)
  then the config's field, value pairs

  Returns {1} applied; {3} applied before (this change is in the state); {-1} no state (the
  marker is set: a rebuild reads the records again); {2} the state is another generation (a
  rebuild carries the records); {4, version} the state is at another version; {0, field, n} a
  tier's new stock below its n issued wins, or a pool with only n units left to release.
]]
local epoch = redis.call('HGET', KEYS[1], 'epoch')
if not epoch then
  redis.call('SET', KEYS[4], ARGV[1], 'PX', 600000)
  return { -1 }
end
if tonumber(epoch) ~= tonumber(ARGV[1]) then
  return { 2 }
end
local version = redis.call('HGET', KEYS[1], 'version')
if version == ARGV[3] and redis.call('HGET', KEYS[1], 'change') == ARGV[4] then
  return { 3 }
end
if version ~= ARGV[2] then
  return { 4, version or '' }
end

local i = 5
local tierCount = tonumber(ARGV[i])
local tiersFrom = i + 1
i = i + 1 + tierCount * 3
local prizeCount = tonumber(ARGV[i])
local prizesFrom = i + 1
local fieldsFrom = i + 1 + prizeCount * 2

for t = 0, tierCount - 1 do
  local id = ARGV[tiersFrom + t * 3]
  local issued = tonumber(redis.call('HGET', KEYS[3], 't:' .. id)) or 0
  if tonumber(ARGV[tiersFrom + t * 3 + 1]) < issued then
    return { 0, 't:' .. id, issued }
  end
end
for p = 0, prizeCount - 1 do
  local id = ARGV[prizesFrom + p * 2]
  local delta = tonumber(ARGV[prizesFrom + p * 2 + 1])
  local left = tonumber(redis.call('HGET', KEYS[2], 'p:' .. id)) or 0
  if delta < 0 and left + delta < 0 then
    return { 0, 'p:' .. id, left }
  end
end

for t = 0, tierCount - 1 do
  local id = ARGV[tiersFrom + t * 3]
  local delta = tonumber(ARGV[tiersFrom + t * 3 + 1]) - tonumber(ARGV[tiersFrom + t * 3 + 2])
  if delta ~= 0 then
    redis.call('HINCRBY', KEYS[2], 't:' .. id, delta)
  end
end
for p = 0, prizeCount - 1 do
  redis.call('HINCRBY', KEYS[2], 'p:' .. ARGV[prizesFrom + p * 2], tonumber(ARGV[prizesFrom + p * 2 + 1]))
end
redis.call('HSET', KEYS[1], 'change', ARGV[4], unpack(ARGV, fieldsFrom))
return { 1 }
