--[[
  What GET /me reads of Redis, in one call (lib/chances/get-my-state.ts): four reads of one
  activity's keys, which as four commands cost the web process more than the rest of the request.

  KEYS[1] user     the user's counters in the activity (draws per day, free draws, chances)
  KEYS[2] cfg      the activity's hot state: its config version
  KEYS[3] entry    the user's kept records (lib/read-cache/user-records-cache.ts): g, at, v
  KEYS[4] touched  the activity's token for every kept entry

  ARGV    the counters' fields

  Returns { counters (one per field), version, { g, at, v }, touched }; a missing value is nil.
]]
return {
  redis.call('HMGET', KEYS[1], unpack(ARGV)),
  redis.call('HGET', KEYS[2], 'version'),
  redis.call('HMGET', KEYS[3], 'g', 'at', 'v'),
  redis.call('GET', KEYS[4]),
}
