#!/usr/bin/env python3
"""Writes the crafted edge-case captures of testdata/crafted/ and their tshark oracles.

Each frame exercises one rule of a grammar that the third-party corpus does not reach (802.3/LLC,
QinQ, IPv4 options and bogus lengths, IPv6 extension headers, TCP options, UDP lengths, ...).
The oracle is made exactly as the corpus's (tshark 4.0.17, the same -e list), so the conformance
test compares these captures like any other. Run from the repository root:

    python3 scripts/make-crafted-captures.py

Needs tshark 4.0.x on the PATH; the captures themselves are built here byte by byte.
"""
import ipaddress
import os
import struct
import subprocess
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "testdata", "crafted")

FIELDS = ("frame.number frame.time_epoch frame.len frame.cap_len frame.protocols eth.src eth.dst eth.type vlan.id "
          "arp.opcode arp.src.proto_ipv4 arp.dst.proto_ipv4 ip.version ip.hdr_len ip.len ip.id ip.flags.df ip.flags.mf "
          "ip.frag_offset ip.ttl ip.proto ip.src ip.dst ipv6.plen ipv6.nxt ipv6.hlim ipv6.src ipv6.dst ipv6.fraghdr.ident "
          "tcp.srcport tcp.dstport tcp.seq_raw tcp.ack_raw tcp.hdr_len tcp.flags tcp.window_size_value tcp.len "
          "udp.srcport udp.dstport udp.length ipv6.fraghdr.offset ipv6.fraghdr.more llc.dsap sll.pkttype null.family "
          "ipv6.routing.type ipv6.routing.segleft ipv6.hopopts.nxt ipv6.dstopts.nxt").split()

MAC_A = bytes.fromhex("020000000001")
MAC_B = bytes.fromhex("020000000002")


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def eth(etype, payload, dst=MAC_B, src=MAC_A):
    return dst + src + struct.pack("!H", etype) + payload


def ipv4(proto, payload, src="10.0.0.1", dst="10.0.0.2", ident=0x1234, flags=0x2, frag=0, ttl=64, options=b"",
         total=None, ihl=None, version=4):
    ihl_v = ihl if ihl is not None else 5 + len(options) // 4
    tl = total if total is not None else 20 + len(options) + len(payload)
    h = struct.pack("!BBHHHBBH4s4s", (version << 4) | ihl_v, 0, tl, ident, (flags << 13) | frag, ttl, proto, 0,
                    bytes(map(int, src.split("."))), bytes(map(int, dst.split("."))))
    h = h + options
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + payload


def ipv6(nxt, payload, src="2001:db8::1", dst="2001:db8::2", hlim=64, plen=None):
    pl = plen if plen is not None else len(payload)
    return (struct.pack("!IHBB", 6 << 28, pl, nxt, hlim) + ipaddress.IPv6Address(src).packed
            + ipaddress.IPv6Address(dst).packed + payload)


def ext(nxt, body):
    """An IPv6 extension header (hop-by-hop, destination options, routing): body padded to 8n+6 bytes."""
    assert (len(body) + 2) % 8 == 0, len(body)
    return struct.pack("!BB", nxt, (len(body) + 2) // 8 - 1) + body


def udp(sport, dport, payload, length=None):
    ln = length if length is not None else 8 + len(payload)
    return struct.pack("!HHHH", sport, dport, ln, 0) + payload


def tcp(sport, dport, seq=1000, ack=0, flags=0x02, window=8192, options=b"", payload=b"", doff=None, res=0):
    d = doff if doff is not None else 5 + len(options) // 4
    return struct.pack("!HHIIBBHHH", sport, dport, seq, ack, (d << 4) | (res << 1) | (flags >> 8), flags & 0xFF,
                       window, 0, 0) + options + payload


def arp(oper, spa=b"\x0a\0\0\x01", tpa=b"\x0a\0\0\x02", htype=1, ptype=0x0800, sha=MAC_A, tha=b"\0" * 6):
    return struct.pack("!HHBBH", htype, ptype, len(sha), len(spa), oper) + sha + spa + tha + tpa


def pad60(frame):
    return frame + b"\0" * max(0, 60 - len(frame))


def ethernet_frames():
    """(frame bytes, captured length or None, note) for LINKTYPE_ETHERNET."""
    data = b"hello"
    f = []
    add = lambda b, note, cap=None: f.append((b, cap, note))
    # --- link layer ---
    add(pad60(eth(0x0800, ipv4(17, udp(1234, 5678, data)))), "IPv4/UDP with Ethernet padding (padding is not payload)")
    llc_snap = bytes([0xAA, 0xAA, 0x03, 0, 0, 0]) + struct.pack("!H", 0x0800) + ipv4(17, udp(1000, 2000, data))
    add(pad60(MAC_B + MAC_A + struct.pack("!H", len(llc_snap)) + llc_snap), "802.3 + LLC/SNAP carrying IPv4/UDP")
    llc_stp = bytes([0x42, 0x42, 0x03]) + b"\0" * 35
    add(pad60(MAC_B + MAC_A + struct.pack("!H", len(llc_stp)) + llc_stp), "802.3 + LLC (STP SAPs), unknown to us: Raw")
    llc_i = bytes([0xF0, 0xF0, 0x00, 0x02]) + b"\0" * 10
    add(pad60(MAC_B + MAC_A + struct.pack("!H", len(llc_i)) + llc_i), "802.3 + LLC with an I-format (2-byte) control")
    add(pad60(MAC_B + MAC_A + struct.pack("!H", 0x05FF) + b"\0" * 20), "type/length 0x05ff: neither a length nor an EtherType")
    add(eth(0x8100, struct.pack("!HH", (5 << 13) | 100, 0x0800) + ipv4(6, tcp(80, 40000, flags=0x12))), "802.1Q tag, pcp 5, vid 100")
    add(eth(0x88A8, struct.pack("!HH", 200, 0x8100) + struct.pack("!HH", 300, 0x0800) + ipv4(17, udp(53, 53, data))),
        "QinQ: 802.1ad S-tag 200 then 802.1Q C-tag 300")
    add(eth(0x8100, struct.pack("!HH", 10, 0x8100) + struct.pack("!HH", 20, 0x86DD) + ipv6(17, udp(1, 2, data))),
        "two stacked 802.1Q tags (10, 20) then IPv6")
    add(eth(0x9100, struct.pack("!HH", 7, 0x0800) + ipv4(17, udp(7, 7, data))), "old QinQ EtherType 0x9100")
    vl = bytes([0xAA, 0xAA, 0x03, 0, 0, 0]) + struct.pack("!H", 0x0806) + arp(1)
    add(pad60(eth(0x8100, struct.pack("!HH", 30, len(vl)) + vl)), "802.1Q tag followed by an 802.3 length and LLC/SNAP ARP")
    add(eth(0x1234, b"\x01\x02\x03\x04"), "unknown EtherType: Raw")
    # --- ARP ---
    add(pad60(eth(0x0806, arp(1))), "ARP request")
    add(pad60(eth(0x0806, arp(2))), "ARP reply")
    add(pad60(eth(0x8035, arp(3))), "RARP request (reverse)")
    add(pad60(eth(0x0806, arp(1, spa=b"\0" * 16, tpa=b"\0" * 16, ptype=0x86DD))), "ARP with 16-byte protocol addresses")
    add(eth(0x0806, arp(1))[:14 + 20], "ARP cut inside the sender's protocol address", None)
    # --- IPv4 ---
    add(eth(0x0800, ipv4(17, udp(1, 2, data), options=b"\x01\x01\x01\x00")), "IPv4 options NOP NOP NOP EOL")
    rr = bytes([7, 11, 4]) + b"\x0a\0\0\x01" + b"\0" * 4 + b"\x01"
    add(eth(0x0800, ipv4(6, tcp(1, 2), options=rr)), "IPv4 record route + NOP")
    ts = bytes([68, 12, 5, 0x01]) + struct.pack("!II", 1, 2)
    add(eth(0x0800, ipv4(17, udp(9, 9, data), options=ts)), "IPv4 timestamp option")
    add(eth(0x0800, ipv4(17, udp(9, 9, data), options=bytes([148, 4, 0, 0]))), "IPv4 router alert option")
    add(eth(0x0800, ipv4(17, udp(9, 9, data), options=bytes([130, 2, 0, 0]))), "IPv4 option with length 2 (no data) + padding")
    add(eth(0x0800, ipv4(17, udp(9, 9, data), options=bytes([7, 1, 0, 0]))), "IPv4 option with length 1 (bogus)")
    add(eth(0x0800, ipv4(17, udp(9, 9, data), options=bytes([7, 40, 0, 0]))), "IPv4 option longer than the options")
    add(eth(0x0800, ipv4(17, udp(9, 9, data), total=0)), "IPv4 total length 0 (TSO)")
    add(eth(0x0800, ipv4(17, udp(9, 9, data), total=12)), "IPv4 total length 12 < header length")
    add(eth(0x0800, ipv4(17, udp(9, 9, data), total=200)), "IPv4 total length beyond the frame")
    add(eth(0x0800, ipv4(17, udp(9, 9, data), ihl=4)), "IPv4 header length 16 (< 20)")
    add(eth(0x0800, ipv4(17, udp(9, 9, data), version=5)), "IPv4 EtherType but version 5")
    add(eth(0x0800, ipv4(6, tcp(1, 2), version=6)), "IPv4 EtherType but version 6")
    add(eth(0x0800, ipv4(17, udp(9, 9, data), flags=0x1, frag=0)), "IPv4 first fragment (MF, offset 0): payload Raw")
    add(eth(0x0800, ipv4(17, data * 4, flags=0x0, frag=100)), "IPv4 last fragment (offset 800): payload Raw")
    add(eth(0x0800, ipv4(17, udp(9, 9, data), flags=0x4)), "IPv4 reserved (evil) bit set")
    add(eth(0x0800, ipv4(4, ipv4(17, udp(3, 4, data), src="192.168.0.1", dst="192.168.0.2"))), "IP in IP")
    add(eth(0x0800, ipv4(41, ipv6(6, tcp(5, 6)))), "IPv6 in IPv4 (6in4)")
    add(eth(0x0800, ipv4(17, udp(9, 9, data)))[:14 + 10], "IPv4 cut after 10 bytes")
    add(eth(0x0800, ipv4(250, data)), "IPv4 with an unknown protocol: Raw")
    # --- UDP ---
    add(eth(0x0800, ipv4(17, udp(9, 9, data, length=4))), "UDP length 4 (< 8)")
    add(eth(0x0800, ipv4(17, udp(9, 9, data, length=100))), "UDP length beyond the IP payload")
    add(eth(0x0800, ipv4(17, udp(9, 9, data, length=10))), "UDP length shorter than the IP payload")
    add(eth(0x0800, ipv4(17, udp(9, 9, b""))), "UDP without data")
    add(eth(0x0800, ipv4(17, udp(9, 9, data)))[:14 + 20 + 6], "UDP cut after 6 bytes")
    # --- TCP ---
    opts = struct.pack("!BBH", 2, 4, 1460) + bytes([1, 3, 3, 7, 4, 2]) + struct.pack("!BBII", 8, 10, 1, 0) + b"\0\0"
    add(eth(0x0800, ipv4(6, tcp(40000, 443, options=opts))), "TCP SYN: MSS, NOP, WS, SACK_PERM, TS, EOL padding")
    sack = bytes([1, 1]) + struct.pack("!BBIIII", 5, 18, 100, 200, 300, 400) + b"\0" * 2
    add(eth(0x0800, ipv4(6, tcp(443, 40000, ack=5, flags=0x10, options=sack))), "TCP ACK with two SACK blocks")
    add(eth(0x0800, ipv4(6, tcp(1, 2, options=bytes([2, 1, 0, 0])))), "TCP option with length 1 (bogus)")
    add(eth(0x0800, ipv4(6, tcp(1, 2, options=bytes([2, 12, 0, 0])))), "TCP option longer than the options")
    add(eth(0x0800, ipv4(6, tcp(1, 2, options=bytes([99, 4, 0, 0])))), "TCP unknown option kind 99")
    add(eth(0x0800, ipv4(6, tcp(1, 2, doff=4))), "TCP data offset 4 (< 5)")
    add(eth(0x0800, ipv4(6, tcp(1, 2, doff=15))), "TCP data offset 15 beyond the segment")
    add(eth(0x0800, ipv4(6, tcp(1, 2, flags=0x1FF))), "TCP all nine flags")
    add(eth(0x0800, ipv4(6, tcp(1, 2, flags=0x018, res=7))), "TCP reserved bits set")
    add(eth(0x0800, ipv4(6, tcp(1, 2, flags=0x002, ack=0xDEADBEEF))), "TCP ack number without the ACK flag")
    add(eth(0x0800, ipv4(6, tcp(1, 2, flags=0x018, payload=b"GET / HTTP/1.0\r\n\r\n"))), "TCP with payload to port 2")
    add(eth(0x0800, ipv4(6, tcp(1, 2)))[:14 + 20 + 14], "TCP cut after 14 bytes")
    # --- IPv6 ---
    hbh = ext(6, bytes([5, 2, 0, 0]) + bytes([1, 0]))  # router alert + PadN(0)
    add(eth(0x86DD, ipv6(0, hbh + tcp(1, 2))), "IPv6 hop-by-hop (router alert, PadN) then TCP")
    dst = ext(17, bytes([0x1E, 4, 1, 2, 3, 4]))  # unknown option type 0x1e
    add(eth(0x86DD, ipv6(60, dst + udp(1, 2, data))), "IPv6 destination options (unknown option) then UDP")
    rt0 = struct.pack("!BBBB", 17, 2, 0, 1) + b"\0" * 4 + bytes(16)
    add(eth(0x86DD, ipv6(43, rt0 + udp(3, 4, data))), "IPv6 routing type 0, one address")
    srh = struct.pack("!BBBBBBH", 58, 4, 4, 1, 1, 0, 0) + bytes(16) + bytes(16)
    add(eth(0x86DD, ipv6(43, srh + b"\x80\0\0\0\0\0\0\0")), "IPv6 segment routing header, two segments, then ICMPv6")
    fr_atomic = struct.pack("!BBHI", 17, 0, 0, 0xABCDEF01)
    add(eth(0x86DD, ipv6(44, fr_atomic + udp(5, 6, data))), "IPv6 atomic fragment (offset 0, M clear): dissected on")
    fr_first = struct.pack("!BBHI", 17, 0, 1, 0x11)
    add(eth(0x86DD, ipv6(44, fr_first + udp(5, 6, data * 4))), "IPv6 first fragment (M set): Raw")
    fr_later = struct.pack("!BBHI", 17, 0, 185 << 3, 0x11)
    add(eth(0x86DD, ipv6(44, fr_later + data * 4)), "IPv6 later fragment (offset 1480, last): Raw")
    add(eth(0x86DD, ipv6(59, b"")), "IPv6 no next header")
    add(eth(0x86DD, ipv6(0, ext(60, bytes([1, 4, 0, 0, 0, 0])) + ext(43, bytes([1, 4, 0, 0, 0, 0]))
                         + struct.pack("!BBBB", 6, 0, 253, 0) + b"\0" * 4 + tcp(7, 8))),
        "IPv6 hop-by-hop, destination options, routing type 253, TCP")
    jumbo = ext(17, bytes([0xC2, 4]) + struct.pack("!I", 70000))
    add(eth(0x86DD, ipv6(0, jumbo + udp(1, 2, data, length=0), plen=0)), "IPv6 jumbogram: payload length 0, jumbo option")
    add(eth(0x86DD, ipv6(17, udp(1, 2, data), plen=200)), "IPv6 payload length beyond the frame")
    add(eth(0x86DD, ipv6(17, udp(1, 2, data)))[:14 + 30], "IPv6 cut inside the source address")
    add(eth(0x86DD, ipv6(4, ipv4(17, udp(3, 4, data)))), "IPv4 in IPv6")
    add(eth(0x86DD, ipv6(41, ipv6(17, udp(3, 4, data), src="::ffff:10.0.0.1", dst="::"))), "IPv6 in IPv6, mapped and unspecified addresses")
    add(eth(0x86DD, ipv6(0, ext(0, bytes(6)) + udp(1, 2, data))), "IPv6 two hop-by-hop headers (the second out of place)")
    # found by scripts/conformance-fuzz.py
    home = "2001:db8::99"
    add(eth(0x86DD, ipv6(43, struct.pack("!BBBB", 17, 2, 2, 1) + bytes(4) + ipaddress.IPv6Address(home).packed + udp(1, 2, data))),
        "IPv6 type 2 routing header (home address), UDP")
    add(eth(0x86DD, ipv6(43, struct.pack("!BBBB", 6, 0, 2, 1) + bytes(4) + tcp(7, 8))),
        "IPv6 type 2 routing header with length 0: no room for its address, malformed")
    add(eth(0x86DD, ipv6(143, eth(0x0800, ipv4(17, udp(3, 4, data))))), "IPv6 next header 143: an Ethernet frame (RFC 8986)")
    add(eth(0x0800, ipv4(143, eth(0x0806, arp(1)))), "IPv4 protocol 143: an Ethernet frame")
    lite = lambda sport, dport, cov, payload: struct.pack("!HHHH", sport, dport, cov, 0) + payload
    add(eth(0x0800, ipv4(136, lite(40000, 7, 8, data))), "UDP-Lite, checksum coverage 8 (the header)")
    add(eth(0x86DD, ipv6(136, lite(7, 40000, 0, data))), "UDP-Lite over IPv6, coverage 0 (the whole datagram)")
    add(eth(0x0800, ipv4(136, lite(40000, 7, 3, data))), "UDP-Lite with coverage 3 (less than its header): shown, dissected on")
    add(eth(0x0800, ipv4(136, lite(40000, 7, 200, data))), "UDP-Lite with coverage beyond the datagram: shown, dissected on")
    # a fragment joins reassembly only with all its bytes; a first fragment cut short is dissected on (as tshark does)
    big = bytes(range(256)) * 2
    add(eth(0x0800, ipv4(17, udp(5000, 53, big), ident=0x4321, flags=0x1)), "IPv4 first fragment cut by the snap length: UDP dissected", 60)
    add(eth(0x0800, ipv4(6, tcp(5001, 80, flags=0x18, payload=big), ident=0x4322, flags=0x1)),
        "IPv4 first fragment (TCP) cut by the snap length: TCP dissected", 80)
    add(eth(0x0800, ipv4(17, big, ident=0x4323, flags=0x1, frag=64)), "IPv4 later fragment cut by the snap length: raw", 60)
    add(eth(0x86DD, ipv6(44, struct.pack("!BBHI", 17, 0, 1, 0x4324) + udp(5002, 53, big))),
        "IPv6 first fragment cut by the snap length: raw (tshark dissects only IPv4's)", 80)
    # UDP length 0 is a jumbogram only over IPv6 (RFC 2675); over IPv4 it is bogus and nothing follows
    add(eth(0x0800, ipv4(17, udp(5003, 53, data, length=0))), "UDP length 0 over IPv4: bogus, nothing dissected after the header")
    add(eth(0x86DD, ipv6(4, ipv4(17, udp(5004, 53, data, length=0)))), "UDP length 0 over IPv4 inside IPv6: the innermost IP decides")
    add(eth(0x0800, ipv4(41, ipv6(17, udp(5005, 7, data, length=0)))), "UDP length 0 over IPv6 inside IPv4: a jumbogram's length, payload dissected")
    # EtherIP (RFC 3378, IP protocol 97): a 16-bit header, then an Ethernet frame; like tshark, any version is dissected on
    inner = eth(0x0806, arp(1), dst=b"\x04" * 6, src=b"\x06" * 6)
    add(eth(0x0800, ipv4(97, b"\x30\x00" + inner)), "EtherIP over IPv4: Ethernet and ARP inside")
    add(eth(0x86DD, ipv6(97, b"\x30\x00" + inner)), "EtherIP over IPv6")
    add(eth(0x0800, ipv4(97, b"\x01\x23" + inner)), "EtherIP version 0, reserved bits set: shown, dissected on")
    add(eth(0x0800, ipv4(97, b"\x30")), "EtherIP header cut after one byte: malformed")
    # options that do not fit: like tshark, shown (kind alone, or bytes) and the packet dissected on
    seg = tcp(5006, 9, flags=0x18, payload=data)
    add(eth(0x0800, ipv4(6, seg, options=bytes([1, 1, 1, 0x83]))), "IPv4 option kind in the options' last byte: no length, TCP dissected")
    add(eth(0x0800, ipv4(6, seg, options=bytes([7, 4, 4, 0]))), "IPv4 record route of length 4 (no room for an address): bytes, TCP dissected")
    add(eth(0x0800, ipv4(6, seg, options=bytes([148, 3, 0, 1]))), "IPv4 router alert of length 3: malformed (as in tshark)")
    add(eth(0x0800, ipv4(6, tcp(5007, 9, flags=0x18, options=bytes([2, 3, 5, 1]), payload=data))),
        "TCP MSS option of length 3: bytes, payload dissected")
    add(eth(0x0800, ipv4(6, tcp(5008, 9, flags=0x18, options=bytes([1, 1, 1, 8]), payload=data))),
        "TCP option kind in the options' last byte: no length, payload dissected")
    add(eth(0x86DD, ipv6(0, ext(17, bytes([5, 1, 0, 1, 1, 0])) + udp(5009, 7, data))), "IPv6 router alert of length 1: bytes, UDP dissected")
    add(eth(0x86DD, ipv6(0, ext(17, bytes([5, 9, 0, 0, 0, 0])) + udp(5010, 7, data))), "IPv6 option past its header: invalid, UDP dissected")
    # GRE (IP protocol 47) and VXLAN (UDP 4789): tunnels, one grammar each
    in4 = ipv4(17, udp(5011, 7, data), src="10.9.0.1", dst="10.9.0.2")
    teb = eth(0x0806, arp(1), dst=b"\x04" * 6, src=b"\x06" * 6)
    add(eth(0x0800, ipv4(47, struct.pack("!HH", 0, 0x0800) + in4)), "GRE carrying IPv4")
    add(eth(0x0800, ipv4(47, struct.pack("!HHHHII", 0xB000, 0x86DD, 0, 0, 0x1234, 7) + ipv6(17, udp(5012, 7, data)))),
        "GRE with checksum, key and sequence number, carrying IPv6")
    add(eth(0x86DD, ipv6(47, struct.pack("!HHI", 0x2000, 0x6558, 42) + teb)), "GRE over IPv6, key, Transparent Ethernet Bridging (Ethernet, ARP)")
    ppp = b"\xff\x03\x00\x21" + in4
    add(eth(0x0800, ipv4(47, struct.pack("!HHHHII", 0x3081, 0x880B, len(ppp), 0x1111, 5, 4) + ppp)),
        "PPTP's enhanced GRE (version 1): payload length, call id, sequence and ack numbers, PPP with IPv4")
    add(eth(0x0800, ipv4(47, struct.pack("!HHHHI", 0x2081, 0x880B, 0, 0x2222, 5))), "PPTP's GRE, an acknowledgement alone: no payload")
    add(eth(0x0800, ipv4(47, struct.pack("!HHHH", 0x4000, 0x0800, 0, 0) + struct.pack("!HBB", 0x0800, 0, 4) + bytes(4)
                         + struct.pack("!HBB", 0, 0, 0) + in4)), "GRE with routing (RFC 1701): one entry and the empty one")
    add(eth(0x0800, ipv4(47, struct.pack("!HH", 0, 0x1234) + data)), "GRE with an unknown protocol type: raw")
    add(eth(0x0800, ipv4(47, b"\x00\x00\x08")), "GRE header cut in its protocol type: malformed")
    add(eth(0x0800, ipv4(17, udp(50000, 4789, struct.pack("!II", 0x08000000, 123 << 8) + teb))), "VXLAN (VNI 123): Ethernet, ARP")
    add(eth(0x0800, ipv4(17, udp(50001, 4789, struct.pack("!II", 0, 124 << 8) + teb))), "VXLAN without the I flag: dissected on")
    add(eth(0x0800, ipv4(17, udp(50002, 4789, b"\x08\x00\x00\x00\x00"))), "VXLAN header cut: malformed")
    # MPLS (EtherType 0x8847, IP protocol 137): a label stack; the first nibble after it says what follows
    lse = lambda label, tc, bottom, ttl: struct.pack("!I", label << 12 | tc << 9 | bottom << 8 | ttl)
    add(eth(0x8847, lse(100, 0, 1, 64) + in4), "MPLS, one label, IPv4")
    add(eth(0x8847, lse(100, 0, 0, 64) + lse(200, 5, 1, 63) + ipv6(17, udp(5013, 7, data))), "MPLS, two labels, IPv6")
    add(eth(0x8847, lse(16, 0, 1, 64) + bytes(4) + teb), "MPLS pseudowire: control word, Ethernet, ARP")
    add(eth(0x8847, lse(100, 0, 1, 64) + b"\x55" * 20), "MPLS carrying bytes of no known kind (first nibble 5): raw")
    add(eth(0x8847, lse(3, 0, 0, 1)), "MPLS stack without its bottom entry: malformed")
    add(eth(0x0800, ipv4(137, lse(100, 0, 1, 64) + in4)), "MPLS in IP (protocol 137)")
    # Geneve (UDP 6081): options in 4-byte words, the payload by its protocol type
    gopt = struct.pack("!HBB", 0x0102, 0x80, 1) + b"\x11\x22\x33\x44"
    add(eth(0x0800, ipv4(17, udp(50003, 6081, struct.pack("!BBHI", 0, 0, 0x6558, 77 << 8) + teb))), "Geneve (VNI 77): Ethernet, ARP")
    add(eth(0x0800, ipv4(17, udp(50004, 6081, struct.pack("!BBHI", 2, 0x40, 0x6558, 78 << 8) + gopt + teb))),
        "Geneve with a critical option of one word")
    add(eth(0x0800, ipv4(17, udp(50005, 6081, struct.pack("!BBHI", 0, 0, 0x0800, 79 << 8) + in4))), "Geneve carrying IPv4")
    add(eth(0x0800, ipv4(17, udp(50006, 6081, b"\x00\x00\x65"))), "Geneve header cut: malformed")
    # EtherType 0x6558 (Transparent Ethernet Bridging) is an Ethernet frame wherever it stands; 0x880b is PPP only in GRE
    add(eth(0x6558, teb), "EtherType 0x6558 in Ethernet: an Ethernet frame, ARP")
    add(eth(0x880B, ppp), "EtherType 0x880b in Ethernet: raw (PPP only under GRE)")
    # IPv6 of another version is not IPv6: tshark's dissector declines it and shows data
    add(eth(0x86DD, b"\x50" + ipv6(17, udp(5014, 7, data))[1:]), "IPv6 EtherType carrying version 5: raw")
    add(eth(0x0800, ipv4(41, b"\xf0" + ipv6(17, udp(5015, 7, data))[1:])), "IPv6 in IPv4 with version 15: IPv4, then raw")
    # a known IPv4 option shorter than its fixed fields makes the header malformed (tshark 4.0's minimums)
    add(eth(0x0800, ipv4(6, seg, options=bytes([82, 8]) + bytes(6))), "IPv4 traceroute option of length 8 (needs 12): malformed")
    add(eth(0x0800, ipv4(6, seg, options=bytes([7, 2, 1, 1]))), "IPv4 record route of length 2 (needs 3): malformed")
    add(eth(0x0800, ipv4(6, seg, options=bytes([11, 6, 0, 0, 0, 0, 1, 1]))), "IPv4 MTU probe of length 6 (more than its 4): TCP dissected")
    add(eth(0x0800, ipv4(6, seg, options=bytes([1, 1, 25, 6]))), "IPv4 quick-start option running past the options: parsing stops, TCP dissected")
    # an IP total length past the frame's own length is bogus, not a snap-length cut: the segment is
    # what the frame holds, and a response without a length waits for its connection's end (tshark)
    resp = b"HTTP/1.1 404 Not Found\r\nServer: x\r\n\r\n"
    add(eth(0x0800, ipv4(6, tcp(8080, 5016, flags=0x18, payload=resp), total=20 + 20 + len(resp) + 35)),
        "IPv4 total length past the frame: an HTTP response without a length, still waiting (raw)")
    # a reset's data is its cause, shown as text and never handed on (tshark's tcp.reset_cause)
    get = b"GET / HTTP/1.1\r\nHost: a\r\n\r\n"
    add(eth(0x0800, ipv4(6, tcp(5017, 80, flags=0x04, payload=get))), "TCP RST carrying an HTTP request: its reset cause, no HTTP")
    add(eth(0x0800, ipv4(6, tcp(5018, 80, flags=0x1C, payload=get))), "TCP RST with ACK and PSH, cut by the snap length: no HTTP", 70)
    add(eth(0x0800, ipv4(6, tcp(5019, 80, flags=0x04))), "TCP RST without data")
    # GRE's acknowledgement number is there only with PPTP's PPP payload and a version but 0 (tshark)
    add(eth(0x0800, ipv4(47, struct.pack("!HH", 0x0081, 0x0800) + in4)), "GRE version 1 with the A bit, carrying IPv4: no acknowledgement field")
    add(eth(0x0800, ipv4(47, struct.pack("!HHHHI", 0x2084, 0x880B, len(ppp), 0x3333, 6) + ppp)),
        "GRE version 4 with the A bit, carrying PPP: the acknowledgement field is read")
    add(eth(0x0800, ipv4(47, struct.pack("!HHHHIHBB", 0x4081, 0x880B, 0, 0, 7, 0, 0, 0) + ppp)),
        "GRE version 1 with routing and the A bit: the acknowledgement before the routing entries (tshark's order)")
    # an overlay's protocol type is dispatched even with no payload (that layer is then malformed)
    add(eth(0x0800, ipv4(17, udp(50007, 6081, struct.pack("!BBHI", 0, 0, 0x0800, 80 << 8)))), "Geneve without payload: IPv4 malformed")
    add(eth(0x0800, ipv4(17, udp(50008, 4789, struct.pack("!II", 0x08000000, 125 << 8)))), "VXLAN without payload: Ethernet malformed")
    # a tunnelled IP packet longer than the outer IP's length allows is bounded by it, not cut by
    # the snap length: its TCP data joins the stream (an HTTP request whose body is still to come)
    req = b"POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\n12345"
    inner = ipv4(6, tcp(5020, 80, flags=0x18, payload=req), src="10.9.0.1", dst="10.9.0.2")
    outer = ipv6(47, struct.pack("!HH", 0, 0x0800) + inner, plen=4 + len(inner) - 5)
    add(eth(0x86DD, outer), "IPv4 in GRE over IPv6, 5 bytes past the outer length: an HTTP request still waiting (raw)")
    # a header-only capture (snap length 100): each segment cut short is dissected alone, so every
    # message's start shows, in order and after a gap alike (tshark)
    r1 = b"HTTP/1.1 200 OK\r\nContent-Length: 400\r\nContent-Type: text/plain\r\n\r\n" + b"a" * 400
    r2 = b"HTTP/1.1 404 Not Found\r\nContent-Length: 300\r\n\r\n" + b"b" * 300
    r3 = b"HTTP/1.1 204 No Content\r\n\r\n"
    add(eth(0x0800, ipv4(6, tcp(80, 5021, seq=1000, ack=1, flags=0x18, payload=r1))), "header-only capture: an HTTP response cut short", 100)
    add(eth(0x0800, ipv4(6, tcp(80, 5021, seq=1000 + len(r1), ack=1, flags=0x18, payload=r2))),
        "header-only capture: the next response, cut short, dissected alone", 100)
    add(eth(0x0800, ipv4(6, tcp(80, 5021, seq=1000 + len(r1) + len(r2) + 500, ack=1, flags=0x18, payload=r3 + b"c" * 80))),
        "header-only capture: a response after lost segments, cut short", 100)
    # tshark's L2TP takes versions 2 and 3 only, and wants the two bytes of the version: other bytes
    # on its port are data (crafted_tunnels.pcap frames 46-48 have one byte and versions 1 and 5)
    add(eth(0x86DD, ipv6(17, udp(50011, 1701, b"\x00\x00\x00"))), "UDP port 1701 over IPv6, version 0: not L2TP (raw)")
    add(eth(0x0800, ipv4(17, udp(1701, 50012, b"\x00\x02"))), "L2TP version 2 cut after its flags: malformed L2TP")
    # an IPv6 Fragment header in an IPv4 packet fragments nothing: what follows is dissected (tshark)
    add(eth(0x0800, ipv4(44, struct.pack("!BBHI", 17, 0, (5 << 3) | 0, 7) + udp(50013, 7, data))),
        "IPv6 Fragment header (offset 40) in IPv4: UDP dissected on")
    add(eth(0x0800, ipv4(44, struct.pack("!BBHI", 17, 0, 1, 8) + udp(50014, 7, data))),
        "IPv6 Fragment header (offset 0, more fragments) in IPv4: UDP dissected on")
    # a header cut inside a run of bit fields shows the fields in the bytes present (tshark)
    add(eth(0x0800, ipv4(17, udp(50015, 7, data))), "IPv4 cut after its first byte: version and header length shown", 15)
    add(eth(0x86DD, ipv6(17, udp(50016, 7, data))), "IPv6 cut after its first byte: version shown", 15)
    # an ICMP error whose quote the capture cut shows the quoted layer cut (tshark); one that quotes
    # nothing (frame 1 of the pair is whole) shows none
    quoted = ipv4(17, udp(50017, 7, data), src="10.0.0.2", dst="10.0.0.1")
    unreachable = struct.pack("!BBHI", 3, 3, 0, 0) + quoted
    add(eth(0x0800, ipv4(1, unreachable)), "ICMP port unreachable cut after its header: the quoted IPv4 shown cut", 42)
    add(eth(0x0800, ipv4(1, unreachable)), "ICMP port unreachable cut after the quoted IPv4 header: the quoted UDP shown cut", 62)
    add(eth(0x0800, ipv4(1, struct.pack("!BBHI", 3, 3, 0, 0))), "ICMP port unreachable quoting nothing: no quoted layer")
    # tshark's IPv4 hands an empty payload on only when the capture cut it
    lying = bytearray(ipv4(6, b""))
    lying[2:4] = struct.pack("!H", 56)
    add(eth(0x0800, bytes(lying)), "IPv4 with a total length of 56 and no payload in the frame: no TCP layer")
    add(eth(0x0800, ipv4(6, tcp(50018, 80))), "IPv4 cut after its header by the snap length: TCP shown cut", 34)
    # a type/length field of 0 is Ethernet II with EtherType 0 (tshark), not an 802.3 length; an
    # 802.1ad service tag is always followed by an EtherType (tshark), an 802.1Q tag by a length up to 1500
    llc_snap = bytes([0xAA, 0xAA, 0x03, 0, 0, 0, 0x08, 0x00]) + ipv4(17, udp(50019, 7, data))
    add(eth(0x0000, b"\x01" * 40), "Ethernet type 0: Ethernet II, the payload raw")
    add(eth(0x0800, ipv4(97, b"\x30\x00" + eth(0x0000, b"\x02" * 40))), "EtherIP carrying Ethernet type 0: raw")
    add(eth(0x8100, struct.pack("!HH", 7, 0x05DD) + b"\x03" * 40), "802.1Q with type 0x05dd (above 1500): an EtherType, raw")
    add(eth(0x88A8, struct.pack("!HH", 8, 0) + b"\x04" * 40), "802.1ad with type 0: an EtherType, raw")
    add(eth(0x88A8, struct.pack("!HH", 9, len(llc_snap)) + llc_snap), "802.1ad with type 48: an EtherType (raw), not an LLC length")
    add(eth(0x8100, struct.pack("!HH", 10, len(llc_snap)) + llc_snap), "802.1Q with length 48: LLC/SNAP/IPv4/UDP")
    add(eth(0x8100, struct.pack("!HH", 11, 0) + b"\x05" * 40), "802.1Q with length 0: no LLC (tshark: LLC malformed)")
    # tshark's IPv4 hands a datagram of version 6 to IPv6, also in a quote; other versions stay malformed IPv4
    v6 = ipv6(17, udp(50020, 7, data))
    add(eth(0x0800, v6[:20]), "IPv4 EtherType carrying a cut IPv6 header: IPv4 (version 6), then IPv6 malformed")
    add(eth(0x0800, ipv4(1, struct.pack("!BBHI", 3, 3, 0, 0) + v6)), "ICMP error quoting an IPv6 datagram: IPv4 (version 6), then IPv6/UDP")
    add(eth(0x0800, bytes([0x75]) + ipv4(17, udp(50021, 7, data))[1:]), "IPv4 EtherType carrying version 7: IPv4 malformed")
    # GRE hands on an empty payload only when the capture cut it (tshark), as IPv4 does
    gre_ip = ipv4(47, struct.pack("!HH", 0, 0x0800) + ipv4(17, udp(50022, 7, data)))
    add(eth(0x0800, gre_ip), "GRE cut after its header by the snap length: the inner IPv4 shown cut", 38)
    gre_teb = ipv4(47, struct.pack("!HH", 0, 0x6558) + eth(0x0800, ipv4(17, udp(50023, 7, data))))
    add(eth(0x0800, gre_teb), "GRE (Ethernet bridging) cut after its header: the inner Ethernet shown cut", 38)
    add(eth(0x0800, ipv4(47, struct.pack("!HH", 0, 0x0800))), "GRE with no payload: no inner layer")
    # an IPv6 Fragment header whose datagram announces no bytes after it is no fragment (tshark
    # dissects on, in an empty payload); trailing bytes in the frame are not its data
    frag = lambda nxt, off, m: struct.pack("!BBHI", nxt, 0, (off << 3) | m, 0x1234)
    add(eth(0x86DD, ipv6(44, frag(60, 15, 0), plen=8) + b"\x00" * 16),
        "IPv6 Fragment header (offset 120) with no data: not a fragment, Destination Options malformed")
    add(eth(0x86DD, ipv6(0, ext(44, b"\x01\x04" + bytes(4)) + frag(17, 318, 1))),
        "Hop-by-Hop then a Fragment header (more fragments) with no data: not a fragment, UDP malformed")
    add(eth(0x86DD, ipv6(44, frag(17, 15, 0) + udp(50024, 7, data))), "IPv6 non-first fragment with data cut by the snap length: a fragment", 64)
    # a total length of 0 (TSO) stands for the datagram's bytes by the frame's original length (tshark)
    add(eth(0x0800, ipv4(6, tcp(50025, 7), total=0)), "IPv4 total length 0 cut inside its header: the length shown is the frame's (40)", 27)
    add(eth(0x0800, ipv4(6, tcp(50026, 7, flags=0x18, payload=data), total=0, flags=0x3)),
        "IPv4 total length 0 with more fragments: a first fragment, TCP not dissected")
    # an IPv6 option longer than its header is bytes and dissection goes on, as long as the bytes
    # are there; past the datagram or the capture, the header is malformed and dissection stops (tshark)
    overrun = lambda nxt, n: struct.pack("!BB", nxt, 0) + bytes([0x46, n]) + bytes(4)
    long_udp = udp(50027, 7, b"x" * 40)
    add(eth(0x86DD, ipv6(0, overrun(17, 20) + long_udp)), "Hop-by-Hop option running past its header, within the datagram: UDP dissected on")
    add(eth(0x86DD, ipv6(0, overrun(17, 79) + long_udp)), "Hop-by-Hop option running past the datagram: Hop-by-Hop malformed")
    add(eth(0x86DD, ipv6(0, overrun(17, 20) + long_udp)), "Hop-by-Hop option running past the capture: Hop-by-Hop cut, nothing after it", 72)
    add(eth(0x86DD, ipv6(60, overrun(17, 79) + long_udp)), "Destination Options option running past the datagram: malformed")
    # two Fragment headers: the second is a fragment only when data follows it (tshark)
    add(eth(0x86DD, ipv6(44, frag(44, 0, 0) + frag(97, 0, 1))), "atomic Fragment header, then one with more fragments and no data: EtherIP malformed")
    add(eth(0x86DD, ipv6(44, frag(44, 0, 0) + frag(17, 0, 1) + udp(50028, 7, data))),
        "atomic Fragment header, then a first fragment with data: a fragment, the UDP raw")
    # GRE's protocol types are its own table (Wireshark's gre.proto), not every EtherType
    vlan_in = struct.pack("!HH", 20, 0x0800) + ipv4(17, udp(50029, 7, data))
    add(eth(0x0800, ipv4(47, struct.pack("!HH", 0, 0x8100) + vlan_in)), "GRE with protocol type 0x8100 (802.1Q): not in GRE's table, raw")
    padi = struct.pack("!BBHH", 0x11, 0x09, 0, 4) + struct.pack("!HH", 0x0101, 0)
    add(eth(0x0800, ipv4(47, struct.pack("!HH", 0, 0x8863) + padi)), "GRE with protocol type 0x8863 (PPPoE Discovery): not in GRE's table, raw")
    add(eth(0x0800, ipv4(47, struct.pack("!HH", 0, 0x8035) + arp(3))), "GRE with protocol type 0x8035 (RARP): not in GRE's table, raw")
    add(eth(0x0800, ipv4(47, struct.pack("!HH", 0, 0x0806) + arp(1))), "GRE with protocol type 0x0806: ARP")
    # keys of Wireshark's tables that ours lacked (compared with tshark -G decodes)
    in4 = ipv4(17, udp(50030, 7, data))
    add(eth(0x0800, ipv4(17, udp(50031, 6635, struct.pack("!I", (100 << 12) | (1 << 8) | 64) + in4))), "MPLS in UDP (port 6635, RFC 7510)")
    add(eth(0x0800, ipv4(17, udp(50032, 4754, struct.pack("!HH", 0, 0x0800) + in4))), "GRE in UDP (port 4754, RFC 8086)")
    llc_ip = b"\x06\x06\x03" + in4
    add(eth(len(llc_ip), llc_ip), "802.3 with LLC SAP 0x06: IPv4")
    add(eth(0x0800, ipv4(47, struct.pack("!HH", 0, 0x883E) + in4)), "GRE with protocol type 0x883e: IPv4, as in Wireshark's GRE table")
    add(eth(0x0800, ipv4(47, struct.pack("!HH", 0, 0x6400) + eth(0x0800, in4))), "GRE with protocol type 0x6400: Ethernet, as in Wireshark's GRE table")
    add(eth(0xC021, struct.pack("!BBH", 1, 1, 8) + bytes([1, 4, 0x05, 0xDC])), "LCP as an EtherType (0xc021)")
    add(eth(0x8021, struct.pack("!BBH", 1, 1, 10) + bytes([3, 6, 10, 0, 0, 1])), "IPCP as an EtherType (0x8021)")
    add(eth(0x8057, struct.pack("!BBH", 1, 1, 14) + bytes([1, 10, 0, 0, 0, 0, 0, 0, 0, 1])), "IPV6CP as an EtherType (0x8057)")
    for proto, payload, what in ((0x0800, in4, "IPv4"), (0x86DD, ipv6(17, udp(50033, 7, data)), "IPv6")):
        ppp_frame = struct.pack("!H", proto) + payload
        add(eth(0x8864, struct.pack("!BBHH", 0x11, 0, 0x2A, len(ppp_frame)) + ppp_frame),
            "PPPoE session, PPP protocol 0x%04x (an EtherType): %s, as in Wireshark's PPP table" % (proto, what))
    # the End of Option List ends the options: what follows is padding, even bytes that would be a
    # malformed option (tshark, and PyPCAPKit's padding)
    echo = struct.pack("!BBHHH", 8, 0, 0, 1, 1) + b"ping"
    add(eth(0x0800, ipv4(1, echo, options=bytes([1, 0, 0x0B, 0x03, 0, 0, 0, 0]))),
        "IPv4 options NOP, EOOL, then bytes that would be an MTU Probe too short: padding, ICMP dissected")
    add(eth(0x0800, ipv4(6, tcp(50034, 80, flags=0x18, options=bytes([1, 0, 0x02, 0x03, 0, 0, 0, 0]),
                                payload=b"GET / HTTP/1.1\r\nHost: a\r\n\r\n"))),
        "TCP options NOP, EOL, then bytes that would be an MSS too short: padding, HTTP dissected")
    return f


def sll(proto, payload, pkttype=0, hatype=1, addr=MAC_A):
    return struct.pack("!HHH", pkttype, hatype, len(addr)) + (addr + b"\0" * 8)[:8] + struct.pack("!H", proto) + payload


def sll2(proto, payload, pkttype=0, hatype=1, addr=MAC_A, ifindex=3):
    return struct.pack("!HHIHBB", proto, 0, ifindex, hatype, pkttype, len(addr)) + (addr + b"\0" * 8)[:8] + payload


def sll_frames():
    data = b"hi"
    f = []
    add = lambda b, note: f.append((b, None, note))
    add(sll(0x0800, ipv4(17, udp(1, 2, data))), "SLL unicast to us, IPv4/UDP")
    add(sll(0x86DD, ipv6(6, tcp(3, 4)), pkttype=4), "SLL sent by us, IPv6/TCP")
    add(sll(0x0806, arp(1), pkttype=1), "SLL broadcast ARP")
    add(sll(0x0004, bytes([0x42, 0x42, 0x03]) + b"\0" * 35, pkttype=2), "SLL protocol 4: 802.2 LLC (STP)")
    add(sll(0x8100, struct.pack("!HH", 42, 0x0800) + ipv4(17, udp(5, 6, data))), "SLL carrying an 802.1Q tag")
    add(sll(0x0800, ipv4(17, udp(1, 2, data)), hatype=772, addr=b""), "SLL loopback (ARPHRD 772), no address")
    add(sll(0x0800, ipv4(17, udp(1, 2, data)), addr=bytes(range(10))), "SLL with a 10-byte address (only 8 kept)")
    add(sll(0x0800, b"")[:10], "SLL header cut")
    return f


def sll2_frames():
    data = b"hi"
    f = []
    add = lambda b, note: f.append((b, None, note))
    add(sll2(0x0800, ipv4(6, tcp(80, 1234, flags=0x12))), "SLL2 IPv4/TCP")
    add(sll2(0x86DD, ipv6(17, udp(1, 2, data)), pkttype=4), "SLL2 sent by us, IPv6/UDP")
    add(sll2(0x0806, arp(2), pkttype=1), "SLL2 ARP reply")
    add(sll2(0x0004, bytes([0xAA, 0xAA, 0x03, 0, 0, 0, 0x08, 0x00]) + ipv4(17, udp(1, 2, data))), "SLL2 LLC/SNAP IPv4")
    return f


def null_frames(byteorder):
    data = b"hi"
    f = []
    fam = lambda v: struct.pack(byteorder + "I", v)
    add = lambda b, note: f.append((b, None, note))
    add(fam(2) + ipv4(17, udp(1, 2, data)), "AF_INET")
    add(fam(24) + ipv6(17, udp(1, 2, data)), "AF_INET6 (NetBSD/OpenBSD)")
    add(fam(28) + ipv6(6, tcp(1, 2)), "AF_INET6 (FreeBSD)")
    add(fam(30) + ipv6(6, tcp(1, 2)), "AF_INET6 (Darwin)")
    add(fam(10) + ipv6(6, tcp(1, 2)), "AF_INET6 (Linux)")
    add(struct.pack(">I" if byteorder == "<" else "<I", 2) + ipv4(17, udp(3, 4, data)), "AF_INET written in the other byte order")
    add(fam(7) + b"\0" * 20, "AF_ISO: not dissected")
    return f


def raw_frames():
    data = b"hi"
    f = []
    add = lambda b, note: f.append((b, None, note))
    add(ipv4(17, udp(1, 2, data)), "raw IPv4/UDP")
    add(ipv6(6, tcp(1, 2)), "raw IPv6/TCP")
    add(bytes([0x50]) + b"\0" * 19, "raw, version 5")
    add(ipv4(6, tcp(1, 2, payload=data)), "raw IPv4/TCP with data")
    return f


def write_pcap(path, linktype, frames, snaplen=65535):
    with open(path, "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, snaplen, linktype))
        for i, (b, cap, _) in enumerate(frames):
            orig = len(b)
            data = b if cap is None else b[:cap]
            out.write(struct.pack("<IIII", 1700000000 + i, i * 1000, len(data), orig))
            out.write(data)


def oracle(path):
    cmd = ["tshark", "-2", "-r", path, "-o", "tcp.reassemble_out_of_order:TRUE", "-T", "fields", "-E", "header=y",
           "-E", "separator=/t", "-E", "occurrence=f"]
    for f in FIELDS:
        cmd += ["-e", f]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit("tshark failed on %s: %s" % (path, res.stderr))
    with open(path + ".tshark.tsv", "w") as o:
        o.write(res.stdout)


def main():
    os.makedirs(OUT, exist_ok=True)
    captures = {
        "crafted_ethernet.pcap": (1, ethernet_frames()),
        "crafted_sll.pcap": (113, sll_frames()),
        "crafted_sll2.pcap": (276, sll2_frames()),
        "crafted_null_le.pcap": (0, null_frames("<")),
        "crafted_null_be.pcap": (0, null_frames(">")),
        "crafted_loop.pcap": (108, null_frames(">")[:5]),
        "crafted_raw101.pcap": (101, raw_frames()),
        "crafted_raw12.pcap": (12, raw_frames()),
        "crafted_raw14.pcap": (14, raw_frames()),
        "crafted_ipv4_228.pcap": (228, raw_frames()[:1] + raw_frames()[3:]),
        "crafted_ipv6_229.pcap": (229, raw_frames()[1:2]),
    }
    with open(os.path.join(OUT, "FRAMES.tsv"), "w") as notes:
        notes.write("capture\tframe\twhat it exercises\n")
        for name, (lt, frames) in captures.items():
            p = os.path.join(OUT, name)
            write_pcap(p, lt, frames)
            oracle(p)
            for i, (_, _, note) in enumerate(frames):
                notes.write("%s\t%d\t%s\n" % (name, i + 1, note))
    version = subprocess.run(["tshark", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    print("wrote", ", ".join(captures), "with oracles from", version)


if __name__ == "__main__":
    main()
