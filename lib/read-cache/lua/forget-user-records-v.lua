--[[
  After a commit that changed these users' wins or grants (lib/read-cache/user-records-cache.ts):
  each entry takes the writers' new token and drops its records, so the next reader reads
  PostgreSQL, and a reader that read before the commit cannot keep what it read.

  KEYS    the users' entries, all of one activity (one hash tag)
  ARGV[1] the new token
  ARGV[2] an entry's lifetime in seconds

  Returns the number of entries.
]]
for i = 1, #KEYS do
  redis.call('HSET', KEYS[i], 'g', ARGV[1])
  redis.call('HDEL', KEYS[i], 'v')
  redis.call('EXPIRE', KEYS[i], tonumber(ARGV[2]))
end
return #KEYS
