#!/usr/bin/env python3
"""Writes testdata/crafted/crafted_netproto.pcap and its tshark oracles.

Frames for the grammars of ICMP, ICMPv6 (Neighbor Discovery, MLD), AH, ESP (and ESP in UDP 4500),
HIP, the Mobility Header and OSPF v2/v3 that the third-party corpus does not reach: every ICMP
message body, error messages whose quoted datagram ends in any header, every ND option, MLDv2,
AH in IPv4 and tunnel mode, ESP over IPv6 and the non-ESP marker and keepalive of UDP 4500, HIP
(no public capture has any) with each decoded parameter, MH messages and options, OSPF LSA bodies
and authentication types, and lying lengths. The oracles are made as the corpus's (tshark 4.0.17,
-2, occurrence=f): NAME.tshark.tsv with the fields of make-crafted-captures.py and
NAME.tshark-app.tsv with the corpus's application field list. Run from the repository root:

    python3 scripts/make-crafted-netproto.py

Needs tshark 4.0.x on the PATH; the frames are built here byte by byte (no third-party modules).
"""
import importlib.util
import ipaddress
import os
import struct
import subprocess
import sys

_here = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("crafted", os.path.join(_here, "make-crafted-captures.py"))
crafted = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(crafted)
eth, ipv4, ipv6, ext, udp, tcp, csum, pad60 = (crafted.eth, crafted.ipv4, crafted.ipv6, crafted.ext, crafted.udp, crafted.tcp,
                                               crafted.csum, crafted.pad60)

NAME = "crafted_netproto.pcap"
# the corpus's tshark-app.tsv columns (MANIFEST.tsv of ../shared/testdata/captures)
APP_FIELDS = ("frame.number icmp.type icmp.code icmpv6.type icmpv6.code dns.id dns.flags.response dns.qry.name dns.qry.type "
              "dns.count.answers dns.a ftp.request.command ftp.response.code http.request.method http.request.uri "
              "http.request.version http.response.code http.host http.content_length http2.type http2.streamid "
              "http2.header.name ipx.dst.net ipx.src.net ipx.packet_type llc.dsap ospf.version ospf.msg ospf.srcrouter "
              "ospf.area_id l2tp.type l2tp.tunnel l2tp.session pppoe.session_id ppp.protocol ah.spi ah.sequence esp.spi "
              "esp.sequence hip.packet_type mip6.mhtype ipv6.routing.type ipv6.routing.segleft ipv6.hopopts.nxt "
              "ipv6.dstopts.nxt ipv6.fraghdr.offset ipv6.fraghdr.more ipv6.fraghdr.ident ip.frag_offset sll.pkttype "
              "null.family").split()

A6 = "2001:db8::1"
B6 = "2001:db8::2"


def ip4(s):
    return bytes(map(int, s.split(".")))


def ip6(s):
    return ipaddress.IPv6Address(s).packed


# ---- ICMP ----

def icmp(typ, code, rest, payload=b""):
    m = struct.pack("!BBH", typ, code, 0) + rest + payload
    return m[:2] + struct.pack("!H", csum(m)) + m[4:]


def quote4(proto, transport, total=None, options=b""):
    """The start of an IPv4 datagram as an ICMP error quotes it (its total length says more was sent)."""
    return ipv4(proto, transport, src="10.0.0.2", dst="192.0.2.7", total=total or 20 + len(options) + 512, options=options)


def icmp_frames(add):
    ping = b"abcdefghijklmnopqrstuvwxyz012345"
    add(eth(0x0800, ipv4(1, icmp(8, 0, struct.pack("!HH", 0x1234, 1), ping))), "ICMP echo request with data (raw)")
    add(eth(0x0800, ipv4(1, icmp(0, 0, struct.pack("!HH", 0x1234, 1), ping), src="10.0.0.2", dst="10.0.0.1")), "ICMP echo reply")
    add(eth(0x0800, ipv4(1, icmp(3, 3, b"\0" * 4, quote4(17, struct.pack("!HHHH", 40000, 33434, 520, 0))))),
        "ICMP port unreachable quoting IPv4 and the UDP header")
    add(eth(0x0800, ipv4(1, icmp(3, 4, struct.pack("!HH", 0, 1400), quote4(6, tcp(40001, 80, seq=7777)[:8])))),
        "ICMP fragmentation needed (next-hop MTU) quoting IPv4 and 8 bytes of TCP: the quote ends in the TCP header")
    add(eth(0x0800, ipv4(1, icmp(11, 0, b"\0" * 4, quote4(1, icmp(8, 0, struct.pack("!HH", 7, 9)))))),
        "ICMP time exceeded quoting IPv4 and an ICMP echo header")
    add(eth(0x0800, ipv4(1, icmp(12, 0, struct.pack("!BBH", 20, 0, 0),
                                 quote4(17, struct.pack("!HHHH", 5000, 53, 40, 0), options=b"\x94\x04\0\0")))),
        "ICMP parameter problem (pointer) quoting IPv4 with a Router Alert option and UDP")
    add(eth(0x0800, ipv4(1, icmp(5, 1, ip4("10.0.0.254"), quote4(17, struct.pack("!HHHH", 6000, 123, 56, 0))))),
        "ICMP redirect (gateway) quoting IPv4 and UDP")
    add(eth(0x0800, ipv4(1, icmp(3, 1, b"\0" * 4, quote4(6, b"")[:12]))), "ICMP host unreachable whose quote ends inside the IPv4 header")
    add(eth(0x0800, ipv4(1, icmp(3, 1, b"\0" * 4, quote4(6, b"")))), "ICMP host unreachable quoting an IPv4 header and nothing after it")
    add(eth(0x0800, ipv4(1, icmp(3, 0, b"\0" * 4, b""))), "ICMP net unreachable quoting nothing")
    # RFC 4884: 128 bytes of quoted datagram (32 words) then an extension structure (version 2, one object)
    q = quote4(17, struct.pack("!HHHH", 7000, 7001, 500, 0) + b"\0" * 100)[:128]
    ext_obj = struct.pack("!HBB", 8, 1, 1) + struct.pack("!I", 0x00012141)
    ext_hdr = struct.pack("!BBH", 0x20, 0, 0)
    ext_hdr = ext_hdr[:2] + struct.pack("!H", csum(ext_hdr + ext_obj)) + ext_hdr[4:]
    add(eth(0x0800, ipv4(1, icmp(11, 0, struct.pack("!BBH", 0, 32, 0), q + ext_hdr + ext_obj))),
        "ICMP time exceeded with an RFC 4884 length (128 quoted bytes) and an MPLS extension after the quote")
    add(eth(0x0800, ipv4(1, icmp(4, 0, b"\0" * 4, quote4(17, struct.pack("!HHHH", 9, 9, 8, 0))))), "ICMP source quench")
    add(eth(0x0800, ipv4(1, icmp(13, 0, struct.pack("!HHIII", 0x42, 1, 3600000, 0, 0)))), "ICMP timestamp request")
    add(eth(0x0800, ipv4(1, icmp(14, 0, struct.pack("!HHIII", 0x42, 1, 3600000, 3600010, 3600011)))), "ICMP timestamp reply")
    add(eth(0x0800, ipv4(1, icmp(15, 0, struct.pack("!HH", 5, 6)))), "ICMP information request")
    add(eth(0x0800, ipv4(1, icmp(17, 0, struct.pack("!HH", 5, 6), ip4("0.0.0.0")))), "ICMP address mask request")
    add(eth(0x0800, ipv4(1, icmp(18, 0, struct.pack("!HH", 5, 6), ip4("255.255.255.0")))), "ICMP address mask reply")
    add(eth(0x0800, ipv4(1, icmp(9, 0, struct.pack("!BBH", 2, 2, 1800), ip4("10.0.0.254") + struct.pack("!i", 0)
                                 + ip4("10.0.0.253") + struct.pack("!i", -5)), dst="224.0.0.1", ttl=1)),
        "ICMP router advertisement with two entries")
    add(eth(0x0800, ipv4(1, icmp(10, 0, b"\0" * 4), dst="224.0.0.2", ttl=1)), "ICMP router solicitation")
    add(eth(0x0800, ipv4(1, icmp(42, 0, struct.pack("!HBB", 1, 1, 0)))), "ICMP type 42 (extended echo): rest of header kept")
    add(eth(0x0800, ipv4(1, b"\x08\x00\x00")), "ICMP header cut after 3 bytes: malformed")


# ---- ICMPv6 ----

def icmp6(typ, code, body, src=A6, dst=B6):
    m = struct.pack("!BBH", typ, code, 0) + body
    pseudo = ip6(src) + ip6(dst) + struct.pack("!IxxxB", len(m), 58)
    c = csum(pseudo + m)
    return m[:2] + struct.pack("!H", c) + m[4:]


def v6(nxt, payload, src=A6, dst=B6, hlim=64):
    return eth(0x86DD, ipv6(nxt, payload, src=src, dst=dst, hlim=hlim))


def nd_opt(typ, data):
    assert (len(data) + 2) % 8 == 0, (typ, len(data))
    return struct.pack("!BB", typ, (len(data) + 2) // 8) + data


def quote6(nxt, transport, plen=None):
    return ipv6(nxt, transport, src=B6, dst="2001:db8::77", plen=plen or len(transport) + 400)


def icmpv6_frames(add):
    mac = bytes.fromhex("020000000001")
    add(v6(58, icmp6(128, 0, struct.pack("!HH", 0x99, 1) + b"ping6")), "ICMPv6 echo request with data")
    add(v6(58, icmp6(129, 0, struct.pack("!HH", 0x99, 1) + b"ping6", src=B6, dst=A6), src=B6, dst=A6), "ICMPv6 echo reply")
    add(v6(58, icmp6(1, 4, b"\0" * 4 + quote6(17, struct.pack("!HHHH", 5353, 5353, 420, 0) + b"q" * 20))),
        "ICMPv6 port unreachable quoting IPv6, UDP and data")
    add(v6(58, icmp6(2, 0, struct.pack("!I", 1280) + quote6(6, tcp(40002, 443, seq=99, ack=5, flags=0x18)))),
        "ICMPv6 packet too big quoting IPv6 and a whole TCP header")
    add(v6(58, icmp6(3, 0, b"\0" * 4 + quote6(58, icmp6(128, 0, struct.pack("!HH", 1, 2)), plen=8))),
        "ICMPv6 time exceeded quoting IPv6 and an echo request")
    add(v6(58, icmp6(4, 1, struct.pack("!I", 40) + quote6(60, b"\x11\x00\x01\x04\0\0\0\0"))),
        "ICMPv6 parameter problem (pointer) quoting IPv6 with a destination options header")
    add(v6(58, icmp6(1, 3, b"\0" * 4 + quote6(6, b"")[:24])), "ICMPv6 address unreachable whose quote ends inside the IPv6 header")
    add(v6(58, icmp6(133, 0, b"\0" * 4 + nd_opt(1, mac), dst="ff02::2"), dst="ff02::2", hlim=255), "ICMPv6 router solicitation with source link-layer address")
    prefix = struct.pack("!BBII4x", 64, 0xC0, 2592000, 604800) + ip6("2001:db8:1::")
    rdnss = struct.pack("!HI", 0, 600) + ip6("2001:db8::53") + ip6("2001:db8::54")
    names = b"\x07example\x03com\x00"
    dnssl = struct.pack("!HI", 0, 600) + names + b"\0" * ((8 - (6 + len(names) + 2) % 8) % 8)
    route = struct.pack("!BBI", 48, 0x08, 1800) + ip6("2001:db8:2::")[:8]
    ra = struct.pack("!BBHII", 64, 0xC8, 1800, 30000, 1000) + nd_opt(1, mac) + nd_opt(5, struct.pack("!HI", 0, 1500)) + \
        nd_opt(3, prefix) + nd_opt(25, rdnss) + nd_opt(31, dnssl) + nd_opt(24, route) + nd_opt(14, b"\x01\x02\x03\x04\x05\x06")
    add(v6(58, icmp6(134, 0, ra, src="fe80::1", dst="ff02::1"), src="fe80::1", dst="ff02::1", hlim=255),
        "ICMPv6 router advertisement: flags, MTU, prefix, RDNSS, DNSSL, route information and an unknown (nonce) option")
    add(v6(58, icmp6(135, 0, b"\0" * 4 + ip6(B6) + nd_opt(1, mac), dst="ff02::1:ff00:2"), dst="ff02::1:ff00:2", hlim=255),
        "ICMPv6 neighbor solicitation")
    add(v6(58, icmp6(136, 0, struct.pack("!I", 0x60000000) + ip6(B6) + nd_opt(2, mac), src=B6, dst=A6), src=B6, dst=A6, hlim=255),
        "ICMPv6 neighbor advertisement (solicited, override)")
    redirected = nd_opt(4, b"\0" * 6 + quote6(17, struct.pack("!HHHH", 1, 2, 8, 0))[:40])
    add(v6(58, icmp6(137, 0, b"\0" * 4 + ip6("fe80::2") + ip6("2001:db8:9::9") + nd_opt(2, mac) + redirected,
                     src="fe80::1", dst=A6), src="fe80::1", dst=A6, hlim=255),
        "ICMPv6 redirect with target link-layer address and redirected header options")
    hbh = ext(58, b"\x05\x02\x00\x00\x01\x00")  # router alert (MLD), PadN
    add(v6(0, hbh + icmp6(130, 0, struct.pack("!HH", 10000, 0) + bytes(16), src="fe80::1", dst="ff02::1"), src="fe80::1",
           dst="ff02::1", hlim=1), "MLDv1 general query")
    add(v6(0, hbh + icmp6(131, 0, struct.pack("!HH", 0, 0) + ip6("ff02::fb"), src="fe80::1", dst="ff02::fb"), src="fe80::1",
           dst="ff02::fb", hlim=1), "MLDv1 report")
    add(v6(0, hbh + icmp6(132, 0, struct.pack("!HH", 0, 0) + ip6("ff02::fb"), src="fe80::1", dst="ff02::2"), src="fe80::1",
           dst="ff02::2", hlim=1), "MLDv1 done")
    q2 = struct.pack("!HH", 1000, 0) + ip6("ff05::1:3") + struct.pack("!BBH", 0x0A, 125, 2) + ip6(A6) + ip6(B6)
    add(v6(0, hbh + icmp6(130, 0, q2, src="fe80::1", dst="ff05::1:3"), src="fe80::1", dst="ff05::1:3", hlim=1),
        "MLDv2 group-and-source-specific query (S flag, QRV, two sources)")
    recs = struct.pack("!BBH", 1, 1, 1) + ip6("ff05::1:3") + ip6(A6) + b"AUXD" + struct.pack("!BBH", 4, 0, 0) + ip6("ff02::fb")
    add(v6(0, hbh + icmp6(143, 0, struct.pack("!HH", 0, 2) + recs, src="fe80::1", dst="ff02::16"), src="fe80::1",
           dst="ff02::16", hlim=1), "MLDv2 report with two records (sources, auxiliary data)")
    add(v6(58, icmp6(135, 0, b"\0" * 4 + ip6(B6) + b"\x01\x00" + mac, dst="ff02::1:ff00:2"), dst="ff02::1:ff00:2", hlim=255),
        "ICMPv6 neighbor solicitation with an option of length 0 (an option loop): malformed")
    add(v6(58, icmp6(135, 0, b"\0" * 4 + ip6(B6) + b"\x01\x03" + mac, dst="ff02::1:ff00:2"), dst="ff02::1:ff00:2", hlim=255),
        "ICMPv6 neighbor solicitation with an option longer than the message: malformed")


# ---- AH, ESP ----

def ah(nxt, spi, seq, icv=b"\x11" * 12, payload=b"", plen=None):
    pl = plen if plen is not None else (12 + len(icv)) // 4 - 2
    return struct.pack("!BBHII", nxt, pl, 0, spi, seq) + icv + payload


def ipsec_frames(add):
    add(eth(0x0800, ipv4(51, ah(1, 0xA1B2C3D4, 7, payload=icmp(8, 0, struct.pack("!HH", 3, 4), b"ahping")))),
        "IPv4 AH (transport mode) carrying an ICMP echo")
    add(eth(0x0800, ipv4(51, ah(4, 0x1001, 8, payload=ipv4(17, udp(40000, 40001, b"tunnel"), src="172.16.0.1",
                                                                    dst="172.16.0.2")))), "IPv4 AH tunnel mode (IPv4 in AH)")
    add(v6(51, ah(6, 0x2002, 9, icv=b"\x22" * 12, payload=tcp(1234, 22, seq=1, ack=2, flags=0x10))), "IPv6 AH carrying TCP")
    add(eth(0x0800, ipv4(51, ah(17, 0x3003, 1, icv=b"", plen=0) + udp(1, 2, b"x"))), "AH payload length 0 (below the fixed part): malformed")
    add(eth(0x0800, ipv4(51, ah(17, 0x3004, 1, icv=b"\0" * 4, plen=40))), "AH payload length beyond the datagram: malformed")
    esp_body = bytes(range(48))
    add(eth(0x0800, ipv4(50, struct.pack("!II", 0xC0FFEE01, 42) + esp_body)), "IPv4 ESP")
    add(v6(50, struct.pack("!II", 0xC0FFEE02, 43) + esp_body), "IPv6 ESP")
    add(eth(0x0800, ipv4(17, udp(4500, 4500, struct.pack("!II", 0xC0FFEE03, 44) + esp_body))), "ESP in UDP 4500 (NAT traversal)")
    add(eth(0x0800, ipv4(17, udp(4500, 61000, struct.pack("!II", 0xC0FFEE04, 45) + esp_body))), "ESP in UDP from port 4500 to a high port")
    ike = bytes(8) + bytes(8) + struct.pack("!BBBBII", 33, 0x20, 34, 0x08, 0, 28)
    add(eth(0x0800, ipv4(17, udp(4500, 4500, b"\0\0\0\0" + ike))), "UDP 4500 with the zero non-ESP marker (IKE): not ESP")
    add(pad60(eth(0x0800, ipv4(17, udp(4500, 4500, b"\xff")))), "UDP 4500 NAT-keepalive (one byte 0xff): not ESP")
    add(eth(0x0800, ipv4(50, struct.pack("!I", 0xC0FFEE05) + b"\0\0")), "ESP cut inside the sequence number: malformed")


# ---- HIP ----

HIT_I = ip6("2001:2a:11:22:33:44:55:66")
HIT_R = ip6("2001:2a:aa:bb:cc:dd:ee:ff")


def hip_param(typ, contents):
    pad = 7 - (len(contents) + 3) % 8
    return struct.pack("!HH", typ, len(contents)) + contents + b"\0" * pad


def hip(ptype, params, nxt=59, hlen=None, version=2, pseudo=None):
    """A HIP packet; with pseudo (the IP pseudo-header's addresses) its checksum is computed."""
    hl = hlen if hlen is not None else (40 + len(params)) // 8 - 1
    m = struct.pack("!BBBBHH", nxt, hl, ptype & 0x7F, (version << 4) | 1, 0, 0) + HIT_I + HIT_R + params
    if pseudo is not None:
        if len(pseudo) == 32:  # IPv6: addresses, upper-layer length, next header
            pseudo += struct.pack("!IxxxB", len(m), 139)
        else:  # IPv4: addresses, zero, protocol, length
            pseudo += struct.pack("!xBH", 139, len(m))
        m = m[:4] + struct.pack("!H", csum(pseudo + m)) + m[6:]
    return m


def hip_frames(add):
    add(v6(139, hip(1, b"", pseudo=ip6(A6) + ip6(B6))), "HIP I1 (no parameters)")
    host_id = struct.pack("!HHH", 68, (0 << 12) | 11, 7) + bytes(range(68)) + b"example.org"
    r1 = (hip_param(129, bytes(4) + struct.pack("!Q", 3)) + hip_param(257, struct.pack("!BBH", 10, 37, 0xBEEF) + bytes(16))
          + hip_param(511, bytes([19, 20])) + hip_param(513, struct.pack("!BH", 19, 16) + bytes(range(16)))
          + hip_param(579, struct.pack("!HH", 4, 2)) + hip_param(705, host_id) + hip_param(715, bytes([0x10, 0x20]))
          + hip_param(2049, struct.pack("!H", 4095)) + hip_param(61633, struct.pack("!H", 7) + bytes(32))
          + hip_param(9999, b"unknown!"))
    add(v6(139, hip(2, r1, pseudo=ip6(A6) + ip6(B6))), "HIP R1: R1_COUNTER, PUZZLE, DH_GROUP_LIST, DIFFIE_HELLMAN, HIP_CIPHER, HOST_ID, "
                             "HIT_SUITE_LIST, TRANSPORT_FORMAT_LIST, HIP_SIGNATURE_2 and an unknown parameter")
    i2 = (hip_param(65, struct.pack("!HHII", 0, 0, 0, 0x5000)) + hip_param(321, struct.pack("!BBH", 10, 0, 0xBEEF) + bytes(32))
          + hip_param(4095, struct.pack("!HH", 0, 1)) + hip_param(641, bytes(4) + bytes(range(24)))
          + hip_param(61505, bytes(20)) + hip_param(61697, struct.pack("!H", 5) + bytes(40)))
    add(v6(139, hip(3, i2, pseudo=ip6(A6) + ip6(B6))), "HIP I2: ESP_INFO, SOLUTION, ESP_TRANSFORM, ENCRYPTED, HIP_MAC, HIP_SIGNATURE")
    locator = struct.pack("!BBBBI", 0, 1, 4, 1, 3600) + ip6(A6)
    upd = (hip_param(385, struct.pack("!I", 1)) + hip_param(449, struct.pack("!II", 1, 2)) + hip_param(193, locator)
           + hip_param(897, b"echo-me") + hip_param(61505, bytes(20)))
    add(v6(139, hip(16, upd, pseudo=ip6(A6) + ip6(B6))), "HIP UPDATE: SEQ, ACK, LOCATOR_SET, ECHO_REQUEST_SIGNED, HIP_MAC")
    add(eth(0x0800, ipv4(139, hip(17, hip_param(832, struct.pack("!HH", 0, 14) + b"notified"), pseudo=ip4("10.0.0.1") + ip4("10.0.0.2")))), "HIP NOTIFY over IPv4")
    add(v6(139, hip(18, hip_param(897, b"bye") + hip_param(61505, bytes(20)) + hip_param(61697, struct.pack("!H", 5) + bytes(8)), pseudo=ip6(A6) + ip6(B6))),
        "HIP CLOSE")
    add(v6(139, hip(1, b"", hlen=20)), "HIP header length beyond the packet: malformed")
    add(v6(139, hip(1, b"", hlen=3)), "HIP header length 3 (below the fixed 40 bytes): malformed")


# ---- Mobility Header ----

def mh(mtype, body, nxt=59):
    total = 6 + len(body)
    assert total % 8 == 0, (mtype, total)
    return struct.pack("!BBBBH", nxt, total // 8 - 1, mtype, 0, 0) + body


def padn(length):
    """The Pad1 or PadN option that brings a Mobility Header of length bytes to a multiple of 8."""
    need = (8 - length % 8) % 8
    return b"" if need == 0 else b"\x00" if need == 1 else struct.pack("!BB", 1, need - 2) + b"\0" * (need - 2)


def mh_frames(add):
    mnp = struct.pack("!BB", 6, 18) + struct.pack("!BB", 0, 48) + ip6("2001:db8:100::")
    bu = struct.pack("!HHH", 77, 0xC000 | 0x0400, 100) + mnp + struct.pack("!BBH", 2, 2, 60) + struct.pack("!BBHH", 4, 4, 1, 2)
    bu += padn(6 + len(bu))
    homeaddr = ext(135, b"\xc9\x10" + ip6("2001:db8:100::1") + b"\x01\x02\x00\x00")
    add(v6(60, homeaddr + mh(5, bu)), "IPv6 destination options (home address) then an MH Binding Update with mobile network "
                                     "prefix, refresh advice and nonce indices options (mobile router)")
    ba = struct.pack("!BBHH", 0, 0x80, 77, 100) + struct.pack("!BBH", 2, 2, 60)
    add(v6(135, mh(6, ba)), "MH Binding Acknowledgement with a Binding Refresh Advice")
    add(v6(135, mh(8, b"\0" * 10)), "MH type 8 (fast binding update): kept as bytes")
    add(v6(135, mh(5, struct.pack("!HHH", 1, 0, 1) + b"\x01\x09\0\0")),
        "MH Binding Update with an option longer than the header: malformed")
    add(v6(135, struct.pack("!BBBBH", 59, 5, 5, 0, 0) + bytes(10)), "MH header length beyond the packet: malformed")


# ---- OSPF ----

def ospf2(mtype, body, router="1.1.1.1", area="0.0.0.0", autype=0, auth=bytes(8), trailer=b""):
    length = 24 + len(body)
    return struct.pack("!BBH4s4sHH", 2, mtype, length, ip4(router), ip4(area), 0, autype) + auth + body + trailer


def lsa2(ltype, lsid, adv, body, age=1, options=0x22, seq=0x80000001):
    return struct.pack("!HBB4s4sIHH", age, options, ltype, ip4(lsid), ip4(adv), seq, 0, 20 + len(body)) + body


def ospf3(mtype, body, router="1.1.1.1", area="0.0.0.0", instance=0):
    return struct.pack("!BBH4s4sHBB", 3, mtype, 16 + len(body), ip4(router), ip4(area), 0, instance, 0) + body


def lsa3(ltype, lsid, adv, body, age=1, seq=0x80000001):
    return struct.pack("!HH4s4sIHH", age, ltype, ip4(lsid), ip4(adv), seq, 0, 20 + len(body)) + body


def ospf_frames(add):
    hello = struct.pack("!4sHBBI4s4s", ip4("255.255.255.0"), 10, 0x02, 1, 40, ip4("10.0.0.1"), ip4("0.0.0.0")) + ip4("2.2.2.2")
    add(eth(0x0800, ipv4(89, ospf2(1, hello, autype=1, auth=b"secret\0\0"), dst="224.0.0.5", ttl=1)),
        "OSPFv2 Hello with simple password authentication")
    router = struct.pack("!BBH", 0x03, 0, 2) + struct.pack("!4s4sBBH", ip4("10.0.0.0"), ip4("255.255.255.0"), 3, 1, 10) + \
        struct.pack("!BxH", 8, 20) + struct.pack("!4s4sBBH", ip4("2.2.2.2"), ip4("10.0.0.1"), 1, 0, 5)
    summary = ip4("255.255.0.0") + struct.pack("!I", 30) + struct.pack("!I", (8 << 24) | 40)
    asbr = ip4("0.0.0.0") + struct.pack("!I", 15)
    external = ip4("255.255.255.0") + struct.pack("!I", 0x80000000 | 20) + ip4("0.0.0.0") + struct.pack("!I", 99) + \
        struct.pack("!I", 0x88000000 | 25) + ip4("10.0.0.9") + struct.pack("!I", 7)
    nssa = ip4("255.255.255.0") + struct.pack("!I", 20) + ip4("10.0.0.5") + struct.pack("!I", 0)
    opaque = b"\x00\x01\x00\x04\x0a\x00\x00\x01"
    lsas = [lsa2(1, "1.1.1.1", "1.1.1.1", router), lsa2(3, "172.16.0.0", "1.1.1.1", summary), lsa2(4, "3.3.3.3", "1.1.1.1", asbr),
            lsa2(5, "192.0.2.0", "1.1.1.1", external), lsa2(7, "198.51.100.0", "1.1.1.1", nssa),
            lsa2(10, "1.0.0.1", "1.1.1.1", opaque)]
    upd = struct.pack("!I", len(lsas)) + b"".join(lsas)
    add(eth(0x0800, ipv4(89, ospf2(4, upd, area="0.0.0.1"), dst="224.0.0.5", ttl=1)),
        "OSPFv2 LS Update: router (with a TOS metric), summary, ASBR summary, AS-external (with a TOS entry), NSSA and opaque LSAs")
    ack = b"".join(l[:20] for l in lsas[:3])
    add(eth(0x0800, ipv4(89, ospf2(5, ack, area="0.0.0.1"), dst="224.0.0.5", ttl=1)), "OSPFv2 LS Acknowledge")
    req = struct.pack("!I4s4s", 1, ip4("1.1.1.1"), ip4("1.1.1.1")) + struct.pack("!I4s4s", 5, ip4("192.0.2.0"), ip4("1.1.1.1"))
    add(eth(0x0800, ipv4(89, ospf2(3, req))), "OSPFv2 LS Request")
    dd = struct.pack("!HBBI", 1500, 0x52, 0x07, 4242)
    lls = struct.pack("!HH", 0, 3) + struct.pack("!HHI", 1, 4, 1)
    add(eth(0x0800, ipv4(89, ospf2(2, dd, autype=2, auth=struct.pack("!HBBI", 0, 1, 16, 100), trailer=bytes(range(16)) + lls))),
        "OSPFv2 DB Description with cryptographic authentication, its digest and an LLS block")
    add(eth(0x0800, ipv4(89, ospf2(4, struct.pack("!I", 3) + lsas[0]))), "OSPFv2 LS Update announcing 3 LSAs and carrying 1: malformed")
    add(eth(0x0800, ipv4(89, struct.pack("!BBH", 4, 1, 24) + bytes(20))), "OSPF version 4: the common header, the message kept as bytes (not malformed, as in tshark)")
    add(eth(0x0800, ipv4(89, ospf2(1, hello)[:2] + struct.pack("!H", 20) + ospf2(1, hello)[4:])), "OSPFv2 packet length 20: malformed")
    # version 3
    hello3 = struct.pack("!IBBHHH4s4s", 5, 1, 0, 0x13, 10, 40, ip4("0.0.0.0"), ip4("0.0.0.0")) + ip4("2.2.2.2")
    add(v6(89, ospf3(1, hello3, instance=1), src="fe80::1", dst="ff02::5", hlim=1), "OSPFv3 Hello (instance 1)")
    r3 = struct.pack("!BBH", 0x01, 0, 0x13) + struct.pack("!BBHII4s", 2, 0, 10, 5, 6, ip4("2.2.2.2"))
    n3 = struct.pack("!I", 0x13) + ip4("1.1.1.1") + ip4("2.2.2.2")
    iar = struct.pack("!II", 0x13, 20) + ip4("4.4.4.4")
    ext3 = struct.pack("!I", 0x07000000 | 20) + struct.pack("!BBH", 64, 0, 0x2001) + ip6("2001:db8:5::")[:8] + ip6("2001:db8::fe") + \
        struct.pack("!I", 77) + ip4("0.0.0.9")
    link = struct.pack("!I", (1 << 24) | 0x13) + ip6("fe80::1") + struct.pack("!I", 1) + struct.pack("!BBH", 64, 0, 0) + ip6("2001:db8:6::")[:8]
    intra = struct.pack("!HH4s4s", 2, 0x2001, ip4("0.0.0.0"), ip4("1.1.1.1")) + struct.pack("!BBH", 64, 0, 10) + ip6("2001:db8:7::")[:8] + \
        struct.pack("!BBH", 128, 0, 0) + ip6("2001:db8::7")
    lsas3 = [lsa3(0x2001, "0.0.0.0", "1.1.1.1", r3), lsa3(0x2002, "0.0.0.5", "1.1.1.1", n3), lsa3(0x2004, "0.0.0.1", "1.1.1.1", iar),
             lsa3(0x4005, "0.0.0.2", "1.1.1.1", ext3), lsa3(0x0008, "0.0.0.5", "1.1.1.1", link), lsa3(0x2009, "0.0.0.0", "1.1.1.1", intra),
             lsa3(0x200A, "0.0.0.0", "1.1.1.1", b"\0\0\0\0")]
    add(v6(89, ospf3(4, struct.pack("!I", len(lsas3)) + b"".join(lsas3)), src="fe80::1", dst="ff02::5", hlim=1),
        "OSPFv3 LS Update: router, network, inter-area-router, AS-external (F and T bits), link, intra-area-prefix and an unknown LSA")
    req3 = struct.pack("!HH4s4s", 0, 0x2001, ip4("0.0.0.0"), ip4("2.2.2.2"))
    add(v6(89, ospf3(3, req3), src="fe80::1", dst="fe80::2", hlim=1), "OSPFv3 LS Request")
    dd3 = struct.pack("!BBHHBBI", 0, 0, 0x13, 1500, 0, 0x07, 99) + lsas3[0][:20]
    add(v6(89, ospf3(2, dd3), src="fe80::1", dst="fe80::2", hlim=1), "OSPFv3 DB Description with an LSA header")


def frames():
    f = []
    add = lambda b, note, cap=None: f.append((b, cap, note))
    icmp_frames(add)
    icmpv6_frames(add)
    ipsec_frames(add)
    hip_frames(add)
    mh_frames(add)
    ospf_frames(add)
    # found by scripts/conformance-fuzz.py: an error's quote that does not start with version 6
    add(v6(58, icmp6(1, 0, bytes(4) + bytes([0x45]) + bytes(range(1, 24)))), "ICMPv6 unreachable quoting bytes of version 4: raw")
    add(v6(58, icmp6(3, 0, bytes(4) + bytes(2))), "ICMPv6 time exceeded quoting 2 bytes of version 0: raw")
    add(eth(0x0800, ipv4(62, mh(0, b"\0\0" + padn(8)))), "a Mobility Header under IP protocol 62 (the drafts' number), as tshark")
    # the payload protocol is for a future extension: nothing after the header is dissected (tshark)
    add(v6(135, mh(0, b"\0\0", nxt=17) + struct.pack("!HHHH", 50030, 7, 10, 0) + b"hi"),
        "MH Binding Refresh Request with payload protocol 17 and a UDP header after it: raw")
    # an RFC 4884 length under 32 words (128 bytes, the least quote with extensions) is none, as in tshark: the whole rest is the quote
    add(eth(0x0800, ipv4(1, icmp(11, 0, struct.pack("!BBH", 0, 4, 0), quote4(17, struct.pack("!HHHH", 7002, 7, 48, 0) + b"x" * 40)))),
        "ICMP time exceeded whose length byte is 4 (16 bytes, under RFC 4884's 128): the whole quote is dissected, UDP included")
    return f


def oracle(path, fields, suffix):
    cmd = ["tshark", "-2", "-r", path, "-o", "tcp.reassemble_out_of_order:TRUE", "-T", "fields", "-E", "header=y",
           "-E", "separator=/t", "-E", "occurrence=f"]
    for x in fields:
        cmd += ["-e", x]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit("tshark failed on %s: %s" % (path, res.stderr))
    with open(path + suffix, "w") as o:
        o.write(res.stdout)


def main():
    os.makedirs(crafted.OUT, exist_ok=True)
    fs = frames()
    p = os.path.join(crafted.OUT, NAME)
    crafted.write_pcap(p, 1, fs)
    oracle(p, crafted.FIELDS, ".tshark.tsv")
    oracle(p, APP_FIELDS, ".tshark-app.tsv")
    with open(os.path.join(crafted.OUT, "FRAMES-netproto.tsv"), "w") as notes:
        notes.write("capture\tframe\twhat it exercises\n")
        for i, (_, _, note) in enumerate(fs):
            notes.write("%s\t%d\t%s\n" % (NAME, i + 1, note))
    version = subprocess.run(["tshark", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    print("wrote", NAME, "(%d frames)" % len(fs), "with oracles from", version)


if __name__ == "__main__":
    main()
