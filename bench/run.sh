#!/usr/bin/env bash
# Runs every floatwatch benchmark and prints a report. Usage: bench/run.sh [--quick]
# Needs the other modules installed (./mvnw -B install -DskipTests once). Takes about 25 minutes
# (--quick: about 5, without the route-table inventory run). Loopback only: an embedded broker and
# the simulated AWS.
set -euo pipefail
cd "$(dirname "$0")/.."
QUICK=${1:-}
./mvnw -q -B install -pl bench
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(java -version 2>&1 | head -1)"

echo "== analyzer core throughput (JMH, one thread; score = observations/s/core)"
if [ "$QUICK" = "--quick" ]; then JMH_ARGS="-wi 1 -w 3 -i 2 -r 3 -f 1"; else JMH_ARGS=""; fi
# shellcheck disable=SC2086
java -cp "$CP" org.openjdk.jmh.Main CoreThroughputBenchmark $JMH_ARGS 2>&1 | grep -E "^Benchmark|^CoreThroughput|failure" || true

echo "== JSON of one observation: the collector's encode, the analyzer's decode (JMH, one thread)"
# shellcheck disable=SC2086
java -cp "$CP" org.openjdk.jmh.Main CodecBenchmark $JMH_ARGS 2>&1 | grep -E "^Benchmark|^CodecBenchmark|failure" || true

echo "== memory: the synthetic region in a 1 GiB heap, clients mounting their file system, then every file system"
java -Xmx1g -cp "$CP" io.floatwatch.bench.memory.MemoryBench 2>&1 | grep -E "^MEMORY|OutOfMemory" || true
java -Xmx1g -cp "$CP" io.floatwatch.bench.memory.MemoryBench --every-file-system 2>&1 | grep -E "^MEMORY plus|OutOfMemory" || true

echo "== end to end: collector publish -> broker -> analyzer -> finding consumed (exactly-once)"
if [ "$QUICK" = "--quick" ]; then E2E_ROUNDS=20; else E2E_ROUNDS=100; fi
java -Xmx3g -cp "$CP" io.floatwatch.bench.e2e.EndToEndBench --clients 2000 --warmup 20 --rounds "$E2E_ROUNDS" --phases e2e 2>/dev/null | grep -E '^E2E (RESULT|machine)' || true

echo "== AWS calls of one poll of every source over the synthetic region (real collector, real SDK)"
java -Xmx2g -cp "$CP" io.floatwatch.bench.cost.CostBench 2>/dev/null | grep '^COST'

if [ "$QUICK" != "--quick" ]; then
  echo "== the fast route-table loop while the 50,000-table inventory runs (production settings, about 9 min)"
  java -Xmx2g -cp "$CP" io.floatwatch.bench.latency.InventoryLatencyBench 3 2>/dev/null | grep -E '^INVENTORY (first|fast|EC2|flip-to)'
fi

echo "== detection latency (wall clock, whole pipeline, real broker)"
for poll in 1 5 30; do
  samples=10; [ "$poll" = 30 ] && samples=6; [ "$QUICK" = "--quick" ] && samples=4
  java -Xmx1g -cp "$CP" io.floatwatch.bench.latency.LatencyBench "$poll" "$samples" 2>/dev/null | grep '^LATENCY poll'
done
