-- Re-seeds vehicles missing from the state from their last known state (Tracked.reseeded),
-- without emitting changes. ARGV[4] now ms, then per vehicle: vin, timeout ms, last known
-- status ('C', 'D', or '' if never seen), last seen ms and since ms ('' if unknown).
-- Last known Connected: Connected until now + timeout (one full timeout of grace).
-- Otherwise Disconnected with no deadline, so it takes no room in the deadline sets.
local now = tonumber(ARGV[4])
local seeded = 0
for i = 5, #ARGV, 5 do
  local vin = ARGV[i]
  local h = bucket_of(vin)
  if redis.call('HEXISTS', state_key(h), vin) == 0 then
    local timeout = tonumber(ARGV[i + 1])
    local st = { s = 'D', t = timeout, l = tonumber(ARGV[i + 3]), since = tonumber(ARGV[i + 4]) }
    if ARGV[i + 2] == 'C' then
      st.s = 'C'
      set_deadline(h, vin, now + timeout, false)
    end
    redis.call('HSET', state_key(h), vin, encode(st))
    seeded = seeded + 1
  end
end
return { seeded }
