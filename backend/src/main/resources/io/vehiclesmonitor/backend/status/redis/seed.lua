-- Re-seeds vehicles missing from the state as Connected with deadline now + timeout and no
-- last seen (Tracked.seeded), without emitting changes. ARGV[4] now ms, then (vin, timeout ms).
local now = tonumber(ARGV[4])
local seeded = 0
for i = 5, #ARGV, 2 do
  local vin = ARGV[i]
  local timeout = tonumber(ARGV[i + 1])
  local h = bucket_of(vin)
  if redis.call('HEXISTS', state_key(h), vin) == 0 then
    redis.call('HSET', state_key(h), vin, encode({ s = 'C', t = timeout }))
    set_deadline(h, vin, now + timeout, false)
    seeded = seeded + 1
  end
end
return { seeded }
