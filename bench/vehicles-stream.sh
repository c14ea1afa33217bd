#!/usr/bin/env bash
# Benchmark: stream GET /vehicles over a registry of N vehicles (default 1,000,000) and record
# the time, the bytes, and the backend's heap while it streams.
#
#   bench/vehicles-stream.sh [vehicles] [max-heap]
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

./mvnw -q -B -ntp -DskipTests package
jar=$(ls backend/target/backend-*.jar | grep -v original | head -n 1)

psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"

prefix="bench-$$"
# The benchmark's own admin (a fresh database each run); only for this local run.
admin_password=$(head -c 18 /dev/urandom | base64)
export MONITOR_ADMIN_PASSWORD=$admin_password
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
echo "vehicles=$vehicles heap_max=$heap"
echo "generate_seconds=$(echo "$t1 - $t0" | bc)"
echo "backend_start_seconds=$(echo "$t2 - $t1" | bc)"
echo "stream_bytes=$bytes stream_seconds=$seconds streamed_rows_ndjson=$count"
echo "peak_heap_used_mb=$(( ${peak:-0} / 1024 ))"
