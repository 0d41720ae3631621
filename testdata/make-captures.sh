#!/usr/bin/env bash
# Regenerates pcapkit's own captures in testdata/ (provenance: testdata/README.md).
#   testdata/make-captures.sh            everything (the HTTP capture needs root for tcpdump on lo)
#   testdata/make-captures.sh --no-http  only the deterministic crafted captures and their variants
# Needs /usr/bin/python3 with scapy, editcap and mergecap (Wireshark), tcpdump, curl.
set -euo pipefail
cd "$(dirname "$0")"
PY=/usr/bin/python3

# crafted, deterministic: crafted-mix.pcap (Ethernet), crafted-sll.pcap (Linux cooked)
"$PY" make-crafted.py . 2>/dev/null
# variants: pcapng, nanosecond pcap, and a pcapng with two interfaces of different link types
editcap -F pcapng crafted-mix.pcap crafted-mix.pcapng
editcap -F nsecpcap crafted-mix.pcap crafted-mix-nsec.pcap
mergecap -F pcapng -w mixed-linktypes.pcapng crafted-mix.pcap crafted-sll.pcap

if [ "${1:-}" != "--no-http" ]; then
  # one HTTP/1.0 exchange on loopback: python's http.server serves a 19-byte file to curl
  port=8765
  dir=$(mktemp -d)
  printf 'hello from pcapkit\n' > "$dir/hello.txt"
  (cd "$dir" && exec "$PY" -m http.server --bind 127.0.0.1 "$port") >/dev/null 2>&1 &
  srv=$!
  tcpdump -i lo -U -w http-loopback.pcap "tcp port $port" 2>/dev/null &
  dump=$!
  sleep 2
  curl -s -o /dev/null "http://127.0.0.1:$port/hello.txt"
  sleep 1
  kill -INT "$dump"; wait "$dump" || true
  kill "$srv"; wait "$srv" 2>/dev/null || true
  rm -rf "$dir"
fi
ls -l ./*.pcap ./*.pcapng
