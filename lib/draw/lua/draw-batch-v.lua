--[[
  Draws of one activity, in order, each one atomically (docs/draw.md): idempotency →
  live and in period → limits and chances → tier pick → stock of the tier and of every prize
  of its bundle, all or nothing → counters → stream record → stored result. A refused draw
  changes nothing. The draws of one call run one after the other, each seeing what the one
  before it did: the same as one call per draw, with the config read and decoded once.

  KEYS[1] cfg     hash: status, startsAt, endsAt (ms), free, maxDay, maxTotal, maxWins (-1 = none),
                  tiers (JSON [{id, p (millionths), prizes [[prizeId, qty, coupon?], ...], s segments?,
                  pace {st stock, b burst}? (even pacing)}]), version, epoch, seq (the number of
                  the state's last draw), seed (the id of the active fairness seed, '' none; absent: any)
  KEYS[2] stock   hash of what is left: t:<tierId> wins, p:<prizeId> units
  KEYS[3] issued  hash of what was awarded: t:<tierId>, p:<prizeId>
  KEYS[4] stream  the activity's draw log, drained into PostgreSQL by the draw-log worker
  KEYS[5] users   set of the user ids that have a user hash: a later end extends each one's expiry
  (not passed: for a coupon prize (coupon = 1), the list of its codes left, codes-key.lua, under the
  same hash tag; one code per unit won is popped with the stock, and the draw needs both)
  then, for the i-th draw:
  KEYS[3 + 3i] user    hash: d:<day> draws, f:<day> free draws, total, wins, granted, used
  KEYS[4 + 3i] idem    string: the record of the draw made with this user's Idempotency-Key
  KEYS[5 + 3i] legacy  the same under the key's former, ambiguous spelling (lib/draw/keys.ts),
                       taken only if the record in it is this user's with this key

  ARGV[1] seconds to keep the idempotent result
  ARGV[2] the stride: how many arguments each draw has (at least 10)
  ARGV[3] the floor: the highest draw number PostgreSQL holds as committed, as last read by the
          caller (0 when it has not read it since its connection was made)
  ARGV[4] the generation PostgreSQL holds (the Activity's stateEpoch), read with the floor (0: unread)
  then, for the i-th draw, from b = 4 + (i - 1) * stride:
  ARGV[b+1] draw id (uuid, made by the caller)   ARGV[b+2] user id    ARGV[b+3] Idempotency-Key
  ARGV[b+4] now, ms since the epoch               ARGV[b+5] the activity-local day, YYYY-MM-DD
  ARGV[b+6] 'r:i:seedId': r the draw number in [0, 1000000) derived from the fairness seed seedId
            with counter i (lib/fairness); 'r::' for an activity without a seed. A seed other than
            cfg's answers STALE_SEED with cfg's seed id, untouched (rotated meanwhile, or unknown)
  ARGV[b+7] device id or ''                       ARGV[b+8] ip or ''
  ARGV[b+9] the activity-local hour (0-23), for time segments
  ARGV[b+10] the risk step's verdict (lib/risk/check-risk.ts): '' none, 'L' force a loss,
             'H' hold a win for review (the record says so; its Win rows are HELD)
  ARGV[b+11..b+stride] pre-made win ids, one per prize of the largest bundle ('' pads); a
             draw picking a bundle larger than its caller knew of answers STALE_VIEW, untouched

  A state whose seq is below the floor, or whose epoch is below PostgreSQL's, is older than the
  records (Redis came back from an AOF a second behind): the script fences it (deletes cfg) before
  deciding anything, and every draw answers REBUILDING with the detail 'behind'.

  Returns one answer per draw, in order: {'ok', record, stream entry id} for a new draw,
  {'replay', record} for a repeated key, or {'error', CODE, detail?} with CODE one of
  REBUILDING, NOT_LIVE, DRAW_LIMIT_REACHED, NO_CHANCES, STALE_VIEW, STALE_SEED.
  The record is JSON: d draw id, u user, k key, t tier id ('' = no win), c chance kind (F free,
  G granted), ts, pz "prizeId:qty:winId;...", v config version, e state epoch, q the draw's
  number in this state (seq), l chances left, dev, ip, rk the risk verdict, cd the coupon codes
  won {prizeId: [code, ...]} (absent when none); for the proof: f ARGV[b+6]
  as given, pt the picked tier's index (0-based, -1 none), fb what turned it into no win ('none',
  'stock', 'pacing', 'limit', 'policy'), o the odds in force, micros in tier order ('p1,p2,...').
]]
-- @include pick-tier.lua
-- @include codes-key.lua

local ttl = tonumber(ARGV[1])
local stride = tonumber(ARGV[2])
local cfg = redis.call('HMGET', KEYS[1], 'status', 'startsAt', 'endsAt', 'free', 'maxDay', 'maxTotal', 'maxWins',
  'tiers', 'version', 'epoch', 'seq', 'seed')
local status = cfg[1]
local seq = tonumber(cfg[11]) or 0
local behind = nil
if status and (seq < tonumber(ARGV[3]) or tonumber(cfg[10]) < tonumber(ARGV[4])) then
  -- Older than the records: fenced, so the activity is rebuilt from PostgreSQL before any draw.
  redis.call('DEL', KEYS[1])
  status = nil
  behind = 'behind'
end
local numbered = seq
local startsAt = tonumber(cfg[2])
local endsAt = tonumber(cfg[3])
local free = tonumber(cfg[4])
local maxDay = tonumber(cfg[5])
local maxTotal = tonumber(cfg[6])
local maxWins = tonumber(cfg[7])
local tiers = nil
-- The active fairness seed's id; false in a state built before seeds, which takes any.
local activeSeed = cfg[12]
-- The odds in force, computed once per local hour and day of the call's draws.
local odds, oddsText, oddsAt = nil, nil, nil

-- The draw stored under this user's key, if any. A result stored under the former spelling
-- may be another user's whose id and key joined to the same text: it counts only if it says so.
local function storedResult(idemKey, legacyKey, b)
  local stored = redis.call('GET', idemKey)
  if stored then
    return stored
  end
  local legacy = redis.call('GET', legacyKey)
  if legacy then
    local r = cjson.decode(legacy)
    if r.u == ARGV[b + 2] and r.k == ARGV[b + 3] then
      return legacy
    end
  end
  return nil
end

local function drawOne(userKey, idemKey, legacyKey, b)
  local existing = storedResult(idemKey, legacyKey, b)
  if existing then
    return { 'replay', existing }
  end
  if not status then
    return { 'error', 'REBUILDING', behind }
  end
  local now = tonumber(ARGV[b + 4])
  if (status ~= 'LIVE' and status ~= 'SCHEDULED') or now < startsAt or now >= endsAt then
    return { 'error', 'NOT_LIVE', status }
  end

  -- A seed other than the active one was rotated out (and may be revealed): refuse, untouched.
  local fair = ARGV[b + 6]
  local r, seedId = string.match(fair, '^(%d+):[^:]*:(.*)$')
  if activeSeed and seedId ~= activeSeed then
    return { 'error', 'STALE_SEED', activeSeed }
  end

  local day = ARGV[b + 5]
  local u = redis.call('HMGET', userKey, 'd:' .. day, 'f:' .. day, 'total', 'wins', 'granted', 'used')
  local drawsToday = tonumber(u[1]) or 0
  local freeToday = tonumber(u[2]) or 0
  local total = tonumber(u[3]) or 0
  local wins = tonumber(u[4]) or 0
  local granted = tonumber(u[5]) or 0
  local used = tonumber(u[6]) or 0

  if maxTotal >= 0 and total >= maxTotal then
    return { 'error', 'DRAW_LIMIT_REACHED', 'total' }
  end
  if maxDay >= 0 and drawsToday >= maxDay then
    return { 'error', 'DRAW_LIMIT_REACHED', 'day' }
  end
  local chance
  if freeToday < free then
    chance = 'F'
  elseif granted - used > 0 then
    chance = 'G'
  else
    return { 'error', 'NO_CHANCES' }
  end

  tiers = tiers or cjson.decode(cfg[8])
  local risk = ARGV[b + 10]
  local hour = tonumber(ARGV[b + 9])
  if oddsAt ~= hour .. day then
    odds, oddsText = oddsInForce(tiers, hour, day)
    oddsAt = hour .. day
  end
  local pickedIndex = pickIndex(odds, tonumber(r))
  local picked = pickedIndex and tiers[pickedIndex]
  local fallback = 'none'

  -- Even pacing: by now at most stock * elapsed / period (+ a small burst) of this tier may be
  -- issued; above that line the draw falls through to "no win".
  if picked and picked.pace then
    local line = math.floor(picked.pace.st * (now - startsAt) / (endsAt - startsAt)) + picked.pace.b
    if (tonumber(redis.call('HGET', KEYS[3], 't:' .. picked.id)) or 0) >= line then
      picked = nil
      fallback = 'pacing'
    end
  end

  -- A risk rule with FORCE_LOSE: the chance is used, the draw cannot win.
  if risk == 'L' and picked then
    picked = nil
    fallback = 'policy'
  end

  -- Win ids for a larger bundle than the caller's view knew of would be read from the next
  -- draw's arguments: refuse before anything is written; the caller refreshes and retries.
  if picked then
    for j = 1, #picked.prizes do
      if j > stride - 10 or ARGV[b + 10 + j] == '' then
        return { 'error', 'STALE_VIEW' }
      end
    end
  end

  local tierId = ''
  local prizes = ''
  local codes = nil
  if picked and maxWins >= 0 and wins >= maxWins then
    fallback = 'limit'
  elseif picked then
    local fields = { 't:' .. picked.id }
    for _, prize in ipairs(picked.prizes) do
      fields[#fields + 1] = 'p:' .. prize[1]
    end
    local left = redis.call('HMGET', KEYS[2], unpack(fields))
    local enough = (tonumber(left[1]) or 0) >= 1
    for j, prize in ipairs(picked.prizes) do
      if (tonumber(left[j + 1]) or 0) < prize[2] then
        enough = false
      elseif prize[3] and redis.call('LLEN', codesKey(KEYS[2], prize[1])) < prize[2] then
        enough = false
      end
    end
    -- A tier whose stock (or any prize of its bundle) is gone is "no win": all or nothing.
    if enough then
      -- Absolute values, read and written inside this one atomic script: one call per hash.
      local issued = redis.call('HMGET', KEYS[3], unpack(fields))
      local newLeft = { fields[1], tonumber(left[1]) - 1 }
      local newIssued = { fields[1], (tonumber(issued[1]) or 0) + 1 }
      local parts = {}
      for j, prize in ipairs(picked.prizes) do
        if prize[3] then
          codes = codes or {}
          codes[prize[1]] = redis.call('LPOP', codesKey(KEYS[2], prize[1]), prize[2])
        end
        newLeft[#newLeft + 1] = fields[j + 1]
        newLeft[#newLeft + 1] = tonumber(left[j + 1]) - prize[2]
        newIssued[#newIssued + 1] = fields[j + 1]
        newIssued[#newIssued + 1] = (tonumber(issued[j + 1]) or 0) + prize[2]
        parts[#parts + 1] = prize[1] .. ':' .. prize[2] .. ':' .. ARGV[b + 10 + j]
      end
      redis.call('HSET', KEYS[2], unpack(newLeft))
      redis.call('HSET', KEYS[3], unpack(newIssued))
      tierId = picked.id
      prizes = table.concat(parts, ';')
    else
      fallback = 'stock'
    end
  end

  local won = tierId ~= '' and 1 or 0
  if chance == 'F' then
    redis.call('HSET', userKey, 'd:' .. day, drawsToday + 1, 'f:' .. day, freeToday + 1, 'total', total + 1, 'wins', wins + won)
  else
    redis.call('HSET', userKey, 'd:' .. day, drawsToday + 1, 'total', total + 1, 'wins', wins + won, 'used', used + 1)
  end
  -- Counters live a grace week past the end; the users set lets a later end reach them. A user
  -- new to the set (also one whose hash predates it) gets both expiries, never shortened.
  if redis.call('SADD', KEYS[5], ARGV[b + 2]) == 1 or total == 0 then
    local keepUntil = math.floor(endsAt / 1000) + 7 * 86400
    for _, key in ipairs({ userKey, KEYS[5] }) do
      if redis.call('EXPIRETIME', key) < keepUntil then
        redis.call('EXPIREAT', key, keepUntil)
      end
    end
  end

  local chancesLeft = math.max(0, free - freeToday - (chance == 'F' and 1 or 0)) + (granted - used - (chance == 'G' and 1 or 0))
  if maxDay >= 0 then
    chancesLeft = math.min(chancesLeft, maxDay - drawsToday - 1)
  end
  if maxTotal >= 0 then
    chancesLeft = math.min(chancesLeft, maxTotal - total - 1)
  end
  if chancesLeft < 0 then
    chancesLeft = 0
  end

  seq = seq + 1
  local record = cjson.encode({
    d = ARGV[b + 1], u = ARGV[b + 2], k = ARGV[b + 3], t = tierId, c = chance, ts = ARGV[b + 4], pz = prizes,
    v = cfg[9], e = cfg[10], q = seq, l = chancesLeft, dev = ARGV[b + 7], ip = ARGV[b + 8], rk = risk, cd = codes,
    f = fair, pt = pickedIndex and pickedIndex - 1 or -1, fb = fallback, o = oddsText,
  })
  local entry = redis.call('XADD', KEYS[4], '*', 'r', record)
  redis.call('SET', idemKey, record, 'EX', ttl)
  return { 'ok', record, entry }
end

local answers = {}
for i = 1, (#KEYS - 5) / 3 do
  answers[i] = drawOne(KEYS[3 + 3 * i], KEYS[4 + 3 * i], KEYS[5 + 3 * i], 4 + (i - 1) * stride)
end
if seq ~= numbered then
  redis.call('HSET', KEYS[1], 'seq', seq)
end
return answers
