-- Forgets vehicles and their live state. ARGV[4..]: vins. Returns {removed}.
local removed = 0
for i = 4, #ARGV do
  local vin = ARGV[i]
  local h = bucket_of(vin)
  removed = removed + redis.call('HDEL', state_key(h), vin)
  clear_deadline(h, vin)
end
return { removed }
