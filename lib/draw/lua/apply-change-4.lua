--[[
  Applies a configuration change to an activity's hot state in one step, so no draw sees half of
  it: the tiers' remaining wins (tiers added, taken out or with new stock), the pools' units and
  the compiled config (tiers with their odds, limits, period, view, version) move together. Runs
  inside the change's PostgreSQL transaction, after its rows are written and before its commit
  (lib/activities/apply-change.ts). Idempotent: the config remembers the change it holds and what
  it moved, so a retry after a process died between this and the commit finds it done.

  A tier taken out stops being drawn here (the new config no longer lists it); its wins issued
  until now are final, read here against the draws, and its unissued wins are freed: a pool given
  with its figures (held, need before, need after without the tiers taken out) has its units
  worked out here, once those issued wins are known, by the rule of lib/activities/change-diff.ts:
  need beyond the units held is reserved, need that falls below them is released, up to what the
  change frees.

  KEYS[1] cfg      the activity's config hash (epoch: the state's generation; version; change)
  KEYS[2] stock    remaining wins per tier (t:<id>) and units per prize (p:<id>)
  KEYS[3] issued   wins issued per tier (t:<id>)
  KEYS[4] changed  the changed-while-missing marker a rebuild checks before it shows its state

  ARGV[1] the state epoch read under the activity row's lock    ARGV[2] the version it replaces
  ARGV[3] the version it makes    ARGV[4] the change's id (or revert:<id> when taking it back)
  ARGV[5] n tiers, then n × (tier id, new stock, old stock): a tier added has old stock 0
  then m prizes, then m × (prize id, units added to the pool (negative: released), held,
    need before, need after without the tiers taken out); a need before of -1: the units as given
  then r tiers taken out, then r × (tier id, its stock, k, k × (prize id, quantity))
  then the config's field, value pairs

  Returns {1, moved} applied, moved = JSON {issued: {tierId: wins issued by each tier taken out},
  units: {prizeId: units added (+) or released (−)}}; {3, moved} applied before (this change is in
  the state); {-1} no state (the marker is set: a rebuild reads the records again); {2} the state
  is another generation (a rebuild carries the records); {4, version} the state is at another
  version; {0, field, n} a tier's new stock below its n issued wins, or a pool with only n units
  left to release.
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
  return { 3, redis.call('HGET', KEYS[1], 'moved') or '{}' }
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
i = i + 1 + prizeCount * 5
local removedCount = tonumber(ARGV[i])
i = i + 1

for t = 0, tierCount - 1 do
  local id = ARGV[tiersFrom + t * 3]
  local issued = tonumber(redis.call('HGET', KEYS[3], 't:' .. id)) or 0
  if tonumber(ARGV[tiersFrom + t * 3 + 1]) < issued then
    return { 0, 't:' .. id, issued }
  end
end

-- The tiers taken out: what each issued is final now; their units count in the pools' need.
local issuedByTier = {}
local removedIds = {}
local extraNeed = {}
for _ = 1, removedCount do
  local id = ARGV[i]
  local stock = tonumber(ARGV[i + 1])
  local k = tonumber(ARGV[i + 2])
  local left = tonumber(redis.call('HGET', KEYS[2], 't:' .. id)) or 0
  local issued = math.max(0, stock - math.max(0, left))
  issuedByTier[id] = issued
  removedIds[#removedIds + 1] = id
  for q = 0, k - 1 do
    local prizeId = ARGV[i + 3 + q * 2]
    extraNeed[prizeId] = (extraNeed[prizeId] or 0) + issued * tonumber(ARGV[i + 4 + q * 2])
  end
  i = i + 3 + k * 2
end
local fieldsFrom = i

local units = {}
local unitOrder = {}
for p = 0, prizeCount - 1 do
  local at = prizesFrom + p * 5
  local id = ARGV[at]
  local delta = tonumber(ARGV[at + 1])
  local needBefore = tonumber(ARGV[at + 3])
  if needBefore >= 0 then
    local held = tonumber(ARGV[at + 2])
    local needAfter = tonumber(ARGV[at + 4]) + (extraNeed[id] or 0)
    local reserve = math.max(0, needAfter - held)
    local release = 0
    if needAfter < needBefore then
      release = math.max(0, math.min(needBefore - needAfter, held - needAfter))
    end
    if reserve > 0 then delta = reserve else delta = -release end
  end
  local left = tonumber(redis.call('HGET', KEYS[2], 'p:' .. id)) or 0
  if delta < 0 and left + delta < 0 then
    return { 0, 'p:' .. id, left }
  end
  if delta ~= 0 then
    units[id] = delta
    unitOrder[#unitOrder + 1] = id
  end
end

for t = 0, tierCount - 1 do
  local id = ARGV[tiersFrom + t * 3]
  local delta = tonumber(ARGV[tiersFrom + t * 3 + 1]) - tonumber(ARGV[tiersFrom + t * 3 + 2])
  if delta ~= 0 then
    redis.call('HINCRBY', KEYS[2], 't:' .. id, delta)
  end
end
for _, id in ipairs(removedIds) do
  redis.call('HSET', KEYS[2], 't:' .. id, 0)
end
for _, id in ipairs(unitOrder) do
  redis.call('HINCRBY', KEYS[2], 'p:' .. id, units[id])
end

-- cjson writes an empty table as [], which the caller reads as an empty map all the same.
local moved = cjson.encode({ issued = issuedByTier, units = units })
redis.call('HSET', KEYS[1], 'change', ARGV[4], 'moved', moved, unpack(ARGV, fieldsFrom))
return { 1, moved }
