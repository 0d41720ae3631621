#!/usr/bin/env python3
"""Writes random captures of the core protocols, with their tshark oracles, for a differential run
against tshark (the conformance test's comparison, on captures nobody picked by hand).

Each frame is built from the crafted captures' helpers with random field values: VLAN stacks,
802.3/LLC, ARP with odd lengths, IPv4 with random header and total lengths, options and fragment
fields, IPv6 extension-header chains, TCP with random data offsets, flags and option bytes, UDP
with random lengths, UDP-Lite, ICMP, DNS messages and HTTP/1.x messages, tunnels (GRE with its
optional fields and PPTP's version, EtherIP, MPLS label stacks and pseudowires, VXLAN, Geneve with
options), and random snap-length cuts; HTTP/1.1 conversations over random segments (see http_conversations); and a pcapng file
of random layout (see write_pcapng). The same seed gives the same bytes. Run from the repository root:

    python3 scripts/conformance-fuzz.py OUT_DIR [SEED] [FRAMES]
    mvn -B -pl runtime -am test -Dtest=ConformanceTest -Dsurefire.failIfNoSpecifiedTests=false \\
        -Dpcapkit.conformance.extra=OUT_DIR

Needs tshark 4.0.x on the PATH. The oracles use the corpus's -e lists (FIELDS and APP_FIELDS).

The run is a search, not a gate: it reports the frames where we and tshark differ. Some differences
are known and kept on purpose (AcceptedDifferences lists one crafted frame of each): a header cut by
the snap length or malformed in a field keeps every whole field read before the cut (tshark shows
none or few; a run of bit fields shows the fields in the bytes present, so an IPv6 header cut after 2 bytes
shows its traffic class, which tshark reads from 4); a DNS message cut short over TCP; a DNS UPDATE's counts, which tshark names by their UPDATE
meaning; HTTP start lines tshark accepts and we do not (a two-digit status, "HTTP/1.x") or the
reverse (a request line ending in HTTP/2.0); a header line folded onto the one before it
(obs-fold: it starts with a space or tab), where tshark 4.0 ends the header section and shows the
rest as data, and we report the message malformed at that line, as RFC 9112 section 5.2 lets a
recipient reject it (the line belongs to the field before; app_http.pcap frame 28, whose compared
fields agree); over TCP, a chunked message split just before its
final LF (tshark shows it complete one segment early); FTP lines without their CRLF, or binary
bytes on port 21 (tshark's FTP does not reassemble and ends a command at a NUL); UDP-Lite cut inside
its header (tshark still shows the udp.length it works out; our len comes after the header's fields,
which the cut stops before); a LINKTYPE_RAW frame of fewer than 8 captured bytes
(tshark's raw dissector reads offset 6 before looking at the version, and stops there); a port
tshark's tables give to a protocol we do not dissect (MIKEY on 2269) where our HTTP heuristic
finds HTTP; an IPv6 payload length of 0 without a jumbo option, where tshark 4.0 gives the next
header no bytes (malformed, no fields) and we dissect what was captured, since Linux's BIG TCP
captures look like that (as IPv4's total length 0 does from segmentation offload); an MPLS
pseudowire's control word, which tshark 4.0 tells from a bare Ethernet frame by whether the first
12 bytes look like MAC addresses of vendors its OUI database knows (we take a first nibble 0 as a
control word, as Wireshark 4.2 does when unsure); any UDP payload on port 1900, which tshark shows
as SSDP (our guarded grammar wants an HTTP start line); a payload cut to fewer bytes than the guard
needs on an HTTP port; on an HTTP port, bytes that start no message and that the stream cannot join
to one (a body segment the capture cut, data after lost segments), which tshark shows as HTTP
continuation and our guarded grammar leaves raw (also the bulk of what header-only copies of the
corpus, editcap -s 64/96/160, differ in; the rest there is an HTTP line the snap length cut, which
tshark takes as a whole line, a URI, version or header value cut short, where we show the message
truncated at that line);
an ICMPv6 error with an RFC 4884 length (tshark 4.0 drops the ICMPv6 layer from frame.protocols); a DNS
record whose typed data runs past its data length (tshark reads on past it, then finds the next
record by the length; we report the record malformed, and the records after it are not shown); a DNS
bit label (0x41, RFC 2673) after a label, which tshark 4.0 skips by its bit count (the name shows the
labels around it) and we report malformed at the name (an extended label of unknown type after a
label ends the name as tshark's "<Unknown extended label>", app_dns.pcap frames 25-27; as a name's
first byte, or reached through a pointer, both tools report it malformed, though through a pointer tshark 4.0 may
still show the name as <Unknown extended label> and read the type and class from the bytes after the pointer's target,
a misreading we do not copy); an HTTP 204 response with a User-Agent header sent to port 8080, which tshark
holds as a segment waiting for more (the same message to port 80, or without the header, or with
200, is HTTP in tshark too); protocols tshark has and we do not (DSR, Shim6, IP protocol 48, and on UDP the lower of two ports where
tshark has a protocol for it and we have one only for the higher, such as corosync on 5405 beside
Geneve's 6081); an 802.1Q tag with length 0 (tshark hands LLC the empty payload); a non-first
IPv6 fragment whose next header is Mobile IPv6's old number 62 (tshark dissects it, malformed); an AH
with payload length 0, which RFC 4302 rules out (its fixed fields alone take 3 words; tshark takes
an 8-byte header, reads the sequence number from the next header's bytes and dissects on, we report
the length malformed); a UDP payload on ports no table names that the snap length cut before tshark's
DNS heuristic could decide (tshark shows DNS, truncated; we have no DNS heuristic, only its ports);
a CIPSO option (IPv4 option 134) whose last byte is a tag of unknown type (tshark reads the tag's
length one byte past the option and marks the IPv4 header malformed, with nothing after it; we
show the option's bytes and dissect on). Tunnels (GRE, EtherIP, MPLS, VXLAN, Geneve) carry packets of the same
kinds. What it found and we fixed is in testdata/crafted.
"""
import importlib.util
import ipaddress
import os
import random
import struct
import subprocess
import sys

_here = os.path.dirname(os.path.abspath(__file__))


def _load(name, file):
    spec = importlib.util.spec_from_file_location(name, os.path.join(_here, file))
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m


crafted = _load("crafted", "make-crafted-captures.py")
netproto = _load("netproto", "make-crafted-netproto.py")
eth, ipv4, ipv6, ext, udp, tcp, arp = crafted.eth, crafted.ipv4, crafted.ipv6, crafted.ext, crafted.udp, crafted.tcp, crafted.arp

# ports no tshark dissector claims by default in 4.0 (checked with tshark -G decodes), and a few that do
QUIET_PORTS = [49152 + i for i in range(0, 4000, 37)]
BUSY_PORTS = [53, 80, 21, 8080]


def rbytes(r, n):
    return bytes(r.getrandbits(8) for _ in range(n))


def addr4(r):
    return "%d.%d.%d.%d" % (r.choice([10, 172, 192, 203]), r.randrange(256), r.randrange(256), r.randrange(1, 255))


def addr6(r):
    if r.random() < 0.2:
        return "::ffff:" + addr4(r)
    groups = [r.choice([0, 0, 0, r.randrange(65536)]) for _ in range(8)]
    groups[0] = 0x2001
    return str(ipaddress.IPv6Address(":".join("%x" % g for g in groups)))


def port(r):
    return r.choice(BUSY_PORTS) if r.random() < 0.1 else r.choice(QUIET_PORTS)


def ports(r):
    """A source and destination port; the source is new for every frame, so that tshark's TCP
    analysis never takes a random segment for a retransmission of an earlier one and withholds
    it from the application dissector."""
    global _next_port
    _next_port = 1024 + (_next_port - 1023) % 64000
    return _next_port, port(r)


_next_port = 1024


def sack(r):
    """A SACK option of 1 to 3 blocks; its length byte says so, or now and then a lie."""
    n = r.randrange(1, 4)
    length = 2 + 8 * n if r.random() < 0.9 else r.randrange(256)
    return bytes([5, length]) + b"".join(struct.pack("!II", r.getrandbits(32), r.getrandbits(32)) for _ in range(n))


def tcp_options(r):
    if r.random() < 0.3:
        return b""
    if r.random() < 0.2:  # random bytes: kinds and lengths that lie
        o = rbytes(r, r.choice([1, 2, 3, 4, 8, 12, 20, 40]))
    else:
        o = b""
        for _ in range(r.randrange(1, 6)):
            k = r.choice(["mss", "nop", "ws", "sackp", "ts", "sack", "eol", "unknown"])
            o += {"mss": lambda: struct.pack("!BBH", 2, 4, r.randrange(65536)),
                  "nop": lambda: b"\x01",
                  "ws": lambda: struct.pack("!BBB", 3, 3, r.randrange(16)),
                  "sackp": lambda: b"\x04\x02",
                  "ts": lambda: struct.pack("!BBII", 8, 10, r.getrandbits(32), r.getrandbits(32)),
                  "sack": lambda: sack(r),
                  "eol": lambda: b"\x00",
                  "unknown": lambda: bytes([r.choice([30, 34, 253, 254]), 4]) + rbytes(r, 2)}[k]()
    return (o + b"\x00" * 3)[:len(o) + (-len(o)) % 4][:40]


def ipv4_options(r):
    if r.random() < 0.6:
        return b""
    if r.random() < 0.3:
        o = rbytes(r, r.choice([4, 8, 12]))
    else:
        o = r.choice([b"\x01\x01\x01\x00", b"\x07\x07\x04" + bytes(4) + b"\x00",
                      b"\x94\x04\x00\x00", b"\x44\x0c\x05\x00" + bytes(8), b"\x82\x0b" + bytes(9) + b"\x00"])
    return (o + b"\x00" * 3)[:len(o) + (-len(o)) % 4]


def http_message(r):
    """An HTTP/1.x request or response in one segment: random methods, targets, versions, header
    fields (Host, Content-Length in any case and spacing) and bodies, sometimes cut or odd."""
    version = r.choice([b"HTTP/1.1", b"HTTP/1.1", b"HTTP/1.0", b"HTTP/2.0", b"HTTP/1.x"])
    if r.random() < 0.6:
        method = r.choice([b"GET", b"POST", b"HEAD", b"PUT", b"OPTIONS", b"DELETE", b"PATCH", b"get", b"FOO"])
        target = r.choice([b"/", b"/index.html", b"/a?b=c&d=%20e", b"*", b"http://example.com/x", b"/" + rbytes(r, 3).hex().encode()])
        start = method + b" " + target + b" " + version
    else:
        start = version + b" " + str(r.choice([200, 204, 301, 404, 500, 101, 99, 999])).encode() + r.choice([b" OK", b"", b" Not Found"])
    body = rbytes(r, r.choice([0, 0, 5, 40])).hex().encode()
    fields = []
    if r.random() < 0.7:
        fields.append(r.choice([b"Host", b"host", b"HOST"]) + b":" + r.choice([b" ", b"", b"  "]) + r.choice([b"example.com", b"a.b:8080", b"[::1]"]))
    if r.random() < 0.6:
        n = len(body) if r.random() < 0.8 else r.randrange(0, 100)
        fields.append(r.choice([b"Content-Length", b"content-length"]) + b": " + str(n).encode())
    for _ in range(r.randrange(3)):
        fields.append(r.choice([b"Accept", b"X-Y", b"User-Agent"]) + b": " + rbytes(r, 4).hex().encode())
    msg = start + b"\r\n" + b"".join(f + b"\r\n" for f in fields) + b"\r\n" + body
    if r.random() < 0.1:
        msg = msg[:r.randrange(1, len(msg))]
    return msg


def transport(r, proto):
    """(protocol number, bytes)"""
    payload = rbytes(r, r.choice([0, 0, 1, 5, 20, 100, 600]))
    if proto == 6 and r.random() < 0.15:
        sp, _ = ports(r)
        return 6, tcp(sp, r.choice([80, 8080]), seq=r.getrandbits(32), ack=r.getrandbits(32), flags=0x18,
                      window=r.randrange(65536), payload=http_message(r))
    if proto == 6:
        opts = tcp_options(r)
        doff = None
        if r.random() < 0.1:
            doff = r.randrange(16)
        flags = r.getrandbits(9) if r.random() < 0.5 else r.choice([0x02, 0x12, 0x10, 0x18, 0x11, 0x04])
        sp, dp = ports(r)
        t = tcp(sp, dp, seq=r.getrandbits(32), ack=r.getrandbits(32), flags=flags, window=r.randrange(65536),
                options=opts, payload=payload, doff=doff, res=r.randrange(8) if r.random() < 0.1 else 0)
        return 6, t
    if proto == 17:
        ln = None
        if r.random() < 0.15:
            ln = r.choice([0, 4, 7, 8, 9, 8 + len(payload) - 1, 8 + len(payload) + 3, 65535])
        sp, dp = ports(r)
        if r.random() < 0.15:  # a DNS message, sometimes cut or lying
            q = dns_message(r)
            if r.random() < 0.15:
                q = q[:r.randrange(len(q))]
            return 17, udp(sp, 53, q, ln if r.random() < 0.3 else None)
        return 17, udp(sp, dp, payload, ln)
    if proto == 136:  # UDP-Lite: the checksum coverage in place of the length
        sp, dp = ports(r)
        cov = r.choice([0, 8, 8 + len(payload), r.randrange(65536)])
        return 136, struct.pack("!HHHH", sp, dp, cov, 0) + payload
    if proto == 1:
        return 1, struct.pack("!BBHHH", r.choice([0, 8, 3, 11]), r.randrange(4), 0, r.randrange(65536), r.randrange(65536)) + payload[:40]
    return proto, payload


def dns_name(r, offsets):
    """A name: labels (letters, digits, sometimes odd bytes), maybe ending in a compression pointer."""
    out = b""
    for _ in range(r.choice([0, 1, 2, 3, 4])):
        n = r.choice([1, 3, 7, 12, 63]) if r.random() < 0.95 else r.randrange(64, 256)
        lab = bytes(r.choice(b"abcdefghijklmnopqrstuvwxyz0123456789-") for _ in range(min(n, 63)))
        if r.random() < 0.05:
            lab = rbytes(r, len(lab))
        # a length byte of 64 or more is an extended label type, a reserved one or a pointer
        out += bytes([n]) + lab
    if offsets and r.random() < 0.3:
        return out + struct.pack("!H", 0xC000 | r.choice(offsets + [r.randrange(0x4000)]))
    return out + b"\x00"


def dns_message(r):
    """A DNS message: header, questions and answers with common record types and compression."""
    qd, an = r.choice([0, 1, 1, 1, 2]), r.choice([0, 0, 1, 2, 3])
    flags = r.choice([0x0100, 0x8180, 0x8183, r.randrange(65536)])
    counts = [qd, an, r.choice([0, 0, 1]), r.choice([0, 0, 1])]
    if r.random() < 0.1:
        counts = [r.randrange(65536) for _ in range(4)]
    body = b""
    offsets = [12] if qd else []
    for _ in range(qd):
        offsets.append(12 + len(body))
        body += dns_name(r, offsets[:-1]) + struct.pack("!HH", r.choice([1, 28, 15, 16, 5, 12, 33, 255, r.randrange(65536)]), 1)
    # the records the counts announce (answers, authority, additional); with lying counts, the answers made
    records = an + counts[2] + counts[3] if counts[1] == an else an
    for _ in range(records):
        t = r.choice([1, 1, 28, 5, 15, 16, 2, 6, 12, r.randrange(65536)])
        rdata = {1: lambda: rbytes(r, 4), 28: lambda: rbytes(r, 16), 5: lambda: dns_name(r, offsets),
                 2: lambda: dns_name(r, offsets), 12: lambda: dns_name(r, offsets),
                 15: lambda: struct.pack("!H", r.randrange(100)) + dns_name(r, offsets),
                 16: lambda: bytes([5]) + b"hello"}.get(t, lambda: rbytes(r, r.randrange(0, 20)))()
        rdlen = len(rdata) if r.random() < 0.9 else r.randrange(0, 40)
        body += dns_name(r, offsets) + struct.pack("!HHIH", t, 1, r.getrandbits(32), rdlen) + rdata
    return struct.pack("!HHHHHH", r.randrange(65536), flags, *counts) + body


_depth = [0]


def inner_frame(r):
    """An Ethernet frame for a tunnel to carry: no further tunnel inside, no padding."""
    _depth[0] += 1
    try:
        etype, body = network(r)
        return eth(etype, body, dst=rbytes(r, 6), src=rbytes(r, 6))
    finally:
        _depth[0] -= 1


def inner_packet(r):
    """(ethertype, bytes) of an IP packet for a tunnel to carry."""
    _depth[0] += 1
    try:
        return (0x0800, ip4_packet(r)) if r.random() < 0.6 else (0x86DD, ip6_packet(r))
    finally:
        _depth[0] -= 1


def gre(r):
    """GRE (RFC 2784/2890, RFC 1701 routing) or PPTP's version 1, with a random payload type."""
    if r.random() < 0.2:  # PPTP: key (payload length, call id) always, sequence and ack optional
        s, a = r.random() < 0.5, r.random() < 0.5
        et, ip = inner_packet(r)
        ppp = (b"\xff\x03" if r.random() < 0.7 else b"") + (b"\x00\x21" if et == 0x0800 else b"\x00\x57") + ip
        head = struct.pack("!BBHHH", 0x20 | (0x10 if s else 0), 0x01 | (0x80 if a else 0), 0x880B,
                           len(ppp) if r.random() < 0.9 else r.randrange(65536), r.randrange(65536))
        return head + (struct.pack("!I", r.getrandbits(32)) if s else b"") + (struct.pack("!I", r.getrandbits(32)) if a else b"") + ppp
    c, rt, k, sq = (r.random() < 0.2 for _ in range(4))
    kind = r.choice(["ip", "ip", "teb", "mpls", "ppp", "other"])
    if kind == "ip":
        ptype, payload = inner_packet(r)
    elif kind == "teb":
        ptype, payload = 0x6558, inner_frame(r)
    elif kind == "mpls":
        ptype, payload = 0x8847, mpls(r)
    elif kind == "ppp":
        et, ip = inner_packet(r)
        ptype, payload = 0x880B, b"\xff\x03" + (b"\x00\x21" if et == 0x0800 else b"\x00\x57") + ip
    else:
        ptype, payload = r.randrange(65536), rbytes(r, 20)
    flags = (0x80 if c else 0) | (0x40 if rt else 0) | (0x20 if k else 0) | (0x10 if sq else 0)
    head = struct.pack("!BBH", flags, r.choice([0, 0, 0, r.randrange(256)]), ptype)
    if c or rt:
        head += struct.pack("!HH", r.randrange(65536), r.randrange(3) * 4)
    if k:
        head += struct.pack("!I", r.getrandbits(32))
    if sq:
        head += struct.pack("!I", r.getrandbits(32))
    if rt:
        for _ in range(r.randrange(3)):
            n = r.choice([4, 8, 3])
            head += struct.pack("!HBB", 0x0800, 0, n) + rbytes(r, n)
        head += struct.pack("!HBB", 0, 0, 0) if r.random() < 0.9 else b""
    return head + payload


def mpls(r):
    """A label stack (bottom bit on the last entry, mostly) and what follows it."""
    n = r.choice([1, 1, 2, 3])
    out = b""
    for i in range(n):
        bottom = 1 if i == n - 1 and r.random() < 0.9 else 0
        out += struct.pack("!I", r.randrange(1 << 20) << 12 | r.randrange(8) << 9 | bottom << 8 | r.randrange(256))
    k = r.random()
    if k < 0.6:
        return out + inner_packet(r)[1]
    if k < 0.8:
        return out + bytes(4) + inner_frame(r)
    return out + rbytes(r, 20)


def overlay(r, geneve):
    """A VXLAN (UDP 4789) or Geneve (UDP 6081) header and what it carries."""
    if not geneve:
        return struct.pack("!BBHI", 0x08 if r.random() < 0.8 else r.randrange(256), 0, 0, r.randrange(1 << 24) << 8) + inner_frame(r)
    opts = b""
    for _ in range(r.choice([0, 0, 1, 2])):
        n = r.randrange(3)
        opts += struct.pack("!HBB", r.randrange(65536), r.randrange(256), n) + rbytes(r, 4 * n)
    olen = len(opts) // 4 if r.random() < 0.9 else r.randrange(64)
    ptype, payload = (0x6558, inner_frame(r)) if r.random() < 0.6 else inner_packet(r)
    return struct.pack("!BBHI", r.choice([0, 0, 1 << 6]) | olen, r.choice([0, 0x80, 0x40]), ptype, r.randrange(1 << 24) << 8) + opts + payload


def tunnel(r):
    """(IP protocol, bytes) of a tunnel: GRE, EtherIP, MPLS in IP, or UDP to VXLAN/Geneve."""
    k = r.choice(["gre", "gre", "etherip", "mpls", "vxlan", "geneve"])
    if k == "gre":
        return 47, gre(r)
    if k == "etherip":
        return 97, struct.pack("!H", 0x3000 if r.random() < 0.8 else r.randrange(65536)) + inner_frame(r)
    if k == "mpls":
        return 137, mpls(r)
    body = overlay(r, k == "geneve")
    return 17, udp(r.randrange(1024, 65536), 6081 if k == "geneve" else 4789, body)


def ip4_packet(r):
    proto = r.choice([6, 6, 6, 17, 17, 1, 136, r.randrange(256)])
    if _depth[0] == 0 and r.random() < 0.12:
        proto, body = tunnel(r)
    else:
        proto, body = transport(r, proto)
    opts = ipv4_options(r)
    total = None
    ihl = None
    roll = r.random()
    if roll < 0.05:
        total = r.randrange(0, 20 + len(opts) + len(body) + 40)
    elif roll < 0.08:
        ihl = r.randrange(16)
    frag = 0
    flags = r.choice([0, 2, 2, 2])
    if r.random() < 0.08:
        frag = r.randrange(1, 200)
        flags |= r.choice([0, 1])
    elif r.random() < 0.04:
        flags |= 1
    return ipv4(proto, body, src=addr4(r), dst=addr4(r), ident=r.randrange(65536), flags=flags, frag=frag,
                ttl=r.randrange(256), options=opts, total=total, ihl=ihl, version=4 if r.random() > 0.02 else r.randrange(16))


def ip6_packet(r):
    proto = r.choice([6, 6, 17, 17, 58, 59, 136, r.randrange(256)])
    if proto == 58:
        body = struct.pack("!BBHI", r.choice([128, 129, 1, 135]), 0, 0, r.getrandbits(32)) + rbytes(r, r.choice([0, 8, 24]))
    elif _depth[0] == 0 and r.random() < 0.12:
        proto, body = tunnel(r)
    else:
        proto, body = transport(r, proto)
    # an extension-header chain, built inside out
    chain = [r.choice([0, 60, 43, 44]) for _ in range(r.choice([0, 0, 0, 1, 1, 2, 3]))]
    nxt = proto
    for h in reversed(chain):
        if h == 44:
            off = 0 if r.random() < 0.7 else r.randrange(1, 400)
            body = struct.pack("!BBHI", nxt, 0, (off << 3) | (r.random() < 0.3), r.getrandbits(32)) + body
        elif h == 43:
            n = r.randrange(0, 3)
            body = struct.pack("!BBBB", nxt, 2 * n, r.choice([0, 2, 4, 3]), r.randrange(n + 1)) + bytes(4) + rbytes(r, 16 * n) + body
        else:
            size = 6 + 8 * r.randrange(0, 3)
            opts = (b"\x01" + bytes([size - 2]) + bytes(size - 2)) if size > 2 else b""
            body = ext(nxt, opts[:size]) + body
        nxt = h
    plen = None
    if r.random() < 0.06:
        plen = r.randrange(0, len(body) + 40)
    return ipv6(nxt, body, src=addr6(r), dst=addr6(r), hlim=r.randrange(256), plen=plen)


def arp_packet(r):
    if r.random() < 0.7:
        return arp(r.choice([1, 2, 3, 4]), spa=bytes(map(int, addr4(r).split("."))), tpa=bytes(map(int, addr4(r).split("."))),
                   sha=rbytes(r, 6), tha=rbytes(r, 6))
    hlen, plen = r.choice([0, 4, 6, 8, 20]), r.choice([0, 4, 6, 16])
    return arp(r.randrange(1, 10), spa=rbytes(r, plen), tpa=rbytes(r, plen), htype=r.choice([1, 6, 24, 1000]),
               ptype=r.choice([0x0800, 0x86DD, 0x1234]), sha=rbytes(r, hlen), tha=rbytes(r, hlen))


def network(r):
    """(ethertype, bytes)"""
    k = r.random()
    if k < 0.5:
        return 0x0800, ip4_packet(r)
    if k < 0.85:
        return 0x86DD, ip6_packet(r)
    if k < 0.93:
        return r.choice([0x0806, 0x0806, 0x8035]), arp_packet(r)
    if k < 0.96 and _depth[0] == 0:
        return (0x8847, mpls(r)) if r.random() < 0.7 else (0x6558, inner_frame(r))
    return r.choice([0x88B5, 0x9000, 0x0842]), rbytes(r, 30)


def ethernet_frame(r):
    etype, body = network(r)
    for i in range(r.choice([0, 0, 0, 1, 2])):
        body = struct.pack("!HH", (r.randrange(8) << 13) | (r.randrange(2) << 12) | r.randrange(4096), etype) + body
        # an 802.1ad tag inside another is one item to tshark (S-VID and C-VID): not generated
        etype = 0x8100 if etype == 0x88A8 else r.choice([0x8100, 0x8100, 0x88A8])
    if r.random() < 0.05 and etype == 0x0800:
        body = bytes([0xAA, 0xAA, 0x03, 0, 0, 0, 0x08, 0x00]) + body
        etype = len(body) if r.random() < 0.8 else r.randrange(60, 1500)
    return crafted.pad60(eth(etype, body, dst=rbytes(r, 6), src=rbytes(r, 6)))


def frames(r, n, link):
    out = []
    for _ in range(n):
        if link == 1:
            b = ethernet_frame(r)
        elif link == 113:
            etype, body = network(r)
            b = crafted.sll(etype, body, pkttype=r.randrange(5))
        elif link == 276:
            etype, body = network(r)
            b = crafted.sll2(etype, body, pkttype=r.randrange(5))
        else:
            b = (ip4_packet(r) if r.random() < 0.5 else ip6_packet(r))
        cap = None
        if r.random() < 0.07:
            cap = r.randrange(1, len(b) + 1)
        out.append((b, cap, ""))
    return out


def write_pcap(path, linktype, frames):
    """As the crafted captures' writer, with a valid microsecond field for any number of frames."""
    with open(path, "wb") as out:
        out.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, linktype))
        for i, (b, cap, _) in enumerate(frames):
            data = b if cap is None else b[:cap]
            out.write(struct.pack("<IIII", 1700000000 + i // 1000, (i % 1000) * 1000, len(data), len(b)))
            out.write(data)


def http_conversations(r, count):
    """TCP connections to port 80 carrying HTTP/1.1 exchanges split over random segments: requests
    with and without bodies (Content-Length or chunked), responses with Content-Length, chunked or
    no body (204, 304, HEAD), pipelined requests, and now and then a segment sent twice
    (retransmitted) or two segments swapped (out of order). The connections are interleaved."""
    conns = []
    for k in range(count):
        cport = 20000 + k
        cseq, sseq = r.getrandbits(32), r.getrandbits(32)
        segs = [("c", 0x02, b""), ("s", 0x12, b""), ("c", 0x10, b"")]
        for _ in range(r.randrange(1, 4)):
            method = r.choice([b"GET", b"GET", b"POST", b"HEAD", b"PUT"])
            body = rbytes(r, r.choice([0, 5, 100, 1500, 3000])).hex().encode() if method in (b"POST", b"PUT") else b""
            req = method + b" /r%d HTTP/1.1\r\nHost: h%d.example\r\n" % (r.randrange(100), k)
            if body and r.random() < 0.3:
                chunks = [body[i:i + 700] for i in range(0, len(body), 700)]
                req += b"Transfer-Encoding: chunked\r\n\r\n" + b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\n\r\n"
            elif body or method in (b"POST", b"PUT"):
                req += b"Content-Length: %d\r\n\r\n" % len(body) + body
            else:
                req += b"\r\n"
            status = r.choice([200, 200, 200, 404, 204, 304])
            rbody = b"" if status in (204, 304) else rbytes(r, r.choice([0, 10, 500, 2000, 4000])).hex().encode()
            resp = b"HTTP/1.1 %d X\r\n" % status
            if status in (204, 304):
                resp += b"\r\n"
            elif r.random() < 0.3 and method != b"HEAD":
                chunks = [rbody[i:i + 900] for i in range(0, len(rbody), 900)]
                resp += b"Transfer-Encoding: chunked\r\n\r\n" + b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\n\r\n"
            else:
                resp += b"Content-Length: %d\r\n\r\n" % len(rbody) + (b"" if method == b"HEAD" else rbody)
            for who, msg in (("c", req), ("s", resp)):
                cuts = sorted(r.sample(range(1, len(msg)), min(len(msg) - 1, r.choice([0, 0, 1, 2, 3]))))
                for a, b in zip([0] + cuts, cuts + [len(msg)]):
                    segs.append((who, 0x18, msg[a:b]))
        out = []
        for who, flags, data in segs:
            if who == "c":
                out.append((cport, 80, cseq, sseq, flags, data))
                cseq = (cseq + len(data) + (1 if flags & 0x02 else 0)) & 0xFFFFFFFF
            else:
                out.append((80, cport, sseq, cseq, flags, data))
                sseq = (sseq + len(data) + (1 if flags & 0x02 else 0)) & 0xFFFFFFFF
        i = 3
        while i < len(out) - 1:
            if out[i][5] and r.random() < 0.05:
                out.insert(i + 1, out[i])  # a retransmission of the same bytes
                i += 1
            elif out[i][5] and out[i + 1][5] and out[i][0] == out[i + 1][0] and r.random() < 0.05:
                out[i], out[i + 1] = out[i + 1], out[i]  # out of order
                i += 1
            i += 1
        conns.append(out)
    frames_ = []
    while any(conns):
        c = r.choice([c for c in conns if c])
        sp, dp, seq, ack, flags, data = c.pop(0)
        client = dp == 80
        ip = ipv4(6, tcp(sp, dp, seq=seq, ack=ack, flags=flags, window=65535, payload=data),
                  src="10.1.0.1" if client else "10.2.0.2", dst="10.2.0.2" if client else "10.1.0.1")
        frames_.append((eth(0x0800, ip), None, ""))
    return frames_


def pcapng_option(e, code, value):
    return struct.pack(e + "HH", code, len(value)) + value + b"\0" * (-len(value) % 4)


def pcapng_block(e, btype, body):
    body += b"\0" * (-len(body) % 4)
    n = 12 + len(body)
    return struct.pack(e + "II", btype, n) + body + struct.pack(e + "I", n)


def write_pcapng(path, r, frames_by_link):
    """The frames in a random pcapng layout: 1-3 sections of either byte order, 1-3 interfaces each
    (Ethernet or raw IP; snap lengths; decimal or binary if_tsresol; if_tsoffset), Enhanced, Simple
    and obsolete Packet Blocks with options, and Name Resolution, Interface Statistics and unknown
    blocks between them."""
    queues = {lt: list(fs) for lt, fs in frames_by_link.items()}
    out = bytearray()
    for _ in range(r.choice([1, 1, 2, 3])):
        e = r.choice(["<", ">"])
        shb_opts = pcapng_option(e, 4, b"conformance-fuzz") + pcapng_option(e, 0, b"") if r.random() < 0.5 else b""
        out += pcapng_block(e, 0x0A0D0D0A, struct.pack(e + "IHHq", 0x1A2B3C4D, 1, 0, -1) + shb_opts)
        ifaces = []
        for _ in range(r.choice([1, 1, 2, 3])):
            lt = r.choice([1, 1, 101])
            snap = r.choice([0, 65535, 262144, 96, 60])
            resol = r.choice([None, 6, 9, 3, 0, 0x80 | 10, 0x80 | 20, 0x80 | 30])
            offset = r.choice([None, None, 0, 3600, 86400 * 365])
            opts = b""
            if resol is not None:
                opts += pcapng_option(e, 9, bytes([resol]))
            if offset is not None:
                opts += pcapng_option(e, 14, struct.pack(e + "q", offset))
            if r.random() < 0.3:
                opts += pcapng_option(e, 2, b"eth%d" % len(ifaces))
            if opts:
                opts += pcapng_option(e, 0, b"")
            out += pcapng_block(e, 1, struct.pack(e + "HHI", lt, 0, snap) + opts)
            ifaces.append((lt, snap, resol))
        for _ in range(r.randrange(50, 400)):
            k = r.random()
            if k < 0.05:
                rec = struct.pack(e + "HH", 1, 8) + bytes([10, 0, 0, 1]) + b"h.x\0" + struct.pack(e + "HH", 0, 0)
                out += pcapng_block(e, 4, rec)
                continue
            if k < 0.08:
                out += pcapng_block(e, 5, struct.pack(e + "III", r.randrange(len(ifaces)), 0, 0) + pcapng_option(e, 0, b""))
                continue
            if k < 0.1:
                out += pcapng_block(e, r.choice([0x0000000F, 0x80000001]), rbytes(r, r.randrange(0, 20)))  # undefined and local-use types
                continue
            i = r.randrange(len(ifaces))
            lt, snap, resol = ifaces[i]
            if not queues[lt]:
                continue
            b, cap, _ = queues[lt].pop()
            data = b if cap is None else b[:cap]
            if snap and len(data) > snap:
                data = data[:snap]
            if k < 0.2 and i == 0:  # Simple Packet Block: interface 0, no timestamp
                keep = len(b) if not snap else min(len(b), snap)
                out += pcapng_block(e, 3, struct.pack(e + "I", len(b)) + b[:keep])
                continue
            units = 10 ** resol if resol is not None and resol < 0x80 else (1 << (resol & 0x7F) if resol else 10 ** 6)
            ts = (1700000000 + r.randrange(1000)) * units + r.randrange(units)
            opts = b""
            if r.random() < 0.2:
                opts = pcapng_option(e, 2, struct.pack(e + "I", r.randrange(4))) + pcapng_option(e, 1, b"note") + pcapng_option(e, 0, b"")
            if k < 0.25:  # obsolete Packet Block: a 16-bit interface id and drops count
                out += pcapng_block(e, 2, struct.pack(e + "HHIIII", i, 0, ts >> 32, ts & 0xFFFFFFFF, len(data), len(b))
                                    + data + b"\0" * (-len(data) % 4) + opts)
                continue
            out += pcapng_block(e, 6, struct.pack(e + "IIIII", i, ts >> 32, ts & 0xFFFFFFFF, len(data), len(b))
                                + data + b"\0" * (-len(data) % 4) + opts)
    with open(path, "wb") as f:
        f.write(out)


def oracle(path):
    netproto.oracle(path, crafted.FIELDS, ".tshark.tsv")
    netproto.oracle(path, netproto.APP_FIELDS, ".tshark-app.tsv")


def main():
    out = sys.argv[1]
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    os.makedirs(out, exist_ok=True)
    r = random.Random(seed)
    for link in (1, 113, 276, 101):
        p = os.path.join(out, "fuzz-%d-link%d.pcap" % (seed, link))
        write_pcap(p, link, frames(r, n if link == 1 else n // 4, link))
        oracle(p)
        print("wrote", p)
    p = os.path.join(out, "fuzz-%d-http.pcap" % seed)
    write_pcap(p, 1, http_conversations(r, max(1, n // 40)))
    oracle(p)
    print("wrote", p)
    p = os.path.join(out, "fuzz-%d.pcapng" % seed)
    write_pcapng(p, r, {1: frames(r, n // 4, 1), 101: frames(r, n // 8, 101)})
    oracle(p)
    print("wrote", p)


if __name__ == "__main__":
    main()
