#!/usr/bin/env bash
# Whole-process benchmark: pcapkit against its peers on the same synthetic capture, same run.
#   bench/run.sh [FRAMES]        (default 1,000,000; the capture is generated once into bench/data/)
# Needs tshark and python3-dpkt (Debian packages); missing peers are reported and skipped.
# Prints a markdown table of wall time, frames/s and peak RSS, and the ratios to pcapkit.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
frames="${1:-1000000}"
data="bench/data/synthetic-$frames.pcap"
[ -f bench/target/benchmarks.jar ] && [ -f src/target/pcapkit.jar ] || mvn -B -q -DskipTests -pl bench -am package
[ -f "$data" ] || java -cp bench/target/benchmarks.jar io.pcapkit.bench.SyntheticCapture "$data" "$frames" >&2
size=$(stat -c %s "$data")
cat "$data" > /dev/null   # warm the page cache so every tool starts equal

run() { # name, command...
  local name="$1"; shift
  local t0 t1 rss
  t0=$(date +%s.%N)
  rss=$( { /usr/bin/time -f "%M" "$@" > /dev/null; } 2>&1 | tail -n 1 )
  t1=$(date +%s.%N)
  awk -v n="$name" -v a="$t0" -v b="$t1" -v f="$frames" -v r="$rss" 'BEGIN { s = b - a; printf "%s\t%.2f\t%.0f\t%s\n", n, s, f / s, r }'
}

results=$(mktemp)
jar="java -Xmx256m -jar src/target/pcapkit.jar"
run "pcapkit extract -f ndjson --layer transport" $jar extract "$data" -f ndjson --layer transport --no-progress -o /dev/null >> "$results"
run "pcapkit extract -f json --layer transport" $jar extract "$data" -f json --layer transport --no-progress -o /dev/null >> "$results"
run "pcapkit extract -f pcap (copy)" $jar extract "$data" -f pcap --no-progress -o /dev/null >> "$results"
if command -v tshark >/dev/null; then
  run "tshark -T fields -e frame.number" tshark -r "$data" -T fields -e frame.number >> "$results"
else
  echo "tshark not found: skipped" >&2
fi
if /usr/bin/python3 -c "import dpkt" 2>/dev/null; then
  run "dpkt (L2-L4 fields)" /usr/bin/python3 bench/dpkt_fields.py "$data" >> "$results"
else
  echo "python3-dpkt not found: skipped" >&2
fi

echo "capture: $data ($frames frames, $size bytes); $(nproc) cores; $(java -version 2>&1 | head -1)"
echo
echo "| tool | wall s | frames/s | peak RSS KiB | time vs pcapkit ndjson |"
echo "|---|---|---|---|---|"
base=$(head -n 1 "$results" | cut -f2)
while IFS=$'\t' read -r name secs rate rss; do
  awk -v n="$name" -v s="$secs" -v r="$rate" -v m="$rss" -v b="$base" 'BEGIN { printf "| %s | %s | %d | %s | %.1fx |\n", n, s, r, m, s / b }'
done < "$results"
rm -f "$results"
