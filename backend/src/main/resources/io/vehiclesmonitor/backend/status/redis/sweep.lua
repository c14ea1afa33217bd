-- Disconnects up to ARGV[5] vehicles whose deadline <= ARGV[4] ms (StatusRules.expire).
-- Returns {disconnected, taken}, or {-1, 0} when the epoch marker is missing.
if not has_epoch() then return { -1, 0 } end
local due = redis.call('ZRANGE', KEYS[2], '-inf', ARGV[4], 'BYSCORE', 'LIMIT', 0, ARGV[5], 'WITHSCORES')
local changed = 0
for i = 1, #due, 2 do
  local vin = due[i]
  local deadline = tonumber(due[i + 1])
  redis.call('ZREM', KEYS[2], vin)
  local key = bucket(vin)
  local raw = redis.call('HGET', key, vin)
  if raw then
    local st = decode(raw)
    if st.s == 'C' then
      local at = later(st.since, deadline)
      st.s = 'D'
      st.since = at
      redis.call('HSET', key, vin, encode(st))
      emit(vin, 'D', at, st.l)
      changed = changed + 1
    end
  end
end
return { changed, #due / 2 }
