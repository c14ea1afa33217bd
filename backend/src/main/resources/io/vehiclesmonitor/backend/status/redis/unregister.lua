-- Forgets vehicles and their live state. ARGV[4..]: vins. Returns {removed}.
local removed = 0
for i = 4, #ARGV do
  local vin = ARGV[i]
  removed = removed + redis.call('HDEL', bucket(vin), vin)
  redis.call('ZREM', KEYS[2], vin)
end
return { removed }
