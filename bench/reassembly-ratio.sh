#!/usr/bin/env bash
# The reassembly budget (issue 4): NDJSON extraction with IP and TCP reassembly and flow tracing
# against plain NDJSON extraction of the same capture, whole process, runs interleaved so that a
# busy machine slows both alike; prints each run and the medians.
#   bench/reassembly-ratio.sh CAPTURE [RUNS] [-- extract options, e.g. --layer transport]
# The JVM options come from PCAPKIT_JAVA_OPTS (empty: the JVM's defaults, as `java -jar`).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
capture="$1"; shift
runs=3
if [ $# -gt 0 ] && [ "$1" != "--" ]; then runs="$1"; shift; fi
[ "${1:-}" = "--" ] && shift
jar="$root/src/target/pcapkit.jar"
[ -f "$jar" ] || (cd "$root" && mvn -B -q -DskipTests -pl src -am package)
trace="$(mktemp -d)"
trap 'rm -rf "$trace"' EXIT
cat "$capture" > /dev/null # page cache warm for both
seconds() { # command...: wall seconds
  local t0 t1
  t0=$(date +%s.%N)
  "$@" > /dev/null
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc
}
plain=(); reasm=()
for ((i = 0; i < runs; i++)); do
  plain+=("$(seconds java ${PCAPKIT_JAVA_OPTS:-} -jar "$jar" extract "$capture" -f ndjson --no-progress --reassemble none "$@" -o /dev/null)")
  rm -rf "$trace"/*
  reasm+=("$(seconds java ${PCAPKIT_JAVA_OPTS:-} -jar "$jar" extract "$capture" -f ndjson --no-progress --reassemble ip,tcp --trace "$trace" "$@" -o /dev/null)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
p=$(median "${plain[@]}"); r=$(median "${reasm[@]}")
echo "capture: $capture ${*:-} ($runs runs each)"
echo "plain NDJSON (--reassemble none):        ${plain[*]} s"
echo "--reassemble ip,tcp --trace DIR:          ${reasm[*]} s"
awk -v p="$p" -v r="$r" 'BEGIN { printf "medians %.2f s and %.2f s: ratio %.2fx (budget 1.50x)\n", p, r, r / p }'
