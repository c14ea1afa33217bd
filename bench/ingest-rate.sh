#!/usr/bin/env bash
# Benchmark: the highest ping rate N backend replicas sustain with no backlog growth, for
# single-ping and batched AMQP messages, driven by the simulator's load mode.
#
#   bench/ingest-rate.sh [--replicas N] [--quick] [--seconds S] [--steps K]
#                        [--fleet F] [--single-start R] [--batch-start R] [--batch-size B] [--jfr]
#                        [--sim-arg --simulator.x=y]... [--only single|batched]
#
# Starts N replicas (distributed: local PostgreSQL, Redis, RabbitMQ; own database
# vm_bench_ingest, Redis prefix and queue vm-bench-ingest.pings) over a generated fleet of
# F vehicles, then for each kind of message runs load steps of S seconds: the rate doubles
# while a step is sustained, then bisects between the last sustained and the first failed
# rate, K steps in all. A step is sustained when the simulator sent the whole rate and the
# queue's ready count did not grow (bench/step_verdict.py). The queue is sampled every
# second over AMQP (bench/QueueDepth.java). Needs the jars (mvnw package) and PerfTest's
# libraries (bench/run-all.sh fetches them). Results: target/bench/ingest-<N>/ (--jfr: a
# JFR profile of each replica there too).
set -euo pipefail
cd "$(dirname "$0")/.."

jfr=(); sim_args=(); only=""; replicas=1; seconds=60; steps=4; fleet=50000; single_start=6000; batch_start=30000; batch_size=100
while [ $# -gt 0 ]; do
  case "$1" in
    --replicas) replicas=$2; shift 2 ;;
    --quick) seconds=20; steps=3; shift ;;
    --seconds) seconds=$2; shift 2 ;;
    --steps) steps=$2; shift 2 ;;
    --fleet) fleet=$2; shift 2 ;;
    --single-start) single_start=$2; shift 2 ;;
    --batch-start) batch_start=$2; shift 2 ;;
    --batch-size) batch_size=$2; shift 2 ;;
    --sim-arg) sim_args+=("$2"); shift 2 ;;
    --only) only=$2; shift 2 ;;
    --jfr) jfr=(-XX:StartFlightRecording=filename=JFR_FILE,settings=profile); shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

db=vm_bench_ingest
topology=vm-bench-ingest
queue=$topology.pings
prefix="bench-ingest-$$"
out=target/bench/ingest-$replicas
rm -rf "$out"; mkdir -p "$out"
# Copies under names of their own: other work on a shared machine that stops "backend-*.jar"
# processes by name must not stop ours in the middle of a step.
cp "$(ls backend/target/backend-*.jar | grep -v original | head -n 1)" "$out/vm-bench-ingest-backend.jar"
cp "$(ls simulator/target/simulator-*.jar | grep -v original | head -n 1)" "$out/vm-bench-ingest-simulator.jar"
jar=$out/vm-bench-ingest-backend.jar
simulator=$out/vm-bench-ingest-simulator.jar
amqp_cp='bench/perftest/target/lib/*'
pids=()
# The replicas' first admin (a fresh database); the simulator reads the fleet with it.
admin_password=$(head -c 18 /dev/urandom | base64)
export MONITOR_ADMIN_PASSWORD=$admin_password
export SIMULATOR_HTTP_USERNAME=admin SIMULATOR_HTTP_PASSWORD=$admin_password # the simulator reads the fleet

start_replica() { # index
  local port=$((18091 + $1))
  java -Xmx512m -XX:+UseG1GC "${jfr[@]/JFR_FILE/$out/replica-$1.jfr}" -jar "$jar" \
    --spring.profiles.active=distributed --server.port=$port \
    --spring.r2dbc.url=r2dbc:postgresql://127.0.0.1:5432/$db \
    --spring.flyway.url=jdbc:postgresql://127.0.0.1:5432/$db \
    --monitor.fleet.seed-reference=false \
    --monitor.redis.key-prefix="$prefix" \
    --monitor.rabbitmq.connection-name="vm-bench-ingest-$1" \
    --monitor.rabbitmq.exchange="$topology.pings" --monitor.rabbitmq.queue="$queue" \
    --monitor.rabbitmq.dead-letter-exchange="$topology.dlx" --monitor.rabbitmq.dead-letter-queue="$topology.dead" \
    --logging.level.root=WARN \
    > "$out/backend-$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 600); do
    curl -fs "localhost:$port/actuator/health/readiness" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "replica $1 did not become ready, see $out/backend-$1.log" >&2; exit 1
}
stop_replicas() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}
delete_redis_keys() {
  redis-cli -h 127.0.0.1 --scan --pattern "$prefix:*" | xargs -r -n 1000 redis-cli -h 127.0.0.1 del >/dev/null
}
cleanup() {
  [ -n "${sampler:-}" ] && kill "$sampler" 2>/dev/null || true
  stop_replicas
  delete_redis_keys
}
trap cleanup EXIT

psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
# Migrate (one start), fill the registry, drop the state seeded while it was empty, start again.
start_replica 0; stop_replicas; delete_redis_keys
psql -q -h 127.0.0.1 -U postgres -d $db -v ON_ERROR_STOP=1 -v vehicles="$fleet" -v per_customer=1000 \
  -f backend/src/test/resources/fleet/generate-fleet.sql
# Messages left in the queue by an interrupted run would be taken for a backlog.
rabbitmqctl -q purge_queue "$queue" >/dev/null 2>&1 || true
for i in $(seq 0 $((replicas - 1))); do start_replica "$i"; done
java -cp "$amqp_cp" bench/QueueDepth.java "$queue" 1000 "$out/depth.txt" > "$out/sampler.log" 2>&1 &
sampler=$!

wait_drained() { # waits up to 60 s for an empty queue; prints the seconds it took
  local t0; t0=$(date +%s)
  for _ in $(seq 120); do
    local last; last=$(tail -n 1 "$out/depth.txt" 2>/dev/null | awk '{print $2}')
    [ "${last:-1}" = "0" ] && break
    sleep 0.5
  done
  echo $(( $(date +%s) - t0 ))
}

# CPU ticks (1/100 s) used so far by the replicas, redis-server and RabbitMQ: "b r q".
cpu_ticks() {
  local b=0 pid
  for pid in "${pids[@]}"; do b=$((b + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0))); done
  local r; r=$(awk '{print $14 + $15}' "/proc/$(pgrep -o redis-server)/stat" 2>/dev/null || echo 0)
  local q; q=$(awk '{print $14 + $15}' "/proc/$(pgrep -o beam.smp)/stat" 2>/dev/null || echo 0)
  echo "$b $r $q"
}
cpu_used() { # before after seconds -> cores used by each, tab-separated
  python3 -c "
b = '$1'.split(); a = '$2'.split(); s = float('${3:-0}' or 0) or 1
print('\t'.join('%.2f' % ((int(y) - int(x)) / 100 / s) for x, y in zip(b, a)))"
}

# A replica that died (or was killed from outside) would make every later step fail.
require_replicas() {
  local pid
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "replica $pid is gone, see $out/backend-*.log" >&2; exit 1; }
  done
}

# One load step: prints the verdict row (see step_verdict.py) and appends it to steps.tsv.
run_step() { # kind batch rate [seconds]
  local kind=$1 batch=$2 rate=$3 log="$out/sim-$1-$3.log" seconds=${4:-$seconds}
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  local cpu0; cpu0=$(cpu_ticks)
  # shellcheck disable=SC2086 # SIM_JAVA_OPTS: extra JVM options of the simulator, e.g. a JFR recording
  java -Xmx512m ${SIM_JAVA_OPTS:-} -jar "$simulator" --simulator.mode=load --simulator.load.rate="$rate" \
    --simulator.load.duration="${seconds}s" --simulator.load.batch-size="$batch" \
    --simulator.fleet.source=registered --simulator.backend-url=http://localhost:18091 \
    --simulator.rabbitmq.exchange="$topology.pings" --simulator.rabbitmq.connection-name=vm-bench-ingest-sim \
    --simulator.max-in-flight=256 --simulator.progress-interval=5s --simulator.seed=1 "${sim_args[@]}" > "$log" 2>&1 || true
  local end; end=$(date +%s%3N)
  require_replicas
  local cpu; cpu=$(cpu_used "$cpu0" "$(cpu_ticks)" "$(grep -o -m1 'Summary: [0-9.]*' "$log" | awk '{print $2}')")
  local summary; summary=$(grep -m1 'Summary:' "$log" || echo none)
  local row; row=$(bench/step_verdict.py "$out/depth.txt" "$end" "$seconds" "$rate" "$batch" "$summary")
  local drain; drain=$(wait_drained)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$replicas" "$kind" "$batch" "$rate" "$row" "$drain" "$load" "$cpu" "$end" \
    | tee -a "$out/steps.tsv" >&2
  echo "$row" | awk -F'\t' '{print $9}'
}

# Doubles while sustained, then bisects; prints the best sustained rate (0 if none).
search() { # kind batch start
  local kind=$1 batch=$2 rate=$3 best=0 failed=0
  for _ in $(seq "$steps"); do
    verdict=$(run_step "$kind" "$batch" "$rate")
    if [ "$verdict" = "sustained" ]; then best=$rate; else failed=$rate; fi
    if [ "$failed" = 0 ]; then rate=$((rate * 2)); else rate=$(( (best + failed) / 2 )); fi
    if [ "$best" = 0 ] && [ "$failed" != 0 ]; then rate=$((failed / 2)); fi
    rate=$(( (rate + 50) / 100 * 100 ))
  done
  echo "$best"
}

printf 'replicas\tkind\tbatch\ttarget\tsent_rate\tdropped\tfailed\tconfirm_tail_s\tdepth_start\tdepth_end\tdepth_max\tslope_per_s\tverdict\tdrain_s\tload1\tbackend_cores\tredis_cores\trabbit_cores\tend_ms\n' > "$out/steps.tsv"
# Warm-up: JIT, connections, and the fleet's first pings (every vehicle connects once).
run_step warmup 1 2000 "$(( seconds < 20 ? seconds : 20 ))" >/dev/null
best_single=0; best_batched=0
[ "$only" = batched ] || best_single=$(search single 1 "$single_start")
[ "$only" = single ] || best_batched=$(search batched "$batch_size" "$batch_start")
echo "replicas=$replicas fleet=$fleet step_seconds=$seconds best_single=$best_single best_batched=$best_batched" \
  | tee "$out/summary.txt"
