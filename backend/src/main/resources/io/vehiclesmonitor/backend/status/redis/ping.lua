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
  local raw = redis.call('HGET', state_key(h), vin)
  if not raw then
    results[#results + 1] = 2
  else
    local st = decode(raw)
    if st.l and time <= st.l then
      results[#results + 1] = 1
    else
      local result = 0
      st.l = time
      local own = time + st.t
      if st.s == 'C' then
        set_deadline(h, vin, own, true)
      elseif own > now then
        local at = later(st.since, time)
        st.s = 'C'
        st.since = at
        set_deadline(h, vin, own, false)
        emit(vin, 'C', at, time)
        result = 3
      end
      redis.call('HSET', state_key(h), vin, encode(st))
      results[#results + 1] = result
    end
  end
end
return results
