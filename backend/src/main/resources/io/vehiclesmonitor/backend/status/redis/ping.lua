-- Applies a batch of pings (StatusRules.ping). ARGV[4] now ms, then (vin, received ms) pairs.
-- Returns one code per ping: 0 applied, 1 stale, 2 unknown vehicle, 3 applied and connected;
-- or {-1} when the epoch marker is missing (state lost: re-seed first).
if not has_epoch() then return { -1 } end
local now = tonumber(ARGV[4])
local results = {}
for i = 5, #ARGV, 2 do
  local vin = ARGV[i]
  local time = math.min(tonumber(ARGV[i + 1]), now)
  local h = bucket_of(vin)
  local key = state_key(h)
  local raw = redis.call('HGET', key, vin)
  if not raw then
    results[#results + 1] = 2
  else
    local s, t, l, since = split(raw)
    local last = tonumber(l, 36)
    if last and time <= last then
      results[#results + 1] = 1
    elseif s == 'C' then
      -- the steady state: only the last-seen field and the deadline move (later)
      set_deadline(h, vin, time + tonumber(t, 36), true)
      redis.call('HSET', key, vin, s .. '|' .. t .. '|' .. b36(time) .. '|' .. since)
      results[#results + 1] = 0
    else
      local st = { s = s, t = tonumber(t, 36), l = time, since = tonumber(since, 36) }
      local result = 0
      local own = time + st.t
      if own > now then
        local at = later(st.since, time)
        st.s = 'C'
        st.since = at
        set_deadline(h, vin, own, false)
        emit(vin, 'C', at, time)
        result = 3
      end
      redis.call('HSET', key, vin, encode(st))
      results[#results + 1] = result
    end
  end
end
return results
