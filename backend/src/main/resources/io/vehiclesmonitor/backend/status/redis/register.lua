-- Registers vehicles or updates their timeout (StatusRules.retime). ARGV[4..]: (vin, timeout ms).
-- Returns {count}, or {-1} when the epoch marker is missing.
if not has_epoch() then return { -1 } end
local count = 0
for i = 4, #ARGV, 2 do
  local vin = ARGV[i]
  local timeout = tonumber(ARGV[i + 1])
  local key = bucket(vin)
  local raw = redis.call('HGET', key, vin)
  local st
  if raw then
    st = decode(raw)
    st.t = timeout
    if st.s == 'C' and st.l then
      redis.call('ZADD', KEYS[2], fmt(st.l + timeout), vin)
    end
  else
    st = { s = 'D', t = timeout }
  end
  redis.call('HSET', key, vin, encode(st))
  count = count + 1
end
return { count }
