#!/usr/bin/env python3
"""Writes the application-layer captures of testdata/crafted/ (DNS, FTP, HTTP/1.x, HTTP/2) and their
tshark oracles.

The corpus has no FTP, no chunked HTTP bodies, no DNS over TCP, few record types and no HPACK
dynamic-table eviction; these captures carry them, plus malformed cases (looping and
self-referencing DNS names, lying counts and lengths, HTTP/2 frames that run past their segment,
HPACK with bad indices and bad Huffman padding). Every byte is built here (no live traffic), so
running the script again gives the same files. The oracles are made exactly as the corpus's
(tshark 4.0.17, `-2 -o tcp.reassemble_out_of_order:TRUE`, the corpus's two field lists) and the
conformance test compares these captures like any other. Run from the repository root:

    python3 scripts/make-app-captures.py

Needs tshark 4.0.x on the PATH. FRAMES.tsv in the same folder says what each frame exercises.
"""
import importlib.util
import os
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "testdata", "crafted")

# the byte-level builders of the other crafted captures
_spec = importlib.util.spec_from_file_location("crafted", os.path.join(HERE, "make-crafted-captures.py"))
crafted = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(crafted)
eth, ipv4, ipv6, udp, tcp = crafted.eth, crafted.ipv4, crafted.ipv6, crafted.udp, crafted.tcp

# the corpus's field lists (MANIFEST.tsv's oracle line and the header of its *.tshark-app.tsv)
MAIN = ("frame.number frame.time_epoch frame.len frame.cap_len frame.protocols eth.src eth.dst eth.type vlan.id "
        "arp.opcode arp.src.proto_ipv4 arp.dst.proto_ipv4 ip.version ip.hdr_len ip.len ip.id ip.flags.df ip.flags.mf "
        "ip.frag_offset ip.ttl ip.proto ip.src ip.dst ipv6.plen ipv6.nxt ipv6.hlim ipv6.src ipv6.dst ipv6.fraghdr.ident "
        "tcp.srcport tcp.dstport tcp.seq_raw tcp.ack_raw tcp.hdr_len tcp.flags tcp.window_size_value tcp.len "
        "udp.srcport udp.dstport udp.length http.request.method http.request.uri http.response.code ospf.msg l2tp.type "
        "ah.spi esp.spi hip.packet_type ipx.dst.net mip6.mhtype ipv6.fraghdr.offset ipv6.fraghdr.more ip.reassembled_in "
        "ipv6.reassembled.in tcp.stream tcp.reassembled_in udp.stream http2.type http2.streamid").split()
APP = ("frame.number icmp.type icmp.code icmpv6.type icmpv6.code dns.id dns.flags.response dns.qry.name dns.qry.type "
       "dns.count.answers dns.a ftp.request.command ftp.response.code http.request.method http.request.uri "
       "http.request.version http.response.code http.host http.content_length http2.type http2.streamid "
       "http2.header.name ipx.dst.net ipx.src.net ipx.packet_type llc.dsap ospf.version ospf.msg ospf.srcrouter "
       "ospf.area_id l2tp.type l2tp.tunnel l2tp.session pppoe.session_id ppp.protocol ah.spi ah.sequence esp.spi "
       "esp.sequence hip.packet_type mip6.mhtype ipv6.routing.type ipv6.routing.segleft ipv6.hopopts.nxt "
       "ipv6.dstopts.nxt ipv6.fraghdr.offset ipv6.fraghdr.more ipv6.fraghdr.ident ip.frag_offset sll.pkttype "
       "null.family").split()

FRAMES = []  # (file, frame, what)


class Conversation:
    """One TCP connection (client 10.0.0.1, server 10.0.0.2): sequence numbers follow the bytes sent."""

    def __init__(self, cport, sport, cseq=1000, sseq=50000):
        self.cport, self.sport = cport, sport
        self.cseq, self.sseq = cseq, sseq

    def c(self, payload, flags=0x18):
        f = eth(0x0800, ipv4(6, tcp(self.cport, self.sport, self.cseq, self.sseq, flags, payload=payload)))
        self.cseq += len(payload)
        return f

    def s(self, payload, flags=0x18):
        f = eth(0x0800, ipv4(6, tcp(self.sport, self.cport, self.sseq, self.cseq, flags, payload=payload),
                             src="10.0.0.2", dst="10.0.0.1"), dst=crafted.MAC_A, src=crafted.MAC_B)
        self.sseq += len(payload)
        return f


def udp_frame(sport, dport, payload, reply=False):
    if reply:
        return eth(0x0800, ipv4(17, udp(sport, dport, payload), src="10.0.0.2", dst="10.0.0.1"), dst=crafted.MAC_A,
                   src=crafted.MAC_B)
    return eth(0x0800, ipv4(17, udp(sport, dport, payload)))


def write(name, frames, args=None):
    """frames: (bytes, what); writes the capture, its oracles and its lines of FRAMES.tsv."""
    path = os.path.join(OUT, name)
    crafted.write_pcap(path, 1, [(b, None, w) for b, w in frames])
    extra = []
    if args:
        with open(path + ".args", "w") as o:
            o.write(args + "\n")
        extra = args.split()
    for suffix, fields in ((".tshark.tsv", MAIN), (".tshark-app.tsv", APP)):
        cmd = ["tshark", "-2", "-r", path, "-o", "tcp.reassemble_out_of_order:TRUE"] + extra + [
            "-T", "fields", "-E", "header=y", "-E", "separator=/t", "-E", "occurrence=f"]
        for f in fields:
            cmd += ["-e", f]
        res = subprocess.run(cmd, capture_output=True, text=True)
        if res.returncode != 0:
            sys.exit("tshark failed on %s: %s" % (path, res.stderr))
        with open(path + suffix, "w") as o:
            o.write(res.stdout)
    for i, (_, what) in enumerate(frames):
        FRAMES.append((name, i + 1, what))


# ---------------------------------------------------------------- DNS

def name(n):
    out = b""
    for label in n.split(".") if n else []:
        out += bytes([len(label)]) + label.encode()
    return out + b"\0"


def header(ident, flags, qd=0, an=0, ns=0, ar=0):
    return struct.pack("!HHHHHH", ident, flags, qd, an, ns, ar)


def question(n, qtype, qclass=1):
    return (name(n) if isinstance(n, str) else n) + struct.pack("!HH", qtype, qclass)


def rr(owner, rtype, rdata, ttl=300, rclass=1):
    return (name(owner) if isinstance(owner, str) else owner) + struct.pack("!HHIH", rtype, rclass, ttl, len(rdata)) + rdata


def ptr(offset):
    return struct.pack("!H", 0xC000 | offset)


def dns_frames():
    f = []
    q = header(0x1001, 0x0100, qd=1) + question("www.example.com", 1)
    f.append((udp_frame(33000, 53, q), "query A www.example.com"))
    # 12: the question's name; CNAME, two A records, NS in authority, glue and OPT in additional
    resp = header(0x1001, 0x8180, qd=1, an=3, ns=1, ar=3) + question("www.example.com", 1)
    web = len(resp) + 12  # the CNAME's rdata (web + pointer): after a 2-byte owner and 10 bytes
    resp += rr(ptr(12), 5, b"\x03web" + ptr(16))
    resp += rr(ptr(web), 1, bytes([192, 0, 2, 10]))
    resp += rr(ptr(web), 1, bytes([192, 0, 2, 11]))
    ns1 = len(resp) + 12  # the NS record's rdata (ns1 + pointer)
    resp += rr(ptr(16), 2, b"\x03ns1" + ptr(16), ttl=86400)
    resp += rr(ptr(ns1), 1, bytes([192, 0, 2, 53]))
    resp += rr(ptr(ns1), 28, bytes.fromhex("20010db8000000000000000000000053"))
    opt = struct.pack("!HH", 10, 8) + bytes.fromhex("0102030405060708") + struct.pack("!HH", 3, 0)
    resp += rr(b"\0", 41, opt, ttl=0x00008000, rclass=1232)
    f.append((udp_frame(53, 33000, resp, reply=True), "response: CNAME chain through pointers, A, NS, glue A/AAAA, OPT with COOKIE and NSID"))
    q = header(0x1002, 0x0100, qd=1) + question("example.com", 15)
    f.append((udp_frame(33001, 53, q), "query MX"))
    resp = header(0x1002, 0x8180, qd=1, an=2) + question("example.com", 15)
    resp += rr(ptr(12), 15, struct.pack("!H", 10) + b"\x04mail" + ptr(12))
    resp += rr(ptr(12), 15, struct.pack("!H", 20) + b"\x05mail2" + ptr(12))
    f.append((udp_frame(53, 33001, resp, reply=True), "response MX x2 (exchange compressed)"))
    resp = header(0x1003, 0x8180, qd=1, an=1) + question("example.com", 16)
    resp += rr(ptr(12), 16, b"\x0bv=spf1 -all\x0bhello world")
    f.append((udp_frame(53, 33002, resp, reply=True), "response TXT with two strings"))
    resp = header(0x1004, 0x8180, qd=1, an=1) + question("example.com", 6)
    soa = b"\x03ns1" + ptr(12) + b"\x0ahostmaster" + ptr(12) + struct.pack("!IIIII", 2024010101, 7200, 3600, 1209600, 300)
    resp += rr(ptr(12), 6, soa)
    f.append((udp_frame(53, 33003, resp, reply=True), "response SOA (mname, rname compressed)"))
    resp = header(0x1005, 0x8580, qd=1, an=1) + question("_sip._tcp.example.com", 33)
    resp += rr(ptr(12), 33, struct.pack("!HHH", 10, 60, 5060) + b"\x03sip" + ptr(22))
    f.append((udp_frame(53, 33004, resp, reply=True), "response SRV (authoritative)"))
    resp = header(0x1006, 0x8180, qd=1, an=1) + question("10.2.0.192.in-addr.arpa", 12)
    resp += rr(ptr(12), 12, name("www.example.com"))
    f.append((udp_frame(53, 33005, resp, reply=True), "response PTR"))
    resp = header(0x1007, 0x8180, qd=1, an=2) + question("example.com", 255)
    resp += rr(ptr(12), 257, b"\x00\x05issueca.example")
    resp += rr(ptr(12), 65280, b"\xde\xad\xbe\xef")
    f.append((udp_frame(53, 33006, resp, reply=True), "response CAA and a private type: data kept as bytes"))
    resp = header(0x1008, 0x8183, qd=1, ns=1) + question("nope.example.com", 1)
    resp += rr(ptr(17), 6, b"\x03ns1" + ptr(17) + b"\x0ahostmaster" + ptr(17) + struct.pack("!IIIII", 1, 2, 3, 4, 5))
    f.append((udp_frame(53, 33007, resp, reply=True), "NXDOMAIN with SOA in authority"))
    q = header(0x1009, 0x0000, qd=1) + question("", 2)
    f.append((udp_frame(33008, 53, q), "query NS of the root name (<Root>)"))
    q = header(0x0000, 0x0000, qd=1) + question("_http._tcp.local", 12, qclass=0x8001)
    f.append((udp_frame(5353, 5353, q), "mDNS query PTR, unicast-response bit"))
    resp = header(0x0000, 0x8400, an=1) + rr("_http._tcp.local", 12, b"\x03web" + ptr(12), ttl=4500, rclass=0x8001)
    f.append((udp_frame(5353, 5353, resp, reply=True), "mDNS response, cache-flush bit"))
    c = Conversation(40000, 53)
    tq = header(0x2001, 0x0100, qd=1) + question("www.example.com", 28)
    f.append((c.c(struct.pack("!H", len(tq)) + tq), "DNS over TCP: query AAAA with its length prefix"))
    tr = header(0x2001, 0x8180, qd=1, an=1) + question("www.example.com", 28)
    tr += rr(ptr(12), 28, bytes.fromhex("20010db8000000000000000000000080"))
    f.append((c.s(struct.pack("!H", len(tr)) + tr), "DNS over TCP: response AAAA"))
    t2 = header(0x2002, 0x0100, qd=1) + question("a.example", 1)
    t3 = header(0x2003, 0x0100, qd=1) + question("b.example", 1)
    f.append((c.c(struct.pack("!H", len(t2)) + t2 + struct.pack("!H", len(t3)) + t3),
              "DNS over TCP: two queries in one segment (the second is raw)"))
    cut = header(0x2004, 0x8180, qd=1, an=1) + question("www.example.com", 1) + rr(ptr(12), 1, bytes([192, 0, 2, 1]))
    f.append((c.s(struct.pack("!H", len(cut) + 40) + cut), "DNS over TCP: length says 40 bytes more than the segment has (truncated)"))
    bad = header(0x3001, 0x8180, qd=1) + ptr(12) + struct.pack("!HH", 1, 1)
    f.append((udp_frame(53, 33010, bad, reply=True), "malformed: a name that points at itself"))
    bad = header(0x3002, 0x8180, qd=2) + b"\x01a" + ptr(20) + struct.pack("!HH", 1, 1) + b"\x01b" + ptr(12) + struct.pack("!HH", 1, 1)
    f.append((udp_frame(53, 33011, bad, reply=True), "malformed: two names pointing at each other (a loop)"))
    bad = header(0x3003, 0x8180, qd=1) + b"\x01a" + ptr(500) + struct.pack("!HH", 1, 1)
    f.append((udp_frame(53, 33012, bad, reply=True), "malformed: a pointer past the end of the message"))
    bad = header(0x3004, 0x8180, qd=1) + b"\x41abc\x00" + struct.pack("!HH", 1, 1)
    f.append((udp_frame(53, 33013, bad, reply=True), "malformed: an extended label type (0x40)"))
    bad = header(0x3005, 0x8180, qd=1, an=5) + question("x.example", 1) + rr(ptr(12), 1, bytes([192, 0, 2, 7]))
    f.append((udp_frame(53, 33014, bad, reply=True), "malformed: the answer count says 5, one record is there"))
    bad = header(0x3006, 0x8180, qd=1, an=1) + question("y.example", 1) + ptr(12) + struct.pack("!HHIH", 1, 1, 60, 200) + b"\x01\x02"
    f.append((udp_frame(53, 33015, bad, reply=True), "malformed: rdlength 200 with 2 bytes of data"))
    longname = ".".join(["abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz0"] * 4)
    bad = header(0x3007, 0x0100, qd=1) + question(longname, 1)
    f.append((udp_frame(33016, 53, bad), "malformed: a name of 257 octets"))
    bad = header(0x3008, 0x0100, qd=1) + b"\x03abc\x45" + struct.pack("!HH", 1, 1)
    f.append((udp_frame(33017, 53, bad), "an extended label of unknown type (0x45) after a label: the name ends there, "
              "shown as <Unknown extended label>, and the type follows"))
    bad = header(0x3009, 0x8180, qd=1, an=1) + b"\x7f" + struct.pack("!HH", 28, 1) + rr(b"\x01z\x60", 1, bytes([192, 0, 2, 9]))
    f.append((udp_frame(53, 33018, bad, reply=True), "malformed: an extended label of unknown type (0x7f) as a name's first byte "
              "(tshark reports the DNS layer malformed)"))
    ok = header(0x300a, 0x8180, qd=1, an=1) + b"\x01y\x7f" + struct.pack("!HH", 28, 1) + rr(b"\x01z\x60", 1, bytes([192, 0, 2, 9]))
    f.append((udp_frame(53, 33019, ok, reply=True), "extended labels of unknown type (0x7f, 0x60) after a label, in the question and "
              "an answer's owner: each name ends there and its record goes on (the A record's address is shown)"))
    c = Conversation(40001, 53)
    short = header(0x300b, 0x0100, qd=1)[:8]
    f.append((c.c(struct.pack("!H", len(short)) + short + struct.pack("!H", 0x401e) + b"\x04\x76"),
              "DNS over TCP: a message of 8 bytes (its length prefix says so), shorter than the 12-byte header, then the start "
              "of the next one: the first is whole and malformed (shown in this frame), not awaited"))
    c = Conversation(40002, 5353)
    tq = header(0x300c, 0x0000, qd=1) + question("printer.local", 1)
    f.append((c.c(struct.pack("!H", len(tq)) + tq), "DNS over TCP on 5353 (Wireshark's DNS takes that port over TCP too)"))
    c = Conversation(40003, 53)
    bad = header(0x300d, 0x8180, qd=1, an=2) + question("x.example", 1) + rr(ptr(12), 1, bytes([192, 0, 2, 7]))
    after = header(0x300e, 0x0100, qd=1) + question("after.example", 1)
    nxt = struct.pack("!H", len(after)) + after
    f.append((c.c(struct.pack("!H", len(bad)) + bad + nxt[:4]),
              "DNS over TCP: a whole message whose answer count says 2 with one record there (malformed), then the first 4 "
              "bytes of the next: the malformed one ends where its length prefix says, and the next waits"))
    f.append((c.c(nxt[4:]), "DNS over TCP: the rest of that next message, dissected in this frame"))
    bad = header(0x300f, 0x8180, qd=1, an=2) + question("y.example", 1) + rr(ptr(12), 1, bytes([192, 0, 2, 8]))
    ok = header(0x3010, 0x0100, qd=1) + question("second.example", 1)
    f.append((c.c(struct.pack("!H", len(bad)) + bad + struct.pack("!H", len(ok)) + ok),
              "DNS over TCP: a malformed message and a good one in one segment: both shown, the malformed one first"))
    last = header(0x3011, 0x0100, qd=1) + question("third.example", 1)
    f.append((c.c(struct.pack("!H", len(last)) + last), "DNS over TCP: the next query, in step after the two messages before"))
    return f


# ---------------------------------------------------------------- FTP

def ftp_frames():
    c = Conversation(40100, 21)
    f = []
    f.append((c.s(b"220 Service ready for new user.\r\n"), "reply 220"))
    f.append((c.c(b"USER anonymous\r\n"), "command USER with an argument"))
    f.append((c.s(b"331 Please specify the password.\r\n"), "reply 331"))
    f.append((c.c(b"PASS guest@example.com\r\n"), "command PASS"))
    f.append((c.s(b"230-Welcome to the example server.\r\n230-Second line of the banner\r\n 123 an indented line with digits\r\n"
                  b"230 Login successful.\r\n"), "multi-line reply 230- ... 230 (a line starting with other digits inside)"))
    f.append((c.c(b"SYST\r\n"), "command without an argument"))
    f.append((c.s(b"215 UNIX Type: L8\r\n"), "reply 215"))
    f.append((c.c(b"PASV\r\n"), "PASV"))
    f.append((c.s(b"227 Entering Passive Mode (10,0,0,2,195,80).\r\n"), "reply 227"))
    f.append((c.c(b"LIST -la\r\n"), "LIST"))
    f.append((c.s(b"150 Here comes the directory listing.\r\n226 Directory send OK.\r\n"), "two replies in one segment"))
    f.append((c.c(b"feat\r\n"), "a command in lower case"))
    f.append((c.s(b"211-Features:\r\n MDTM\r\n SIZE\r\n UTF8\r\n211 End\r\n"), "multi-line FEAT reply"))
    f.append((c.c(b"CWD /pub\r\nPWD\r\n"), "two commands in one segment"))
    f.append((c.s(b"250 Directory successfully changed.\r\n"), "reply 250"))
    f.append((c.c(b"RETR readme.t"), "a command cut before its CRLF (truncated)"))
    f.append((c.c(b"xt\r\n"), "the rest of that command"))
    f.append((c.s(b"550 Failed to open file.\r\n"), "reply 550"))
    f.append((c.c(b"QUIT\r\n"), "QUIT"))
    f.append((c.s(b"221 Goodbye.\r\n"), "reply 221"))
    return f


# ---------------------------------------------------------------- HTTP/1.x

def http_frames():
    c = Conversation(40200, 80)
    f = []
    f.append((c.c(b"GET /index.html HTTP/1.1\r\nHost: www.example.com\r\nUser-Agent: pcapkit-test/1.0\r\nAccept: */*\r\n"
                  b"X-Dup: one\r\nX-Dup: two\r\n\r\n"), "GET with repeated header fields"))
    f.append((c.s(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\ncontent-length: 13\r\n\r\nHello, world!"),
              "response with a body framed by content-length (lower case)"))
    f.append((c.c(b"POST /submit HTTP/1.1\r\nHost: www.example.com\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                  b"Content-Length: 11\r\n\r\na=1&b=2&c=3"), "POST with its body"))
    f.append((c.s(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n"
                  b"4\r\nWiki\r\n5\r\npedia\r\ne\r\n in\r\n\r\nchunks.\r\n0\r\nExpires: never\r\n\r\n"),
              "chunked body with a trailer field"))
    f.append((c.c(b"GET /nothing HTTP/1.1\r\nHost: www.example.com\r\n\r\n"), "GET"))
    f.append((c.s(b"HTTP/1.1 204 No Content\r\nServer: test\r\n\r\n"), "204: no body"))
    f.append((c.c(b"GET /cached HTTP/1.1\r\nHost: www.example.com\r\nIf-None-Match: \"abc\"\r\n\r\n"), "conditional GET"))
    f.append((c.s(b"HTTP/1.1 304 Not Modified\r\nETag: \"abc\"\r\nContent-Length: 100\r\n\r\n"), "304: no body, whatever Content-Length says"))
    f.append((c.c(b"GET /big HTTP/1.1\r\nHost: www.example.com\r\n\r\n"), "GET of a body that spans two segments"))
    body = b"x" * 1800
    f.append((c.s(b"HTTP/1.1 200 OK\r\nContent-Length: 1800\r\n\r\n" + body[:1000]), "its response, the body cut by the segment (truncated)"))
    f.append((c.s(body[1000:]), "the rest of the body (raw)"))
    f.append((c.c(b"GET /chunks HTTP/1.1\r\nHost: www.example.com\r\n\r\n"), "GET of a chunked body over two segments"))
    f.append((c.s(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n20\r\n0123456789"),
              "chunked response cut inside a chunk (truncated)"))
    f.append((c.s(b"abcdefghijklmnopqrstuv\r\n0\r\n\r\n"), "its last chunks (raw)"))
    f.append((c.c(b"GET /status-only HTTP/1.1\r\nHost: www.example.com\r\n\r\n"), "GET"))
    f.append((c.s(b"HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nok"), "a status line without a reason"))
    c10 = Conversation(40201, 80)
    f.append((c10.c(b"GET /old HTTP/1.0\r\nUser-Agent: old\r\n\r\n"), "HTTP/1.0 request (chain token HTTP/1.0)"))
    f.append((c10.s(b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<html></html>"),
              "HTTP/1.0 response without a length: the body runs to the end"))
    alt = Conversation(40202, 8080)
    f.append((alt.c(b"OPTIONS * HTTP/1.1\r\nHost: proxy.example\r\n\r\n"), "HTTP on 8080, target *"))
    f.append((alt.s(b"HTTP/1.1 200 OK\r\nAllow: GET, HEAD\r\nContent-Length: 0\r\n\r\n"), "its response"))
    f.append((udp_frame(50000, 1900, b"M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\nMX: 1\r\n"
                        b"ST: ssdp:all\r\n\r\n"), "SSDP search (HTTP over UDP 1900)"))
    f.append((udp_frame(1900, 50000, b"HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nST: upnp:rootdevice\r\n"
                        b"USN: uuid:1::upnp:rootdevice\r\n\r\n", reply=True), "SSDP response"))
    bad = Conversation(40203, 80)
    f.append((bad.c(b"GET /bad HTTP/1.1\r\nHost: www.example.com\r\nThis line has no colon\r\n\r\n"),
              "malformed: a header line without a colon"))
    f.append((bad.c(b"GET /cut HTTP/1.1\r\nHost: www.exa"), "a header block cut by the segment (truncated)"))
    # the other ports Wireshark's HTTP takes by default
    for i, port in enumerate((2710, 2869, 3132)):
        other = Conversation(40204 + i, port)
        f.append((other.c(b"GET /p%d HTTP/1.1\r\nHost: h.example\r\n\r\n" % port), "HTTP on TCP %d, a port of Wireshark's HTTP" % port))
    # obs-fold (RFC 9112 section 5.2): a header line that starts with a space or tab continues the
    # field before it; tshark 4.0 ends the header section there instead (an accepted difference)
    fold = Conversation(40210, 80)
    f.append((fold.c(b"GET /fold HTTP/1.1\r\nHost: www.example.com\r\nX-Folded: first\r\n second part\r\nAccept: */*\r\n\r\n"),
              "malformed: a request with a folded header line (obs-fold)"))
    return f


# ---------------------------------------------------------------- HTTP/2 and HPACK

HUFFMAN = [
    (0x1ff8, 13), (0x7fffd8, 23), (0xfffffe2, 28), (0xfffffe3, 28), (0xfffffe4, 28), (0xfffffe5, 28),
    (0xfffffe6, 28), (0xfffffe7, 28), (0xfffffe8, 28), (0xffffea, 24), (0x3ffffffc, 30), (0xfffffe9, 28),
    (0xfffffea, 28), (0x3ffffffd, 30), (0xfffffeb, 28), (0xfffffec, 28), (0xfffffed, 28), (0xfffffee, 28),
    (0xfffffef, 28), (0xffffff0, 28), (0xffffff1, 28), (0xffffff2, 28), (0x3ffffffe, 30), (0xffffff3, 28),
    (0xffffff4, 28), (0xffffff5, 28), (0xffffff6, 28), (0xffffff7, 28), (0xffffff8, 28), (0xffffff9, 28),
    (0xffffffa, 28), (0xffffffb, 28), (0x14, 6), (0x3f8, 10), (0x3f9, 10), (0xffa, 12), (0x1ff9, 13), (0x15, 6),
    (0xf8, 8), (0x7fa, 11), (0x3fa, 10), (0x3fb, 10), (0xf9, 8), (0x7fb, 11), (0xfa, 8), (0x16, 6), (0x17, 6),
    (0x18, 6), (0x0, 5), (0x1, 5), (0x2, 5), (0x19, 6), (0x1a, 6), (0x1b, 6), (0x1c, 6), (0x1d, 6), (0x1e, 6),
    (0x1f, 6), (0x5c, 7), (0xfb, 8), (0x7ffc, 15), (0x20, 6), (0xffb, 12), (0x3fc, 10), (0x1ffa, 13), (0x21, 6),
    (0x5d, 7), (0x5e, 7), (0x5f, 7), (0x60, 7), (0x61, 7), (0x62, 7), (0x63, 7), (0x64, 7), (0x65, 7), (0x66, 7),
    (0x67, 7), (0x68, 7), (0x69, 7), (0x6a, 7), (0x6b, 7), (0x6c, 7), (0x6d, 7), (0x6e, 7), (0x6f, 7), (0x70, 7),
    (0x71, 7), (0x72, 7), (0xfc, 8), (0x73, 7), (0xfd, 8), (0x1ffb, 13), (0x7fff0, 19), (0x1ffc, 13), (0x3ffc, 14),
    (0x22, 6), (0x7ffd, 15), (0x3, 5), (0x23, 6), (0x4, 5), (0x24, 6), (0x5, 5), (0x25, 6), (0x26, 6), (0x27, 6),
    (0x6, 5), (0x74, 7), (0x75, 7), (0x28, 6), (0x29, 6), (0x2a, 6), (0x7, 5), (0x2b, 6), (0x76, 7), (0x2c, 6),
    (0x8, 5), (0x9, 5), (0x2d, 6), (0x77, 7), (0x78, 7), (0x79, 7), (0x7a, 7), (0x7b, 7), (0x7ffe, 15), (0x7fc, 11),
    (0x3ffd, 14), (0x1ffd, 13), (0xffffffc, 28), (0xfffe6, 20), (0x3fffd2, 22), (0xfffe7, 20), (0xfffe8, 20),
    (0x3fffd3, 22), (0x3fffd4, 22), (0x3fffd5, 22), (0x7fffd9, 23), (0x3fffd6, 22), (0x7fffda, 23), (0x7fffdb, 23),
    (0x7fffdc, 23), (0x7fffdd, 23), (0x7fffde, 23), (0xffffeb, 24), (0x7fffdf, 23), (0xffffec, 24), (0xffffed, 24),
    (0x3fffd7, 22), (0x7fffe0, 23), (0xffffee, 24), (0x7fffe1, 23), (0x7fffe2, 23), (0x7fffe3, 23), (0x7fffe4, 23),
    (0x1fffdc, 21), (0x3fffd8, 22), (0x7fffe5, 23), (0x3fffd9, 22), (0x7fffe6, 23), (0x7fffe7, 23), (0xffffef, 24),
    (0x3fffda, 22), (0x1fffdd, 21), (0xfffe9, 20), (0x3fffdb, 22), (0x3fffdc, 22), (0x7fffe8, 23), (0x7fffe9, 23),
    (0x1fffde, 21), (0x7fffea, 23), (0x3fffdd, 22), (0x3fffde, 22), (0xfffff0, 24), (0x1fffdf, 21), (0x3fffdf, 22),
    (0x7fffeb, 23), (0x7fffec, 23), (0x1fffe0, 21), (0x1fffe1, 21), (0x3fffe0, 22), (0x1fffe2, 21), (0x7fffed, 23),
    (0x3fffe1, 22), (0x7fffee, 23), (0x7fffef, 23), (0xfffea, 20), (0x3fffe2, 22), (0x3fffe3, 22), (0x3fffe4, 22),
    (0x7ffff0, 23), (0x3fffe5, 22), (0x3fffe6, 22), (0x7ffff1, 23), (0x3ffffe0, 26), (0x3ffffe1, 26), (0xfffeb, 20),
    (0x7fff1, 19), (0x3fffe7, 22), (0x7ffff2, 23), (0x3fffe8, 22), (0x1ffffec, 25), (0x3ffffe2, 26), (0x3ffffe3, 26),
    (0x3ffffe4, 26), (0x7ffffde, 27), (0x7ffffdf, 27), (0x3ffffe5, 26), (0xfffff1, 24), (0x1ffffed, 25),
    (0x7fff2, 19), (0x1fffe3, 21), (0x3ffffe6, 26), (0x7ffffe0, 27), (0x7ffffe1, 27), (0x3ffffe7, 26),
    (0x7ffffe2, 27), (0xfffff2, 24), (0x1fffe4, 21), (0x1fffe5, 21), (0x3ffffe8, 26), (0x3ffffe9, 26),
    (0xffffffd, 28), (0x7ffffe3, 27), (0x7ffffe4, 27), (0x7ffffe5, 27), (0xfffec, 20), (0xfffff3, 24), (0xfffed, 20),
    (0x1fffe6, 21), (0x3fffe9, 22), (0x1fffe7, 21), (0x1fffe8, 21), (0x7ffff3, 23), (0x3fffea, 22), (0x3fffeb, 22),
    (0x1ffffee, 25), (0x1ffffef, 25), (0xfffff4, 24), (0xfffff5, 24), (0x3ffffea, 26), (0x7ffff4, 23),
    (0x3ffffeb, 26), (0x7ffffe6, 27), (0x3ffffec, 26), (0x3ffffed, 26), (0x7ffffe7, 27), (0x7ffffe8, 27),
    (0x7ffffe9, 27), (0x7ffffea, 27), (0x7ffffeb, 27), (0xffffffe, 28), (0x7ffffec, 27), (0x7ffffed, 27),
    (0x7ffffee, 27), (0x7ffffef, 27), (0x7fffff0, 27), (0x3ffffee, 26),
]


def huffman(s):
    bits, n = 0, 0
    for ch in s:
        code, length = HUFFMAN[ch]
        bits = (bits << length) | code
        n += length
    pad = (-n) % 8
    bits = (bits << pad) | ((1 << pad) - 1)
    return (bits).to_bytes((n + pad) // 8, "big") if n + pad else b""


def hint(value, prefix, first=0):
    """An HPACK integer with an N-bit prefix, the prefix byte's other bits in first."""
    mask = (1 << prefix) - 1
    if value < mask:
        return bytes([first | value])
    out = [first | mask]
    value -= mask
    while value >= 128:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def hstr(s, huff=False):
    b = s.encode()
    if huff:
        h = huffman(b)
        return hint(len(h), 7, 0x80) + h
    return hint(len(b), 7) + b


def indexed(i):
    return hint(i, 7, 0x80)


def incremental(name_or_index, value, huff=False):
    if isinstance(name_or_index, int):
        return hint(name_or_index, 6, 0x40) + hstr(value, huff)
    return b"\x40" + hstr(name_or_index, huff) + hstr(value, huff)


def without(name_or_index, value, never=False):
    first = 0x10 if never else 0x00
    if isinstance(name_or_index, int):
        return hint(name_or_index, 4, first) + hstr(value)
    return bytes([first]) + hstr(name_or_index) + hstr(value)


def size_update(n):
    return hint(n, 5, 0x20)


def frame(ftype, flags, stream, payload):
    return struct.pack("!I", len(payload))[1:] + bytes([ftype, flags]) + struct.pack("!I", stream) + payload


PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"


def http2_frames():
    c = Conversation(40300, 8097)
    f = []
    settings = b"".join(struct.pack("!HI", k, v) for k, v in ((1, 4096), (2, 0), (3, 100), (4, 65535), (5, 16384), (6, 8192)))
    f.append((c.c(PREFACE + frame(4, 0, 0, settings) + frame(8, 0, 0, struct.pack("!I", 1 << 20))),
              "preface, SETTINGS with every parameter, WINDOW_UPDATE"))
    f.append((c.s(frame(4, 0, 0, struct.pack("!HI", 3, 128)) + frame(4, 1, 0, b"")), "server SETTINGS and SETTINGS ACK"))
    f.append((c.c(frame(4, 1, 0, b"")), "client SETTINGS ACK"))
    block = (indexed(2) + indexed(6) + indexed(5) + incremental(1, "www.example.com", huff=True)
             + incremental("x-custom", "alpha") + without(32, "session=1", never=True))
    f.append((c.c(frame(1, 0x05, 1, block)), "HEADERS: indexed, Huffman literal with indexing, literal name, never-indexed"))
    block = indexed(8) + incremental(31, "text/plain") + without(28, "5")
    f.append((c.s(frame(1, 0x04, 1, block) + frame(0, 0x09, 1, b"\x03hello\0\0\0")), "response HEADERS and padded DATA (END_STREAM)"))
    # stream 3 names the entries the client added (x-custom 62, :authority 63), with priority and padding
    block = indexed(2) + indexed(6) + hint(4, 4) + hstr("/second", True) + indexed(63) + indexed(62)
    payload = b"\x02" + struct.pack("!I", 0x80000001) + b"\x0f" + block + b"\0\0"
    f.append((c.c(frame(1, 0x2D, 3, payload)), "HEADERS with PADDED and PRIORITY naming dynamic entries 62 and 63"))
    block = indexed(3) + indexed(6) + incremental(4, "/upload") + indexed(63) + incremental("x-long-header-name", "0123456789" * 3)
    f.append((c.c(frame(1, 0x00, 5, block[:9]) + frame(9, 0x04, 5, block[9:])),
              "a header block split between HEADERS and CONTINUATION inside a field"))
    # a table of 100 bytes holds two small entries: the third evicts the oldest
    block = size_update(100) + incremental("a-first", "1") + incremental("b-second", "2") + incremental("c-third", "3") + indexed(62) + indexed(63)
    f.append((c.c(frame(1, 0x05, 7, block)), "size update to 100 bytes, then eviction (62 is c-third, 63 b-second)"))
    f.append((c.s(frame(5, 0x04, 1, struct.pack("!I", 2) + indexed(2) + indexed(7) + incremental(4, "/pushed"))),
              "PUSH_PROMISE of stream 2"))
    f.append((c.c(frame(2, 0, 9, struct.pack("!IB", 7, 200)) + frame(3, 0, 9, struct.pack("!I", 8))), "PRIORITY and RST_STREAM (CANCEL)"))
    f.append((c.c(frame(6, 0, 0, b"12345678")), "PING"))
    f.append((c.s(frame(6, 1, 0, b"12345678") + frame(0xFA, 0, 0, b"future")), "PING ACK and an unknown frame type"))
    f.append((c.c(frame(1, 0x05, 11, indexed(200))), "malformed: HPACK index 200 beyond the tables"))
    f.append((c.c(frame(1, 0x05, 13, b"\x41\x82\xf1\xe0")), "malformed: a Huffman string whose padding is not EOS's ones"))
    f.append((c.c(frame(0, 0, 15, b"0123456789" * 2)[:20]), "a DATA frame that runs past the segment (truncated)"))
    f.append((c.s(frame(7, 0, 0, struct.pack("!II", 7, 0) + b"bye")), "GOAWAY with debug data"))
    c = Conversation(40301, 8097)
    ping = frame(6, 0, 0, b"abcdefgh")
    f.append((c.c(PREFACE + frame(4, 0, 0, struct.pack("!HI", 3, 100))), "a second connection: the preface and SETTINGS"))
    f.append((c.c(frame(0, 0x08, 1, b"\x09abc") + ping[:4]),
              "malformed: a padded DATA frame whose pad length runs past its payload, then the first 4 bytes of a PING: "
              "the malformed frame ends where its length says, and the PING waits"))
    f.append((c.c(ping[4:]), "the rest of that PING, dissected in this frame"))
    return f


def h2c_port80_frames():
    """HTTP/2 with prior knowledge on port 80, HTTP's port: its preface claims the connection for
    HTTP/2 (as Wireshark's HTTP dissector hands it on); HTTP/1.1 on another connection stays HTTP/1.1."""
    c = Conversation(40400, 80)
    f = []
    f.append((c.c(PREFACE + frame(4, 0, 0, struct.pack("!HI", 3, 100))), "port 80: the HTTP/2 preface and SETTINGS"))
    f.append((c.s(frame(4, 0, 0, b"") + frame(4, 1, 0, b"")), "port 80, the server's SETTINGS and ACK: HTTP/2 by the connection"))
    f.append((c.c(frame(1, 0x05, 1, indexed(2) + indexed(6) + indexed(4) + incremental(1, "example.com"))), "port 80: HEADERS of stream 1"))
    f.append((c.s(frame(1, 0x04, 1, indexed(8)) + frame(0, 0x01, 1, b"hi")), "port 80: response HEADERS and DATA"))
    h = Conversation(40401, 80)
    f.append((h.c(b"GET / HTTP/1.1\r\nHost: example.com\r\n\r\n"), "port 80, another connection: HTTP/1.1 request"))
    f.append((h.s(b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n"), "HTTP/1.1 response, its body in the next segment"))
    f.append((h.s(b"\x00\x01\x02\x03"), "the body, which completes the response (reassembled here, as tshark shows it)"))
    return f


# ---------------------------------------------------------------- flows of every transport

def udplite(sport, dport, payload, coverage=0):
    return struct.pack("!HHHH", sport, dport, coverage, 0) + payload


def flows_frames():
    """Flows of each transport whose grammar gives its ports roles: UDP and UDP-Lite (numbered
    together, as tshark's udp.stream), over IPv4 and IPv6, and TCP on the same ports."""
    v6 = lambda proto, payload, reply=False: eth(0x86DD, ipv6(proto, payload, src="2001:db8::2" if reply else "2001:db8::1",
                                                              dst="2001:db8::1" if reply else "2001:db8::2"))
    back = lambda proto, payload: eth(0x0800, ipv4(proto, payload, src="10.0.0.2", dst="10.0.0.1"), dst=crafted.MAC_A,
                                      src=crafted.MAC_B)
    f = []
    f.append((eth(0x0800, ipv4(17, udp(5000, 6000, b"one"))), "UDP 10.0.0.1:5000 -> 10.0.0.2:6000: udp.stream 0"))
    f.append((back(17, udp(6000, 5000, b"two")), "its reply: the same flow"))
    f.append((eth(0x0800, ipv4(136, udplite(40000, 40002, b"three"))), "UDP-Lite 40000 -> 40002: a flow numbered with UDP's (udp.stream 1)"))
    f.append((back(136, udplite(40002, 40000, b"four", coverage=8)), "its reply (coverage 8): the same flow"))
    f.append((v6(136, udplite(40001, 40003, b"five")), "UDP-Lite over IPv6: udp.stream 2"))
    f.append((v6(136, udplite(40003, 40001, b"six"), reply=True), "its reply over IPv6"))
    f.append((v6(17, udp(40001, 40003, b"seven")), "UDP over IPv6 on the UDP-Lite flow's addresses and ports"))
    f.append((eth(0x0800, ipv4(6, tcp(5000, 6000, seq=100, flags=0x02))), "TCP SYN on UDP flow 0's ports: tcp.stream 0"))
    f.append((back(6, tcp(6000, 5000, seq=900, ack=101, flags=0x12)), "SYN/ACK"))
    f.append((eth(0x0800, ipv4(6, tcp(5000, 6000, seq=101, ack=901, flags=0x18, payload=b"data"))), "data on tcp.stream 0"))
    f.append((eth(0x0800, ipv4(17, udp(5000, 6000, b"eight"))), "UDP flow 0 again, after the TCP connection's packets"))
    return f


def main():
    os.makedirs(OUT, exist_ok=True)
    write("app_dns.pcap", dns_frames())
    write("app_ftp.pcap", ftp_frames())
    write("app_http.pcap", http_frames())
    write("app_http2.pcap", http2_frames(), args="-d tcp.port==8097,http2")
    write("app_h2c_port80.pcap", h2c_port80_frames())
    write("flows_transports.pcap", flows_frames())
    with open(os.path.join(OUT, "FRAMES-app.tsv"), "w") as o:
        o.write("# made by scripts/make-app-captures.py: what each frame of the application captures exercises\n")
        o.write("file\tframe\twhat\n")
        for name_, n, what in FRAMES:
            o.write("%s\t%d\t%s\n" % (name_, n, what))
    version = subprocess.run(["tshark", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    print("wrote %d frames in %d captures; oracles by %s" % (len(FRAMES), len({f for f, _, _ in FRAMES}), version))


if __name__ == "__main__":
    main()
