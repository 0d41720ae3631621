#!/usr/bin/python3
"""Writes pcapkit's crafted test captures (deterministic: fixed addresses and timestamps).

    /usr/bin/python3 testdata/make-crafted.py OUT_DIR

crafted-mix.pcap: Ethernet (linktype 1), one frame per case below, classic pcap (LE, usec).
crafted-sll.pcap: two Linux cooked (SLL, linktype 113) frames, for multi-link-type pcapng.

Frames are built with scapy; the pcap records are written here with struct so that captured and
original lengths can differ (the snaplen case) and timestamps are exact.
"""
import struct
import sys
from pathlib import Path

from scapy.all import (ARP, Dot1AD, Dot1Q, Dot3, Ether, ICMP, IP, IPOption_EOL, IPOption_NOP,
                       IPOption_RR, IPv6, IPv6ExtHdrDestOpt, IPv6ExtHdrFragment,
                       IPv6ExtHdrHopByHop, IPv6ExtHdrRouting, LLC, SNAP, TCP, UDP, CookedLinux,
                       Raw, fragment, raw)

MAC_A = "02:00:00:00:00:0a"
MAC_B = "02:00:00:00:00:0b"
BASE_SEC = 1700000000  # 2023-11-14T22:13:20Z
SNAPLEN = 65535


def frames():
    """(description, bytes, original length or None)."""
    out = []
    e = Ether(src=MAC_A, dst=MAC_B)
    out.append(("TCP SYN: MSS, NOP, WS, SACK-permitted, timestamps",
                e / IP(src="192.0.2.1", dst="198.51.100.2", id=0x1001, flags="DF", ttl=64)
                / TCP(sport=49152, dport=80, seq=1000, flags="S", window=64240,
                      options=[("MSS", 1460), ("NOP", None), ("WScale", 7), ("SAckOK", b""),
                               ("Timestamp", (123456, 0))]), None))
    out.append(("TCP ACK with SACK blocks and timestamps, 10 bytes of payload",
                e / IP(src="192.0.2.1", dst="198.51.100.2", id=0x1002, flags="DF")
                / TCP(sport=49152, dport=80, seq=1001, ack=5001, flags="PA", window=502,
                      options=[("NOP", None), ("NOP", None), ("SAck", (5001, 5101, 6001, 6201)),
                               ("Timestamp", (123457, 654321))])
                / Raw(b"GET / HTTP"), None))
    out.append(("802.1Q VLAN 100 / IPv4 / UDP DNS-sized payload",
                e / Dot1Q(vlan=100, prio=5) / IP(src="10.1.0.1", dst="10.1.0.2", id=7)
                / UDP(sport=5353, dport=53) / Raw(b"\x12\x34" + bytes(10)), None))
    out.append(("QinQ: 802.1ad (0x88a8) outer tag 200, 802.1Q inner tag 300 / IPv4 / UDP",
                e / Dot1AD(vlan=200) / Dot1Q(vlan=300) / IP(src="10.2.0.1", dst="10.2.0.2", id=8)
                / UDP(sport=1234, dport=5678) / Raw(b"qinq"), None))
    out.append(("ARP request",
                Ether(src=MAC_A, dst="ff:ff:ff:ff:ff:ff")
                / ARP(op=1, hwsrc=MAC_A, psrc="192.0.2.1", hwdst="00:00:00:00:00:00", pdst="192.0.2.254"), None))
    out.append(("RARP reply (ethertype 0x8035)",
                Ether(src=MAC_B, dst=MAC_A, type=0x8035)
                / ARP(op=4, hwsrc=MAC_B, psrc="192.0.2.254", hwdst=MAC_A, pdst="192.0.2.1"), None))
    out.append(("IPv4 options: record route, NOP, EOL / ICMP echo",
                e / IP(src="192.0.2.1", dst="198.51.100.2", id=0x2001,
                       options=[IPOption_RR(routers=["192.0.2.10", "0.0.0.0"]), IPOption_NOP(), IPOption_EOL()])
                / ICMP(id=1, seq=1) / Raw(b"ping"), None))
    out.append(("IPv6 Hop-by-Hop, Routing (type 0), Fragment (atomic), Destination Options / UDP",
                e / IPv6(src="2001:db8::1", dst="2001:db8:0:1::2", hlim=63)
                / IPv6ExtHdrHopByHop() / IPv6ExtHdrRouting(addresses=["2001:db8::99"])
                / IPv6ExtHdrFragment(id=0xabcd, m=0, offset=0) / IPv6ExtHdrDestOpt()
                / UDP(sport=4000, dport=4001) / Raw(b"v6"), None))
    out.append(("IPv6 / TCP SYN with MSS and window scale",
                e / IPv6(src="fe80::1", dst="ff02::1:ff00:2")
                / TCP(sport=40000, dport=443, seq=77, flags="S", options=[("MSS", 1440), ("WScale", 8)]), None))
    out.append(("IEEE 802.3 frame with LLC (STP SAPs 0x42)",
                Dot3(src=MAC_A, dst="01:80:c2:00:00:00") / LLC(dsap=0x42, ssap=0x42, ctrl=3) / Raw(bytes(35)), None))
    out.append(("IEEE 802.3 frame with LLC/SNAP (OUI 0, PID 0x0800) / IPv4 / UDP",
                Dot3(src=MAC_A, dst=MAC_B) / LLC(dsap=0xaa, ssap=0xaa, ctrl=3) / SNAP(OUI=0, code=0x0800)
                / IP(src="10.3.0.1", dst="10.3.0.2", id=9) / UDP(sport=7, dport=7) / Raw(b"snap"), None))
    datagram = IP(src="192.0.2.1", dst="198.51.100.2", id=0x3003) / UDP(sport=9000, dport=9001) / Raw(bytes(range(256)) * 5)
    for i, f in enumerate(fragment(datagram, fragsize=800)):
        out.append((f"IPv4 fragment {i + 1} of 2 (UDP datagram of 1288 bytes)", e / f, None))
    cut = e / IP(src="192.0.2.1", dst="198.51.100.2", id=0x4004) / TCP(sport=49153, dport=80, seq=9, flags="PA") / Raw(bytes(900))
    out.append(("TCP segment cut by a 96-byte snap length", raw(cut)[:96], len(raw(cut))))
    bad = bytearray(raw(e / IP(src="192.0.2.1", dst="198.51.100.2", id=0x5005) / UDP(sport=1, dport=2) / Raw(b"x" * 8)))
    bad[14] = 0x43  # version 4, ihl 3: shorter than the 20-byte minimum
    out.append(("malformed IPv4: ihl = 3", bytes(bad), None))
    out.append(("unknown EtherType 0x88b5 (local experimental): payload stays Raw",
                Ether(src=MAC_A, dst=MAC_B, type=0x88b5) / Raw(b"experimental payload"), None))
    return out


def sll_frames():
    return [("SLL / IPv4 / UDP", CookedLinux(pkttype=0, lladdrtype=1, lladdrlen=6, src=bytes.fromhex("02000000000a") + b"\0\0", proto=0x0800)
             / IP(src="10.9.0.1", dst="10.9.0.2", id=1) / UDP(sport=53, dport=53) / Raw(b"sll1"), None),
            ("SLL / IPv6 / UDP", CookedLinux(pkttype=4, lladdrtype=1, lladdrlen=6, src=bytes.fromhex("02000000000b") + b"\0\0", proto=0x86dd)
             / IPv6(src="2001:db8::a", dst="2001:db8::b") / UDP(sport=53, dport=53) / Raw(b"sll2"), None)]


def write_pcap(path, linktype, items, first_sec):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, SNAPLEN, linktype))
        for i, (_, pkt, orig) in enumerate(items):
            data = pkt if isinstance(pkt, (bytes, bytearray)) else raw(pkt)
            usec = 123456 + 1001 * i
            f.write(struct.pack("<IIII", first_sec + usec // 1_000_000, usec % 1_000_000, len(data), orig or len(data)))
            f.write(data)


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    write_pcap(out / "crafted-mix.pcap", 1, frames(), BASE_SEC)
    write_pcap(out / "crafted-sll.pcap", 113, sll_frames(), BASE_SEC + 1)
    for i, (d, _, _) in enumerate(frames()):
        print(f"crafted-mix.pcap frame {i + 1}: {d}")


if __name__ == "__main__":
    main()
