-- Disconnects vehicles whose deadline <= ARGV[4] ms (StatusRules.expire), visiting only
-- buckets whose index score is due, and sets each visited bucket's score to its exact
-- earliest deadline. At most ARGV[5] units of work: one per vehicle taken, one per bucket
-- visited that had nothing due (its score was a lower bound already passed).
-- Returns {disconnected, work}, or {-1, 0} when the epoch marker is missing; work equal to
-- ARGV[5] means more may be due.
if not has_epoch() then return { -1, 0 } end
local limit = ARGV[4]
local budget = tonumber(ARGV[5])
local work = 0
local changed = 0
local buckets = redis.call('ZRANGE', KEYS[2], '-inf', limit, 'BYSCORE', 'LIMIT', 0, budget)
for _, bucket in ipairs(buckets) do
  if work >= budget then break end
  local h = tonumber(bucket)
  local dkey = deadline_key(h)
  local due = redis.call('ZRANGE', dkey, '-inf', limit, 'BYSCORE', 'LIMIT', 0, budget - work, 'WITHSCORES')
  if #due == 0 then work = work + 1 end
  for i = 1, #due, 2 do
    local vin = due[i]
    local deadline = tonumber(due[i + 1])
    redis.call('ZREM', dkey, vin)
    work = work + 1
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
return { changed, work }
