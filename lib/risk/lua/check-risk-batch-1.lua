--[[
  The risk rules of draws of one tenant, evaluated from Redis alone, before
  the draw: blacklists, account age, accounts per device, then rate limits over sliding
  windows. The draws of one call are checked one after another, each counting in the windows
  the one after it sees: the same as one call per draw, with the rules decoded once.
  A refused draw changes no counter, so a bot hammering at the door never uses up the
  window of its own rate limit and the draw script is never reached (no chance consumed).

  KEYS[1] the tenant's compiled rules: JSON [{i id, k kind, a action, act activity id or '',
          n limit / max, w window ms, s minimum age seconds, d what an anomaly rule flags}],
          written by lib/risk/risk-state.ts.
  All other keys are built from ARGV[1], "<prefix>:{risk:<tenantId>}", so they hash to the
  same slot as KEYS[1]: bl:user / bl:device / bl:ip (sets), dev:<device>:accts (set of user
  ids), rl2:<ruleId>:<subject> (list of the admitted draws' times, oldest first; `rl2`
  because the sorted sets of an earlier version, under `rl`, are another type), flag:<ruleId>:<user|device|ip>
  (subjects the stats worker flagged, lib/risk/find-anomalies.ts).

  ARGV[1] key prefix, then six per draw, from b = 1 + (i - 1) * 6:
  ARGV[b+1] activity id   ARGV[b+2] user id   ARGV[b+3] device id or ''   ARGV[b+4] ip or ''
  ARGV[b+5] now, ms       ARGV[b+6] account created at, s, or ''

  Returns {'missing'} (no compiled rules: rebuild them), or one answer per draw, in order:
  {'ok'}, {'soft', action, ruleId, kind} for FORCE_LOSE / HOLD, or
  {'refuse', action, ruleId, kind, retryAfterMs} for BLOCK / RATE_LIMITED.
]]
local raw = redis.call('GET', KEYS[1])
if not raw then
  return { 'missing' }
end
local rules = cjson.decode(raw)
local prefix = ARGV[1]

-- Whom a rate-limit rule counts; '' for the other kinds.
local function subjectOf(kind, user, device, ip)
  if kind == 'RATE_LIMIT_USER' then return user end
  if kind == 'RATE_LIMIT_DEVICE' then return device end
  if kind == 'RATE_LIMIT_IP' then return ip end
  return ''
end

local function checkOne(activity, user, device, ip, now, acct)
  local soft = nil
  local function hit(rule, retryAfter)
    if rule.a == 'BLOCK' or rule.a == 'RATE_LIMITED' then
      return { 'refuse', rule.a, rule.i, rule.k, retryAfter or 0 }
    end
    -- FORCE_LOSE outranks HOLD: a draw that cannot win needs no review.
    if not soft or (rule.a == 'FORCE_LOSE' and soft.a ~= 'FORCE_LOSE') then
      soft = rule
    end
    return nil
  end

  local applicable = {}
  for _, rule in ipairs(rules) do
    if rule.act == '' or rule.act == activity then
      applicable[#applicable + 1] = rule
    end
  end

  -- Pass 1: what only reads.
  local addDevice = nil
  for _, rule in ipairs(applicable) do
    local verdict = nil
    if rule.k == 'BLACKLIST' then
      if redis.call('SISMEMBER', prefix .. ':bl:user', user) == 1
        or (device ~= '' and redis.call('SISMEMBER', prefix .. ':bl:device', device) == 1)
        or (ip ~= '' and redis.call('SISMEMBER', prefix .. ':bl:ip', ip) == 1) then
        verdict = hit(rule)
      end
    elseif rule.d then
      -- An anomaly rule: was this user, device or IP flagged by the stats worker?
      local subject = (rule.d == 'user' and user) or (rule.d == 'device' and device) or ip
      if subject ~= '' and redis.call('SISMEMBER', prefix .. ':flag:' .. rule.i .. ':' .. rule.d, subject) == 1 then
        verdict = hit(rule)
      end
    elseif rule.k == 'MIN_ACCOUNT_AGE' then
      if acct and now / 1000 - acct < rule.s then
        verdict = hit(rule)
      end
    elseif rule.k == 'ACCOUNTS_PER_DEVICE' and device ~= '' then
      local key = prefix .. ':dev:' .. device .. ':accts'
      if redis.call('SISMEMBER', key, user) == 0 then
        if redis.call('SCARD', key) >= rule.n then
          verdict = hit(rule)
        else
          addDevice = key
        end
      end
    end
    if verdict then
      return verdict
    end
  end

  -- Pass 2: sliding windows, checked all before any is counted. A window is a list of the
  -- admitted draws' times, oldest first; times older than the window are popped only when the
  -- list reaches the limit (until then they only overcount, so the draw is admitted anyway).
  -- A list costs less than a sorted set per draw, and it never holds more than limit entries.
  local windows = {}
  for _, rule in ipairs(applicable) do
    local subject = subjectOf(rule.k, user, device, ip)
    if subject ~= '' then
      local key = prefix .. ':rl2:' .. rule.i .. ':' .. subject
      local count = redis.call('LLEN', key)
      if count >= rule.n then
        local cutoff = now - rule.w
        local oldest = tonumber(redis.call('LINDEX', key, 0))
        while oldest and oldest <= cutoff do
          redis.call('LPOP', key)
          count = count - 1
          oldest = tonumber(redis.call('LINDEX', key, 0))
        end
        if count >= rule.n then
          -- At most the window: a draw whose time was taken before that of the oldest admitted
          -- one (concurrent requests reach Redis in another order than they read the clock).
          local verdict = hit(rule, math.min(rule.w, math.max(1, oldest + rule.w - now)))
          if verdict then
            return verdict
          end
        end
      end
      windows[#windows + 1] = { key, rule.w }
    end
  end

  for _, window in ipairs(windows) do
    redis.call('RPUSH', window[1], now)
    redis.call('PEXPIRE', window[1], window[2])
  end
  if addDevice then
    redis.call('SADD', addDevice, user)
    redis.call('EXPIRE', addDevice, 90 * 86400)
  end
  if soft then
    return { 'soft', soft.a, soft.i, soft.k }
  end
  return { 'ok' }
end

local answers = {}
for i = 1, (#ARGV - 1) / 6 do
  local b = 1 + (i - 1) * 6
  answers[i] = checkOne(ARGV[b + 1], ARGV[b + 2], ARGV[b + 3], ARGV[b + 4], tonumber(ARGV[b + 5]), tonumber(ARGV[b + 6]))
end
return answers
