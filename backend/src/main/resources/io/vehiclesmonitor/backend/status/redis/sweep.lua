-- Disconnects up to ARGV[5] vehicles whose deadline <= ARGV[4] ms (StatusRules.expire),
-- visiting only buckets whose earliest deadline is due.
-- Returns {disconnected, taken}, or {-1, 0} when the epoch marker is missing.
if not has_epoch() then return { -1, 0 } end
local limit = ARGV[4]
local budget = tonumber(ARGV[5])
local taken = 0
local changed = 0
local buckets = redis.call('ZRANGE', KEYS[2], '-inf', limit, 'BYSCORE', 'LIMIT', 0, budget)
for _, bucket in ipairs(buckets) do
  if taken >= budget then break end
  local h = tonumber(bucket)
  local dkey = deadline_key(h)
  local due = redis.call('ZRANGE', dkey, '-inf', limit, 'BYSCORE', 'LIMIT', 0, budget - taken, 'WITHSCORES')
  for i = 1, #due, 2 do
    local vin = due[i]
    local deadline = tonumber(due[i + 1])
    redis.call('ZREM', dkey, vin)
    taken = taken + 1
    local raw = redis.call('HGET', state_key(h), vin)
    if raw then
      local st = decode(raw)
      if st.s == 'C' then
        local at = later(st.since, deadline)
        st.s = 'D'
        st.since = at
        redis.call('HSET', state_key(h), vin, encode(st))
        emit(vin, 'D', at, st.l)
        changed = changed + 1
      end
    end
  end
  refresh(h)
end
return { changed, taken }
