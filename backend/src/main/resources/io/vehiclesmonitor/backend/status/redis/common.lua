-- Shared by every status script (prepended by RedisScripts).
-- KEYS[1] epoch marker, KEYS[2] deadlines sorted set, KEYS[3] change stream.
-- ARGV[1] prefix of the state buckets, ARGV[2] bucket count, ARGV[3] stream MAXLEN (approximate).
-- Vehicle state lives in small hashes ("buckets", listpack-encoded) chosen by a hash of the VIN,
-- computed here only, so Java never has to agree with Lua on it. All keys share the shard's
-- hash tag, so the scripts stay valid on a Redis Cluster.
local bucket_prefix = ARGV[1]
local bucket_count = tonumber(ARGV[2])
local stream_maxlen = ARGV[3]

local function fmt(n)
  return string.format('%.0f', n)
end

local function bucket(vin)
  local h = 0
  for i = 1, #vin do
    h = (h * 31 + string.byte(vin, i)) % bucket_count
  end
  return bucket_prefix .. h
end

-- Value: status (C|D) | timeout ms | last seen ms | since ms; empty fields are unknown.
local function decode(raw)
  local s, t, l, since = string.match(raw, '^(%a)|(%d+)|(%d*)|(%d*)$')
  return { s = s, t = tonumber(t), l = tonumber(l), since = tonumber(since) }
end

local function encode(st)
  local l = ''
  if st.l then l = fmt(st.l) end
  local since = ''
  if st.since then since = fmt(st.since) end
  return st.s .. '|' .. fmt(st.t) .. '|' .. l .. '|' .. since
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
