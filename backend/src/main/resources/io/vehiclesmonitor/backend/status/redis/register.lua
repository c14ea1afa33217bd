-- Registers vehicles or updates their timeout (StatusRules.retime). ARGV[4..]: (vin, timeout ms).
-- Returns {count}, or {-1} when the epoch marker is missing.
if not has_epoch() then return { -1 } end
local count = 0
for i = 4, #ARGV, 2 do
  local vin = ARGV[i]
  local timeout = tonumber(ARGV[i + 1])
  local h = bucket_of(vin)
  local raw = redis.call('HGET', state_key(h), vin)
  local st
  if raw then
    st = decode(raw)
    if st.s == 'C' and st.l then
      local deadline = st.l + timeout
      local old = tonumber(redis.call('ZSCORE', deadline_key(h), vin))
      -- a re-seeded vehicle still in its grace keeps one full (new) timeout from recovery
      if old and old > st.l + st.t then
        deadline = math.max(deadline, old - st.t + timeout)
      end
      set_deadline(h, vin, deadline, false)
    end
    st.t = timeout
  else
    st = { s = 'D', t = timeout }
  end
  redis.call('HSET', state_key(h), vin, encode(st))
  count = count + 1
end
return { count }
