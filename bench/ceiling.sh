#!/usr/bin/env bash
# The ceilings our ingest is measured against, on this machine, now:
#  - RabbitMQ PerfTest, 1 producer / 1 consumer, persistent messages on a durable queue,
#    publisher confirms, prefetch 500 (as our consumer) and multi-ack every 100, at the size
#    of a single-ping message and of a 100-ping batch; and single-ping messages acked one
#    by one, as our consumer acks them;
#  - redis-benchmark on the real ping script (EVALSHA of common.lua + ping.lua, 1 and 100
#    pings per call, over 100 000 registered vehicles) and on plain HSET, ZADD and XADD.
#
#   bench/ceiling.sh [--quick] [--redis-only]
#
# Needs PerfTest's libraries in bench/perftest/target/lib (bench/run-all.sh copies them).
# Results: target/bench/ceiling/ (ceiling.tsv, the raw outputs).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=30; requests=200000; rounds=4; redis_only=""
for arg in "$@"; do
  case "$arg" in
    --quick) seconds=10; requests=50000; rounds=2 ;;
    --redis-only) redis_only=1 ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done
out=target/bench/ceiling
rm -rf "$out"; mkdir -p "$out"
tsv="$out/ceiling.tsv"
printf 'what\tunit\trate\tload1\n' > "$tsv"
load() { cut -d' ' -f1 /proc/loadavg; }

# --- RabbitMQ PerfTest -----------------------------------------------------------------
single_size=$(printf '{"vin":"GEN00000000000001"}' | wc -c)
batch_size=$(python3 -c 'print(len("{\"pings\":[" + ",".join(["{\"vin\":\"GEN00000000000001\"}"] * 100) + "]}"))')
perftest() { # label size multi-ack-every (0: one ack per message, as our consumer does)
  local l; l=$(load)
  java -cp 'bench/perftest/target/lib/*' com.rabbitmq.perf.PerfTest -x 1 -y 1 -s "$2" -f persistent \
    -c 1000 -q 500 -A "$3" -z "$seconds" -i 5 -u "vm-bench-perftest-$$" --id "$1" > "$out/perftest-$1.txt" 2>&1
  local rate; rate=$(awk '/receiving rate avg/ {print $(NF-1)}' "$out/perftest-$1.txt")
  printf 'PerfTest %s (%s bytes, multi-ack every %s)\tmsg/s\t%s\t%s\n' "$1" "$2" "$3" "$rate" "$l" | tee -a "$tsv"
}
if [ -z "$redis_only" ]; then
  perftest single "$single_size" 100
  perftest batch100 "$batch_size" 100
  perftest single-ack-each "$single_size" 0
fi

# --- redis-benchmark on the real ping script ---------------------------------------------
scripts=backend/src/main/resources/io/vehiclesmonitor/backend/status/redis
prefix="bench-ceiling-$$:{0}:"
keys=("${prefix}epoch" "${prefix}deadlines" "${prefix}changes")
common=("$prefix" 16384 100000)
cleanup() { redis-cli --scan --pattern "bench-ceiling-$$:*" | xargs -r -n 1000 redis-cli del >/dev/null; }
trap cleanup EXIT
# RedisScripts runs common.lua + "\n" + the script's file.
ping_sha=$(redis-cli -x SCRIPT LOAD < <(cat "$scripts/common.lua"; echo; cat "$scripts/ping.lua") | tail -n 1)
register_sha=$(redis-cli -x SCRIPT LOAD < <(cat "$scripts/common.lua"; echo; cat "$scripts/register.lua") | tail -n 1)
redis-cli set "${prefix}epoch" 1 >/dev/null
# 100 000 vehicles BENCH000000000000.. (the form __rand_int__ takes), timeout so long that
# every ping below connects or keeps them connected (deadline after "now").
python3 - "$register_sha" "${keys[@]}" "${common[@]}" <<'PY' | redis-cli > /dev/null
import sys
sha, k1, k2, k3, prefix, buckets, maxlen = sys.argv[1:8]
for chunk in range(100):
    pairs = " ".join(f"BENCH{n:012d} 8000000000000" for n in range(chunk * 1000, chunk * 1000 + 1000))
    print(f"EVALSHA {sha} 3 {k1} {k2} {k3} {prefix} {buckets} {maxlen} {pairs}")
PY
# Ping times: round r sends r*10^12 + random, one ping per vehicle on average (100 000), so
# about 80 % of the pings are newer than the vehicle's last one (applied, as in steady state)
# and 20 % stale (a vehicle's second ping in the round with an older time).
evalsha_rate() { # label pings-per-call calls-per-round
  local l total=0; l=$(load)
  for r in $(seq 2 $((rounds + 1))); do
    local args=()
    for _ in $(seq "$2"); do args+=("BENCH__rand_int__" "${r}__rand_int__"); done
    local rate
    rate=$(redis-benchmark -c 8 -r 100000 -n "$3" --csv EVALSHA "$ping_sha" 3 "${keys[@]}" "${common[@]}" 9000000000000 "${args[@]}" \
      | awk -F'","' 'NR==2 {print $2}')
    echo "EVALSHA ping.lua x$2 round $r: $rate calls/s" >> "$out/redis-benchmark.txt"
    total=$(python3 -c "print($total + $rate)")
  done
  local calls; calls=$(python3 -c "print(round($total / $rounds))")
  printf 'redis EVALSHA ping.lua, %s ping(s) per call\tcalls/s\t%s\t%s\n' "$2" "$calls" "$l" | tee -a "$tsv"
  printf 'redis EVALSHA ping.lua, %s ping(s) per call\tpings/s\t%s\t%s\n' "$2" "$((calls * $2))" "$l" | tee -a "$tsv"
}
evalsha_rate single 1 100000
evalsha_rate batch 100 1000
# The commands the scripts are made of, one by one, on keys of our own prefix.
plain() { # label command...
  local l rate; l=$(load)
  rate=$(redis-benchmark -c 8 -r 100000 -n "$requests" --csv "${@:2}" | awk -F'","' 'NR==2 {print $2}')
  printf 'redis %s (plain)\tcalls/s\t%s\t%s\n' "$1" "$rate" "$l" | tee -a "$tsv"
}
plain HGET HGET "${prefix}v:1" "BENCH__rand_int__"
plain HSET HSET "${prefix}h" "BENCH__rand_int__" "C|1e|lmn0x3k|lmn0x3k"
plain ZADD ZADD "${prefix}z" "__rand_int__" "BENCH__rand_int__"
plain XADD XADD "${prefix}x" MAXLEN '~' 100000 '*' v "BENCH__rand_int__" s C a "__rand_int__" l "__rand_int__"
