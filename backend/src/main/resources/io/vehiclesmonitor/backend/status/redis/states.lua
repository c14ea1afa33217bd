-- Reads raw states of the given vins (ARGV[4..]) in one round trip: '' for an unknown vin,
-- or {-1} when the epoch marker is missing.
if not has_epoch() then return { -1 } end
local out = {}
for i = 4, #ARGV do
  out[#out + 1] = redis.call('HGET', state_key(bucket_of(ARGV[i])), ARGV[i]) or ''
end
return out
