--[[
  Keeps what PostgreSQL answered for a user's records in one activity, unless a writer changed
  them since the reader took its stamp (lib/read-cache/user-records-cache.ts).

  KEYS[1] entry    the user's entry: a hash of g (the writers' token), at (the stamp it was filled
                   under) and v (the records)
  KEYS[2] touched  the activity's token, changed when what every entry shows changes (a prize renamed)

  ARGV[1] the stamp the reader took before it read PostgreSQL: "<touched>|<g>", '' for a missing one
  ARGV[2] the records, JSON
  ARGV[3] the entry's lifetime in seconds

  Returns 1 when kept; 0 when a token moved meanwhile: the records read may predate a write.
]]
local touched = redis.call('GET', KEYS[2]) or ''
local g = redis.call('HGET', KEYS[1], 'g') or ''
if touched .. '|' .. g ~= ARGV[1] then
  return 0
end
redis.call('HSET', KEYS[1], 'at', ARGV[1], 'v', ARGV[2])
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
return 1
