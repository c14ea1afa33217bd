#!/usr/bin/env bash
# Benchmark: stream GET /vehicles over a registry of N vehicles (default 1,000,000) and record
# the time, the bytes, and the backend's heap while it streams; then the latency of filtered
# pages (GET /vehicles?...&limit=), the Redis bytes per vehicle (MEMORY USAGE of every key of
# the run's prefix) before and after every vehicle pinged once (the simulator, batched), and
# the backend's live heap after a full GC.
#
#   bench/vehicles-stream.sh [vehicles] [max-heap]      (SKIP_BUILD=1: use the built jars)
#
# Needs the local PostgreSQL, Redis and RabbitMQ (the distributed run). Uses its own database
# (vm_bench_stream), Redis key prefix and queue names; leaves nothing behind but its database
# and its (empty) RabbitMQ queues and exchanges vm-bench-stream.*, reused by the next run.
set -euo pipefail
cd "$(dirname "$0")/.."

vehicles=${1:-1000000}
heap=${2:-256m}
db=vm_bench_stream
port=18090
out=target/bench
mkdir -p "$out"

[ -n "${SKIP_BUILD:-}" ] || ./mvnw -q -B -ntp -DskipTests package
# A copy under a name of its own: other work on a shared machine that stops "backend-*.jar"
# processes by name must not stop this one.
cp "$(ls backend/target/backend-*.jar | grep -v original | head -n 1)" "$out/vm-bench-stream-backend.jar"
jar=$out/vm-bench-stream-backend.jar

psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"

prefix="bench-$$"
# The benchmark's own admin (a fresh database each run); only for this local run.
admin_password=$(head -c 18 /dev/urandom | base64)
export MONITOR_ADMIN_PASSWORD=$admin_password
export SIMULATOR_HTTP_USERNAME=admin SIMULATOR_HTTP_PASSWORD=$admin_password # the simulator reads the fleet
# Fixed names: durable queues outlive the run, so a name per run would pile them up.
topology=vm-bench-stream
start_backend() {
  java -Xmx"$heap" -Xlog:gc:file="$out/gc-$1.log" -jar "$jar" \
    --spring.profiles.active=distributed --server.port=$port \
    --spring.r2dbc.url=r2dbc:postgresql://127.0.0.1:5432/$db \
    --spring.flyway.url=jdbc:postgresql://127.0.0.1:5432/$db \
    --monitor.fleet.seed-reference=false \
    --monitor.redis.key-prefix="$prefix" \
    --monitor.rabbitmq.exchange="$topology.pings" --monitor.rabbitmq.queue="$topology.pings" \
    --monitor.rabbitmq.dead-letter-exchange="$topology.dlx" --monitor.rabbitmq.dead-letter-queue="$topology.dead" \
    > "$out/backend-$1.log" 2>&1 &
  pid=$!
  for _ in $(seq 600); do
    curl -fs "localhost:$port/actuator/health/readiness" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "backend did not become ready, see $out/backend-$1.log" >&2; exit 1
}
stop_backend() { kill "$pid"; wait "$pid" 2>/dev/null || true; }
delete_redis_keys() {
  redis-cli -h 127.0.0.1 --scan --pattern "$prefix:*" | xargs -r redis-cli -h 127.0.0.1 del >/dev/null
}
cleanup() {
  kill "${pid:-}" 2>/dev/null || true
  delete_redis_keys
}
trap cleanup EXIT

# 1. Migrate the empty database, 2. fill it, 3. start again so the status engine reads the fleet.
# The migrate run seeded the (empty) fleet and wrote the epoch marker; without deleting it the
# second run would never seed the generated vehicles into Redis.
start_backend migrate; stop_backend; delete_redis_keys
t0=$(date +%s.%N)
psql -q -h 127.0.0.1 -U postgres -d $db -v ON_ERROR_STOP=1 -v vehicles="$vehicles" -v per_customer=1000 \
  -f backend/src/test/resources/fleet/generate-fleet.sql
t1=$(date +%s.%N)
start_backend run
t2=$(date +%s.%N)

# Sample the heap every 200 ms while the stream runs.
( while kill -0 "$pid" 2>/dev/null; do
    jcmd "$pid" GC.heap_info 2>/dev/null | awk '/garbage-first heap/ {for(i=1;i<=NF;i++) if($i=="used") print $(i+1)}'
    sleep 0.2
  done ) > "$out/heap-samples.txt" &
sampler=$!
# A stream that breaks after the 200 header shows up only as a curl error (e.g. 18, partial file).
if ! curl -sS -u "admin:$admin_password" -o /dev/null -w '%{size_download} %{time_total}\n' "localhost:$port/vehicles" > "$out/stream.txt"; then
  echo "GET /vehicles (JSON) broke off, see $out/backend-run.log" >&2; exit 1
fi
read -r bytes seconds < "$out/stream.txt"
kill "$sampler" 2>/dev/null || true
if ! curl -sS -u "admin:$admin_password" -H 'Accept: application/x-ndjson' "localhost:$port/vehicles" > "$out/vehicles.ndjson"; then
  echo "GET /vehicles (NDJSON) broke off after $(wc -l < "$out/vehicles.ndjson") rows, see $out/backend-run.log" >&2; exit 1
fi
count=$(wc -l < "$out/vehicles.ndjson")
rm -f "$out/vehicles.ndjson"

peak=$(sed 's/K$//' "$out/heap-samples.txt" | sort -n | tail -n 1)

# Filtered pages: a random customer's first page, the Connected/Disconnected ones, a search.
customers=$(( (vehicles + 999) / 1000 ))
first_customer=$(psql -qtA -h 127.0.0.1 -U postgres -d $db -c "SELECT min(id) FROM customers")
pages() { # label count url-maker
  : > "$out/pages-$1.txt"
  for i in $(seq "$2"); do
    curl -fsS -u "admin:$admin_password" -o /dev/null -w '%{time_total}\n' "localhost:$port/vehicles?$($3 "$i")" >> "$out/pages-$1.txt"
  done
  python3 -c "
import sys
t = sorted(float(x) * 1000 for x in open('$out/pages-$1.txt'))
rank = lambda q: t[max(0, min(len(t) - 1, -(-int(q * len(t) * 1000) // 1000) - 1))]
print('page_$1_ms p50=%.1f p99=%.1f max=%.1f n=%d' % (rank(0.5), rank(0.99), t[-1], len(t)))"
}
by_customer() { echo "customer=$(( first_customer + (RANDOM * 32768 + RANDOM) % customers ))&limit=100"; }
by_status() { echo "status=DISCONNECTED&limit=100&q=G$(printf '%03d' $(( RANDOM % 1000 )))"; }
by_text() { echo "q=GEN$(printf '%05d' $(( RANDOM % 100000 )))&limit=50"; }
page_lines=$(pages customer 100 by_customer; pages status 100 by_status; pages text 100 by_text)

redis_bytes() {
  redis-cli -h 127.0.0.1 --scan --pattern "$prefix:*" | grep -v ':changes$' \
    | awk '{print "MEMORY USAGE " $0 " SAMPLES 0"}' | redis-cli -h 127.0.0.1 | awk '{s += $1} END {print s}'
}
bytes_seeded=$(redis_bytes)
# Every vehicle pings once (batched, 100 per message): Connected, with a deadline entry.
simulator=$(ls simulator/target/simulator-*.jar | grep -v original | head -n 1)
ping_rate=50000
java -Xmx1g -jar "$simulator" --simulator.mode=load --simulator.load.rate=$ping_rate \
  --simulator.load.duration="$(( vehicles / ping_rate + 2 ))s" --simulator.load.batch-size=100 \
  --simulator.fleet.source=registered --simulator.backend-url="http://localhost:$port" \
  --simulator.rabbitmq.exchange="$topology.pings" --simulator.max-in-flight=256 > "$out/simulator.log" 2>&1
confirmed=$(grep -m1 'Summary:' "$out/simulator.log" | grep -o 'confirmed [0-9]*' | awk '{print $2}')
for _ in $(seq 240); do # until the backend accepted every ping the broker confirmed
  accepted=$(curl -fsS -u "admin:$admin_password" "localhost:$port/actuator/metrics/vm.ingest.pings.accepted" \
    | python3 -c "import json,sys; print(int(json.load(sys.stdin)['measurements'][0]['value']))")
  [ "$accepted" -ge "${confirmed:-0}" ] && break
  sleep 1
done
bytes_connected=$(redis_bytes)
jcmd "$pid" GC.run >/dev/null
live=$(jcmd "$pid" GC.heap_info | awk '/garbage-first heap/ {for(i=1;i<=NF;i++) if($i=="used") print $(i+1)}' | sed 's/K$//')

echo "vehicles=$vehicles heap_max=$heap load_average=\"$(cat /proc/loadavg)\""
echo "generate_seconds=$(echo "$t1 - $t0" | bc)"
echo "backend_start_seconds=$(echo "$t2 - $t1" | bc)"
echo "stream_bytes=$bytes stream_seconds=$seconds streamed_rows_ndjson=$count"
echo "peak_heap_used_mb=$(( ${peak:-0} / 1024 ))"
echo "$page_lines"
echo "redis_bytes_per_vehicle_seeded=$(( bytes_seeded / vehicles )) redis_bytes_per_vehicle_connected=$(( bytes_connected / vehicles )) pings_accepted=$accepted"
echo "live_heap_after_full_gc_mb=$(( ${live:-0} / 1024 ))"
