#!/usr/bin/env bash
# The reassembly budget (issue 4): NDJSON extraction with IP and TCP reassembly and flow tracing
# against plain NDJSON extraction of the same capture, whole process, runs interleaved so that a
# busy machine slows both alike; prints each run, the medians of wall time and of CPU time
# (user + system, every thread: the JIT compiler and the trace's index thread share the cores),
# and the median of the run-by-run wall ratios.
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
seconds() { # command...: "wall cpu" seconds (bash's own timing of the child: no extra tool)
  local TIMEFORMAT='%R %U %S' t
  t=$( { time "$@" > /dev/null 2>&1; } 2>&1 )
  echo "$t" | awk '{ printf "%s %.2f\n", $1, $2 + $3 }'
}
plain=(); reasm=(); plainCpu=(); reasmCpu=()
for ((i = 0; i < runs; i++)); do
  read -r w c < <(seconds java ${PCAPKIT_JAVA_OPTS:-} -jar "$jar" extract "$capture" -f ndjson --no-progress --reassemble none "$@" -o /dev/null)
  plain+=("$w"); plainCpu+=("$c")
  rm -rf "$trace"/*
  read -r w c < <(seconds java ${PCAPKIT_JAVA_OPTS:-} -jar "$jar" extract "$capture" -f ndjson --no-progress --reassemble ip,tcp --trace "$trace" "$@" -o /dev/null)
  reasm+=("$w"); reasmCpu+=("$c")
done
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
p=$(median "${plain[@]}"); r=$(median "${reasm[@]}")
pc=$(median "${plainCpu[@]}"); rc=$(median "${reasmCpu[@]}")
echo "capture: $capture ${*:-} ($runs runs each)"
echo "plain NDJSON (--reassemble none):        ${plain[*]} s wall; ${plainCpu[*]} s CPU"
echo "--reassemble ip,tcp --trace DIR:          ${reasm[*]} s wall; ${reasmCpu[*]} s CPU"
awk -v p="$p" -v r="$r" 'BEGIN { printf "wall: medians %.2f s and %.2f s, ratio %.2fx (budget 1.50x)\n", p, r, r / p }'
awk -v p="$pc" -v r="$rc" 'BEGIN { printf "CPU:  medians %.2f s and %.2f s, ratio %.2fx\n", p, r, r / p }'
# each run against the plain run just before it: the pair shares the VM's phase, so the median of
# these ratios moves less with the phases than the ratio of the medians does
pairs=(); for ((i = 0; i < runs; i++)); do pairs+=("$(awk -v p="${plain[$i]}" -v r="${reasm[$i]}" 'BEGIN { printf "%.2f", r / p }')"); done
echo "wall, run by run: ${pairs[*]}; median $(median "${pairs[@]}")x"

