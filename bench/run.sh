#!/usr/bin/env bash
# Runs the floatwatch benchmarks and prints a report that ends with every ratio on one screen.
# Usage: bench/run.sh [--quick] [--no-build]
#   --quick     the ratios and the EC2 cost only: under 10 minutes on 2 cores (what CI prints after its tests)
#   --no-build  use the jars a previous build left in */target (CI, right after ./mvnw verify)
# Each throughput figure runs its own baseline in the same run and is reported as a ratio to it; absolute figures are
# context only (a shared machine moves them by tens of percent from day to day). Nothing here is asserted.
# Builds with `package` in the reactor and runs from target/: it never installs into ~/.m2. Loopback only: an embedded
# broker and the simulated AWS.
set -euo pipefail
cd "$(dirname "$0")/.."
QUICK=""
BUILD=yes
for arg in "$@"; do
  case "$arg" in
    --quick) QUICK=yes ;;
    --no-build) BUILD="" ;;
    *) echo "usage: bench/run.sh [--quick] [--no-build]" >&2; exit 2 ;;
  esac
done
if [ -n "$BUILD" ] || [ ! -f bench/target/classpath.txt ]; then
  ./mvnw -B -q -pl bench -am package -DskipTests
fi
CP="bench/target/classes:$(cat bench/target/classpath.txt)"
RATIOS=$(mktemp)
trap 'rm -f "$RATIOS"' EXIT
started=$(date +%s)
# Runs one benchmark, prints the lines matching $1 and keeps its ratio lines for the summary; a benchmark that fails
# says so and the others still run.
bench() {
  local pattern=$1; shift
  local out
  out=$(mktemp)
  if ! "$@" >"$out" 2>&1; then
    echo "   (failed: $*; last lines:)"; tail -5 "$out" | sed 's/^/   /'
  fi
  grep -E "$pattern" "$out" || true
  grep -E "RATIO" "$out" >>"$RATIOS" || true
  rm -f "$out"
}

echo "== machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(java -version 2>&1 | head -1); $(date -u +%Y-%m-%d); load $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== analyzer core vs decoding the same records (JMH, one thread each, interleaved)"
if [ -n "$QUICK" ]; then
  bench '^CORE' java -cp "$CP" io.floatwatch.bench.core.CoreVsDecode --quick
else
  bench '^CORE' java -cp "$CP" io.floatwatch.bench.core.CoreVsDecode
  echo "== analyzer core throughput, 0 and 2,000 clients (JMH; score = observations/s/core)"
  bench '^Benchmark|^CoreThroughput' java -cp "$CP" org.openjdk.jmh.Main CoreThroughputBenchmark
  echo "== JSON of one observation: the collector's encode, the analyzer's decode (JMH, one thread)"
  bench '^Benchmark|^CodecBenchmark' java -cp "$CP" org.openjdk.jmh.Main CodecBenchmark
  echo "== memory: the synthetic region in a 1 GiB heap, clients mounting their file system, then every file system"
  bench '^MEMORY' java -Xmx1g -cp "$CP" io.floatwatch.bench.memory.MemoryBench
  bench '^MEMORY plus' java -Xmx1g -cp "$CP" io.floatwatch.bench.memory.MemoryBench --every-file-system
fi

echo "== end to end (collector publish -> broker -> analyzer -> finding consumed, exactly-once) vs plain Kafka on the same broker"
if [ -n "$QUICK" ]; then E2E="--warmup 10 --rounds 10"; else E2E="--warmup 20 --rounds 100"; fi
# shellcheck disable=SC2086
bench '^E2E (RESULT|machine)' java -Xmx3g -cp "$CP" io.floatwatch.bench.e2e.EndToEndBench --clients 2000 $E2E --phases e2e

echo "== EC2 calls by source over the synthetic 50,000-table region (real collector, real SDK), and calls/s at the default intervals"
if [ -n "$QUICK" ]; then
  bench '^COST RATE' java -Xmx2g -cp "$CP" io.floatwatch.bench.cost.CostBench --quick
else
  bench '^COST' java -Xmx2g -cp "$CP" io.floatwatch.bench.cost.CostBench
  echo "== the fast route-table loop while the 50,000-table inventory runs (production settings, 60 flips, about 11 min)"
  bench '^INVENTORY (first|fast|EC2|flip-to)' java -Xmx2g -cp "$CP" io.floatwatch.bench.latency.InventoryLatencyBench -1 --flips 60 --gap 5-10 --complete
fi

echo "== detection latency, route flip -> page at the sink (wall clock, whole pipeline, real broker, default settings)"
if [ -n "$QUICK" ]; then
  bench '^LATENCY poll' java -Xmx1g -cp "$CP" io.floatwatch.bench.latency.LatencyBench steady 6
else
  bench '^LATENCY poll' java -Xmx1g -cp "$CP" io.floatwatch.bench.latency.LatencyBench steady 12
  bench '^LATENCY poll' java -Xmx1g -cp "$CP" io.floatwatch.bench.latency.LatencyBench default 12
  for poll in 1 5 30; do
    samples=10; [ "$poll" = 30 ] && samples=6
    bench '^LATENCY poll' java -Xmx1g -cp "$CP" io.floatwatch.bench.latency.LatencyBench "$poll" "$samples"
  done
fi

echo
echo "== RATIOS (targets in bench/README.md; $(($(date +%s) - started)) s)"
if [ -s "$RATIOS" ]; then sed 's/^/  /' "$RATIOS"; else echo "  (no ratio was measured)"; fi
