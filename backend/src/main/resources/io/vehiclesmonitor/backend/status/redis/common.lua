-- Shared by every status script (prepended by RedisScripts).
-- KEYS[1] epoch marker, KEYS[2] deadline index, KEYS[3] change stream.
-- ARGV[1] key prefix of the shard ("<prefix>:{<shard>}:"), ARGV[2] bucket count,
-- ARGV[3] stream MAXLEN (approximate).
-- Vehicles are spread over small buckets by a hash of the VIN, computed here only (so Java
-- never has to agree with Lua on it). Per bucket h:
--   v:h  hash       vin -> compact state (listpack while small)
--   d:h  sorted set vin -> deadline ms, Connected vehicles only (listpack while small)
-- and the deadline index (KEYS[2]) holds bucket h scored no later than the earliest deadline
-- in d:h, so the sweep finds due vehicles in O(due) without one big skiplist over the fleet.
-- The score is a lower bound, not the exact minimum: a deadline moving later (a ping)
-- leaves it as it is, so a Connected vehicle's ping never touches the index; a new or
-- earlier deadline lowers it (ZADD LT). The sweep visits every bucket whose score is due
-- and sets it to the exact minimum again (refresh), as does unregistering a vehicle.
-- Every key shares the shard's hash tag, so the scripts stay valid on a Redis Cluster.
local shard_prefix = ARGV[1]
local bucket_count = tonumber(ARGV[2])
local stream_maxlen = ARGV[3]
local digits = '0123456789abcdefghijklmnopqrstuvwxyz'

local function fmt(n)
  return string.format('%.0f', n)
end

local sub = string.sub
local byte = string.byte

-- Two base-36 digits (one base-1296 digit) per step: this runs once per ping.
local function b36(n)
  if n < 36 then return sub(digits, n + 1, n + 1) end
  local s = ''
  while n >= 36 do
    local pair = n % 1296
    local low = pair % 36
    local high = (pair - low) / 36
    n = (n - pair) / 1296
    if n == 0 and high == 0 then
      return sub(digits, low + 1, low + 1) .. s
    end
    s = sub(digits, high + 1, high + 1) .. sub(digits, low + 1, low + 1) .. s
  end
  if n > 0 then return sub(digits, n + 1, n + 1) .. s end
  return s
end

-- h = (h * 31 + byte) mod bucket_count over the VIN, four bytes per step (the same value:
-- taking the modulus once per four steps is exact while h * 31^4 stays below 2^53).
local function bucket_of(vin)
  local h = 0
  local n = #vin
  local i = 1
  while i + 3 <= n do
    local c1, c2, c3, c4 = byte(vin, i, i + 3)
    h = ((((h * 31 + c1) * 31 + c2) * 31 + c3) * 31 + c4) % bucket_count
    i = i + 4
  end
  while i <= n do
    h = (h * 31 + byte(vin, i)) % bucket_count
    i = i + 1
  end
  return h
end

local function state_key(h)
  return shard_prefix .. 'v:' .. h
end

local function deadline_key(h)
  return shard_prefix .. 'd:' .. h
end

-- State value: status (C|D) | timeout ms | last seen ms | since ms, numbers in base 36,
-- unknown fields empty.
-- The four fields as they are stored (text).
local function split(raw)
  return string.match(raw, '^(%a)|(%w+)|(%w*)|(%w*)$')
end

local function decode(raw)
  local s, t, l, since = split(raw)
  return { s = s, t = tonumber(t, 36), l = tonumber(l, 36), since = tonumber(since, 36) }
end

local function encode(st)
  local l = ''
  if st.l then l = b36(st.l) end
  local since = ''
  if st.since then since = b36(st.since) end
  return st.s .. '|' .. b36(st.t) .. '|' .. l .. '|' .. since
end

-- Sets the index entry of bucket h to its earliest deadline (or removes it if none): the
-- sweep, after visiting the bucket.
local function refresh(h)
  local first = redis.call('ZRANGE', deadline_key(h), 0, 0, 'WITHSCORES')
  if #first == 0 then
    redis.call('ZREM', KEYS[2], h)
  else
    redis.call('ZADD', KEYS[2], first[2], h)
  end
end

-- only_later: a Connected vehicle's deadline, which only ever moves later (ZADD GT); the
-- index is touched only if the vehicle had none yet.
-- Deadlines go to Redis as Lua numbers: whole milliseconds, which Redis writes out exactly
-- (no exponent) and which are cheaper than formatting them here.
local function set_deadline(h, vin, deadline, only_later)
  if only_later then
    if redis.call('ZADD', deadline_key(h), 'GT', deadline, vin) == 0 then return end
  else
    redis.call('ZADD', deadline_key(h), deadline, vin)
  end
  redis.call('ZADD', KEYS[2], 'LT', deadline, h)
end

-- Exact again (rare: unregistering), so a fleet without deadlines leaves no index entries.
local function clear_deadline(h, vin)
  if redis.call('ZREM', deadline_key(h), vin) == 1 then
    refresh(h)
  end
end

local function emit(vin, status, at, last)
  local l = ''
  if last then l = fmt(last) end
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', stream_maxlen, '*', 'v', vin, 's', status, 'a', fmt(at), 'l', l)
end

local function later(first, second)
  if first and first > second then return first end
  return second
end

local function has_epoch()
  return redis.call('EXISTS', KEYS[1]) == 1
end
