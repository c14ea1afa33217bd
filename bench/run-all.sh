#!/usr/bin/env bash
# The whole benchmark suite in one command (kept out of ./mvnw verify):
#
#   bench/run-all.sh [--quick]
#
#  1. ceilings: RabbitMQ PerfTest and redis-benchmark (bench/ceiling.sh)
#  2. highest sustained ping rate, 1 and 2 replicas, single and batched (bench/ingest-rate.sh)
#  3. ping -> SSE latency at 10 k pings/s, disconnect latency, JMH of the ingest hot path
#     (./mvnw -Pbenchmarks: PingToSseLatencyBenchmark, DisconnectLatencyBenchmark,
#     IngestHotPathBenchmark)
#  4. scale: 1 M vehicles (bench/vehicles-stream.sh) and the dashboard's first paint at
#     100 k vehicles in headless Chromium (DashboardScaleBrowserTests)
#  5. plots into docs/images (bench/plot.py) and a summary in target/bench/summary.md
#
# --quick: shorter steps and runs, 100 k instead of 1 M vehicles (about 18 min instead of
# about 35). Needs the local PostgreSQL, Redis and RabbitMQ, Chromium, python3-matplotlib
# (apt-get install python3-matplotlib). Every figure is written with the load average.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=""; [ "${1:-}" = "--quick" ] && quick="--quick"
out=target/bench
mkdir -p "$out"
summary="$out/summary.md"
log() { echo "$(date -u +%H:%M:%S) [load $(cut -d' ' -f1-3 /proc/loadavg)] $*" | tee -a "$out/run-all.log" >&2; }
: > "$out/run-all.log"

# Everything the later steps need, checked now rather than after half an hour of measuring.
missing=()
for tool in /usr/bin/chromium /usr/bin/chromedriver redis-benchmark redis-cli rabbitmqctl psql; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
/usr/bin/python3 -c 'import matplotlib' 2>/dev/null || missing+=("python3-matplotlib")
if [ ${#missing[@]} -gt 0 ]; then
  log "missing: ${missing[*]} (apt-get install -y chromium chromium-driver python3-matplotlib redis-tools)"
  exit 1
fi

log "building the jars and fetching PerfTest"
./mvnw -q -B -ntp -DskipTests package
./mvnw -q -B -ntp -f bench/perftest/pom.xml dependency:copy-dependencies -DoutputDirectory=target/lib \
  -DincludeScope=runtime

{
  echo "# Benchmark run $(date -u +%Y-%m-%dT%H:%MZ) ${quick}"
  echo
  echo "Machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)),"
  echo "$(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -n 1),"
  echo "Redis $(redis-server --version | grep -o 'v=[0-9.]*'), RabbitMQ $(rabbitmqctl version 2>/dev/null || echo '?'),"
  echo "$(psql -h 127.0.0.1 -U postgres -tAc 'SHOW server_version' | xargs -I{} echo PostgreSQL {})."
  echo
} > "$summary"

log "1. ceilings"
bench/ceiling.sh $quick
{ echo "## Ceilings"; echo; echo '```'; column -t -s $'\t' "$out/ceiling/ceiling.tsv"; echo '```'; echo; } >> "$summary"

log "2. ingest rate, 1 replica"
bench/ingest-rate.sh --replicas 1 $quick --single-start 12000 --batch-start 60000
read -r best_single best_batched < <(sed -E 's/.*best_single=([0-9]+) best_batched=([0-9]+).*/\1 \2/' "$out/ingest-1/summary.txt")
log "2. ingest rate, 2 replicas (starting where 1 replica ended)"
bench/ingest-rate.sh --replicas 2 $quick --steps 3 --single-start "${best_single:-4000}" --batch-start "${best_batched:-50000}"
{
  echo "## Sustained ping rate"; echo
  cat "$out"/ingest-*/summary.txt; echo; echo '```'
  cat "$out/ingest-1/steps.tsv"; tail -n +2 "$out/ingest-2/steps.tsv"; echo '```'; echo
} >> "$summary"

log "3. latency benchmarks and JMH"
rm -rf backend/target/benchmarks
knobs=()
[ -n "$quick" ] && knobs=(-Dbench.seconds=10 -Dbench.vehicles=5000 -Dbench.jmh.quick=true)
./mvnw -B -ntp -pl backend -am verify -Pbenchmarks \
  -Dtest='PingToSseLatencyBenchmark,DisconnectLatencyBenchmark,IngestHotPathBenchmark' \
  -Dsurefire.failIfNoSpecifiedTests=false "${knobs[@]}" > "$out/latency-maven.log" 2>&1 \
  || { log "latency benchmarks failed, see $out/latency-maven.log"; exit 1; }
rm -rf "$out/benchmarks"; cp -r backend/target/benchmarks "$out/benchmarks"
{ echo "## Latency and JMH"; echo; for f in "$out"/benchmarks/*.md; do sed 's/^# /### /' "$f"; echo; done; } >> "$summary"

log "4. scale"
vehicles=1000000; [ -n "$quick" ] && vehicles=100000
SKIP_BUILD=1 bench/vehicles-stream.sh "$vehicles" 512m > "$out/scale.txt"
./mvnw -B -ntp -pl backend -am verify -Dtest=DashboardScaleBrowserTests -Dsurefire.failIfNoSpecifiedTests=false \
  > "$out/dashboard-maven.log" 2>&1 || { log "dashboard test failed, see $out/dashboard-maven.log"; exit 1; }
grep -o 'Dashboard with .*' "$out/dashboard-maven.log" > "$out/dashboard.txt" || true
{
  echo "## Scale"; echo; echo '```'; cat "$out/scale.txt"; echo '```'; echo
  echo "Dashboard (load average $(cut -d' ' -f1-3 /proc/loadavg)):"; echo '```'; cat "$out/dashboard.txt"; echo '```'
} >> "$summary"

log "5. plots"
/usr/bin/python3 bench/plot.py "$out" docs/images
log "done: $summary, docs/images/bench-*.png"
