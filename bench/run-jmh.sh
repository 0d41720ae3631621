#!/usr/bin/env bash
# Steady-state benchmarks (JMH) with allocation per frame:
#   bench/run-jmh.sh [JMH options]       e.g. bench/run-jmh.sh 'ExtractBench.visitor' -f 2
# Results are per frame (one operation = one frame of the 1 M-frame synthetic capture).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
[ -f bench/target/benchmarks.jar ] || mvn -B -q -DskipTests -pl bench -am package
file="${PCAPKIT_BENCH_FILE:-$root/bench/data/synthetic-1000000.pcap}"
[ -f "$file" ] || java -cp bench/target/benchmarks.jar io.pcapkit.bench.SyntheticCapture "$file" 1000000
exec java -jar bench/target/benchmarks.jar -prof gc -jvmArgsAppend "-Dpcapkit.bench.file=$file" "${@:-ExtractBench}"
