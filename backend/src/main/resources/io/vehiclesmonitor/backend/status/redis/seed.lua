-- Re-seeds vehicles missing from the state as Connected with deadline now + timeout and no
-- last seen (Tracked.seeded), without emitting changes. ARGV[4] now ms, then (vin, timeout ms).
local now = tonumber(ARGV[4])
local seeded = 0
for i = 5, #ARGV, 2 do
  local vin = ARGV[i]
  local timeout = tonumber(ARGV[i + 1])
  local key = bucket(vin)
  if redis.call('HEXISTS', key, vin) == 0 then
    redis.call('HSET', key, vin, encode({ s = 'C', t = timeout }))
    redis.call('ZADD', KEYS[2], fmt(now + timeout), vin)
    seeded = seeded + 1
  end
end
return { seeded }
