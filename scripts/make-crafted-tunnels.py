#!/usr/bin/env python3
"""Writes the crafted tunnel captures of testdata/crafted/ (PPPoE, PPP, LCP, L2TP, IPX) and their
tshark oracles.

The third-party corpus carries PPPoE session frames, L2TPv2 data and Hello messages and IPX over
802.2 LLC; these frames reach the rest of the grammars: PPPoE discovery and its tags, PPP with and
without HDLC address/control and with a compressed protocol field, LCP packets and options, L2TPv2
control messages with AVPs (vendor and hidden ones too), offsets and priority, the L2TPv3 headers
over UDP and over IP, IPX over Ethernet II, LLC and SNAP, the PPP link types, and lying lengths and
cut headers of each. Built byte by byte with the helpers of make-crafted-captures.py; the oracles
are made as the corpus's (tshark 4.0.17, the same -e lists: NAME.tshark.tsv and
NAME.tshark-app.tsv, the latter with a few more columns for what only these frames carry). Run
from the repository root:

    python3 scripts/make-crafted-tunnels.py

Needs tshark 4.0.x on the PATH.
"""
import importlib.util
import os
import struct
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("crafted", os.path.join(HERE, "make-crafted-captures.py"))
crafted = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(crafted)

OUT = crafted.OUT
eth, ipv4, ipv6, udp, pad60, csum = crafted.eth, crafted.ipv4, crafted.ipv6, crafted.udp, crafted.pad60, crafted.csum
MAC_A, MAC_B = crafted.MAC_A, crafted.MAC_B
BROADCAST = b"\xff" * 6

# the corpus's tshark-app.tsv columns, then what only these captures carry
APP_FIELDS = ("frame.number icmp.type icmp.code icmpv6.type icmpv6.code dns.id dns.flags.response dns.qry.name dns.qry.type "
              "dns.count.answers dns.a ftp.request.command ftp.response.code http.request.method http.request.uri "
              "http.request.version http.response.code http.host http.content_length http2.type http2.streamid "
              "http2.header.name ipx.dst.net ipx.src.net ipx.packet_type llc.dsap ospf.version ospf.msg ospf.srcrouter "
              "ospf.area_id l2tp.type l2tp.tunnel l2tp.session pppoe.session_id ppp.protocol ah.spi ah.sequence esp.spi "
              "esp.sequence hip.packet_type mip6.mhtype ipv6.routing.type ipv6.routing.segleft ipv6.hopopts.nxt "
              "ipv6.dstopts.nxt ipv6.fraghdr.offset ipv6.fraghdr.more ipv6.fraghdr.ident ip.frag_offset sll.pkttype "
              "null.family "
              "pppoe.code ppp.code ppp.identifier l2tp.ccid l2tp.sid l2tp.avp.message_type ipx.dst.socket ipx.src.node").split()


# ---- PPPoE ----

def tag(t, value=b""):
    return struct.pack("!HH", t, len(value)) + value


def pppoe(ethertype, code, session, payload, length=None):
    ln = len(payload) if length is None else length
    return eth(ethertype, struct.pack("!BBHH", 0x11, code, session, ln) + payload, dst=BROADCAST if code == 0x09 else MAC_B)


def pppoes(ppp_frame, session=0x2a, length=None):
    return pppoe(0x8864, 0x00, session, ppp_frame, length)


# ---- PPP, LCP ----

def ppp(proto, payload, hdlc=False, compress=False):
    head = b"\xff\x03" if hdlc else b""
    field = bytes([proto]) if compress else struct.pack("!H", proto)
    return head + field + payload


def lcp(code, ident, data, length=None):
    ln = 4 + len(data) if length is None else length
    return struct.pack("!BBH", code, ident, ln) + data


def opt(t, value=b""):
    return bytes([t, 2 + len(value)]) + value


LCP_CONFREQ = lcp(1, 1, opt(1, struct.pack("!H", 1492)) + opt(2, struct.pack("!I", 0)) + opt(3, struct.pack("!HB", 0xC223, 5))
                  + opt(5, struct.pack("!I", 0x1A2B3C4D)) + opt(7) + opt(8) + opt(99, b"\x01\x02"))


# ---- L2TP ----

def avp(attr, value, m=True, hidden=False, vendor=0):
    flags = (0x8000 if m else 0) | (0x4000 if hidden else 0)
    return struct.pack("!HHH", flags | (6 + len(value)), vendor, attr) + value


def l2tp_control(tunnel, session, ns, nr, avps, length=None):
    ln = 12 + len(avps) if length is None else length
    return struct.pack("!HHHHHH", 0xC802, ln, tunnel, session, ns, nr) + avps


def l2tp_data(tunnel, session, payload, length=False, seq=None, offset=None, prio=False):
    flags = 0x0002 | (0x4000 if length else 0) | (0x0800 if seq else 0) | (0x0200 if offset is not None else 0) | (0x0100 if prio else 0)
    rest = struct.pack("!HH", tunnel, session)
    if seq:
        rest += struct.pack("!HH", *seq)
    if offset is not None:
        rest += struct.pack("!H", offset) + b"\0" * offset
    head_len = 2 + (2 if length else 0) + len(rest)
    out = struct.pack("!H", flags)
    if length:
        out += struct.pack("!H", length if length is not True else head_len + len(payload))
    return out + rest + payload


def over_udp(l2tp, sport=1701, dport=1701):
    return eth(0x0800, ipv4(17, udp(sport, dport, l2tp), src="192.0.2.1", dst="192.0.2.2"))


SCCRQ = (avp(0, struct.pack("!H", 1)) + avp(2, b"\x01\x00") + avp(3, struct.pack("!I", 3)) + avp(4, struct.pack("!I", 0), m=False)
         + avp(7, b"lac.example") + avp(9, struct.pack("!H", 0x1234)) + avp(10, struct.pack("!H", 4)) + avp(8, b"pcapkit", m=False)
         + avp(5, bytes(range(8)), m=False))


# ---- IPX ----

def ipx(ptype, dst_net, src_net, payload=b"", dst_sock=0x0453, src_sock=0x0453, length=None, dst_node=BROADCAST, src_node=MAC_A):
    ln = 30 + len(payload) if length is None else length
    return (struct.pack("!HHBB", 0xFFFF, ln, 0, ptype) + struct.pack("!I", dst_net) + dst_node + struct.pack("!H", dst_sock)
            + struct.pack("!I", src_net) + src_node + struct.pack("!H", src_sock) + payload)


def ieee8023(payload, dst=BROADCAST):
    return dst + MAC_A + struct.pack("!H", len(payload)) + payload


RIP_REQ = struct.pack("!H", 1) + struct.pack("!IHH", 0xFFFFFFFF, 0xFFFF, 0xFFFF)


def tunnel_frames():
    """(frame bytes, captured length or None, note) for LINKTYPE_ETHERNET."""
    data = b"tunnel"
    f = []
    add = lambda b, note, cap=None: f.append((b, cap, note))
    # --- PPPoE discovery ---
    add(pad60(pppoe(0x8863, 0x09, 0, tag(0x0101) + tag(0x0103, b"\xde\xad\xbe\xef"))), "PPPoE PADI: empty Service-Name, Host-Uniq (padded)")
    add(pppoe(0x8863, 0x07, 0, tag(0x0102, b"ac-1") + tag(0x0101) + tag(0x0104, bytes(16)) + tag(0x0105, struct.pack("!I", 0xDE9) + b"\x01\x02")
              + tag(0x0120, struct.pack("!H", 1500)) + tag(0x0103, b"\xde\xad\xbe\xef")),
        "PPPoE PADO: AC-Name, Service-Name, AC-Cookie, Vendor-Specific (ADSL Forum), PPP-Max-Payload, Host-Uniq")
    add(pad60(pppoe(0x8863, 0x19, 0, tag(0x0101, b"internet") + tag(0x0104, bytes(16)))), "PPPoE PADR: Service-Name 'internet', AC-Cookie")
    add(pad60(pppoe(0x8863, 0x65, 0x2A, tag(0x0101, b"internet"))), "PPPoE PADS: session id 0x002a")
    add(pad60(pppoe(0x8863, 0xA7, 0x2A, tag(0x0203, b"bye"))), "PPPoE PADT with a Generic-Error tag")
    add(pad60(pppoe(0x8863, 0x09, 0, tag(0x7777, b"?") + tag(0x0000))), "PPPoE PADI: an unknown tag type, then End-Of-List")
    add(pad60(pppoe(0x8863, 0x09, 0, struct.pack("!HH", 0x0101, 40) + b"abc")), "PPPoE PADI: a tag longer than the tags (lying)")
    add(pppoe(0x8863, 0x09, 0, tag(0x0101), length=100), "PPPoE PADI: length beyond the frame")
    # --- PPPoE session, PPP, LCP ---
    add(pppoes(ppp(0xC021, LCP_CONFREQ)), "PPPoE session / PPP / LCP Configure-Request: MRU, ACCM, CHAP MD5, magic, PFC, ACFC, unknown option")
    add(pad60(pppoes(ppp(0xC021, lcp(2, 1, opt(1, struct.pack("!H", 1492)))))), "PPPoE / PPP / LCP Configure-Ack (padded)")
    add(pad60(pppoes(ppp(0xC021, lcp(9, 7, struct.pack("!I", 0x1A2B3C4D))))), "PPPoE / PPP / LCP Echo-Request")
    add(pad60(pppoes(ppp(0xC021, lcp(10, 7, struct.pack("!I", 0x55667788) + b"xy")))), "PPPoE / PPP / LCP Echo-Reply with data")
    add(pad60(pppoes(ppp(0xC021, lcp(5, 3, b"going")))), "PPPoE / PPP / LCP Terminate-Request with data")
    add(pad60(pppoes(ppp(0xC021, lcp(8, 4, struct.pack("!H", 0x8057) + b"\x01\x01\x00\x04")))), "PPPoE / PPP / LCP Protocol-Reject (IPV6CP)")
    add(pad60(pppoes(ppp(0xC021, lcp(7, 5, b"\x0e\x01\x00\x04")))), "PPPoE / PPP / LCP Code-Reject")
    add(pad60(pppoes(ppp(0xC021, lcp(12, 6, struct.pack("!I", 1) + b"pcapkit")))), "PPPoE / PPP / LCP Identification")
    add(pad60(pppoes(ppp(0xC021, lcp(13, 8, struct.pack("!II", 1, 3600) + b"t")))), "PPPoE / PPP / LCP Time-Remaining")
    add(pad60(pppoes(ppp(0xC021, lcp(1, 9, b"\x01\x01\x05\xdc")))), "PPPoE / PPP / LCP option length 1 (lying)")
    add(pad60(pppoes(ppp(0xC021, lcp(1, 9, opt(1, struct.pack("!H", 1492)), length=40)))), "PPPoE / PPP / LCP length beyond the PPP frame")
    add(pad60(pppoes(ppp(0xC021, lcp(1, 9, b"", length=2)))), "PPPoE / PPP / LCP length 2 (< 4)")
    add(pppoes(ppp(0x0021, ipv4(17, udp(1000, 53, data)))), "PPPoE / PPP / IPv4 / UDP")
    add(pppoes(ppp(0x0057, ipv6(17, udp(1000, 53, data)))), "PPPoE / PPP / IPv6 / UDP")
    add(pppoes(ppp(0x21, ipv4(17, udp(1000, 53, data)), compress=True)), "PPPoE / PPP with a compressed (1-byte) protocol / IPv4")
    add(pad60(pppoes(ppp(0x0021, ipv4(17, udp(1, 2, b""))))), "PPPoE / PPP / IPv4 / UDP, Ethernet padding after the PPPoE length")
    add(pppoes(ppp(0x0021, ipv4(17, udp(1, 2, data))), length=200), "PPPoE length beyond the frame: clamped")
    add(pppoes(ppp(0x0021, ipv4(17, udp(1, 2, data))), length=0), "PPPoE length 0")
    add(pppoes(ppp(0x8021, lcp(1, 1, opt(3, b"\x0a\0\0\x01")))), "PPPoE / PPP / IPCP (not ours): Raw")
    add(pppoes(ppp(0x002B, ipx(4, 0x1234, 0x5678, b"ipx"))), "PPPoE / PPP / IPX")
    add(pppoes(ppp(0x0021, ipv4(17, udp(1, 2, data)), hdlc=True)), "PPPoE / PPP with address and control ff 03 / IPv4")
    add(pppoes(ppp(0x0021, b""))[:14 + 4], "PPPoE session header cut after 4 bytes")
    add(pppoes(b"\x00"), "PPPoE / PPP protocol field cut after its first byte")
    # --- L2TPv2 over UDP ---
    add(over_udp(l2tp_control(0, 0, 0, 0, SCCRQ)), "L2TPv2 SCCRQ: message type, version, framing/bearer, host and vendor name, tunnel id, window, tie breaker")
    add(over_udp(l2tp_control(0x1234, 0, 1, 1, avp(0, struct.pack("!H", 2)) + avp(2, b"\x01\x00") + avp(7, b"lns")
                              + avp(9, struct.pack("!H", 0x4321)) + avp(99, b"vendor?", vendor=9) + avp(11, bytes(16), hidden=True))),
        "L2TPv2 SCCRP: a vendor (Cisco) AVP and a hidden AVP")
    add(over_udp(l2tp_control(0x4321, 0, 2, 2, b"")), "L2TPv2 ZLB acknowledgement (no AVPs)")
    add(over_udp(l2tp_control(0x4321, 0, 3, 2, avp(0, struct.pack("!H", 4)) + avp(1, struct.pack("!HH", 2, 6) + b"shutdown")
                              + avp(9, struct.pack("!H", 0x1234)))), "L2TPv2 StopCCN with a Result Code (error code and message)")
    add(over_udp(l2tp_control(0x4321, 0x99, 4, 3, avp(0, struct.pack("!H", 10)) + avp(14, struct.pack("!H", 0x99))
                              + avp(15, struct.pack("!I", 77)) + avp(22, b"5551234"))), "L2TPv2 ICRQ: session id, serial number, calling number")
    add(over_udp(l2tp_data(0x4321, 0x99, ppp(0x0021, ipv4(17, udp(7, 7, data)), hdlc=True), length=True, seq=(5, 6), offset=3)),
        "L2TPv2 data with length, Ns/Nr and a 3-byte offset pad / PPP ff03 / IPv4 / UDP")
    add(over_udp(l2tp_data(0x4321, 0x99, ppp(0x0057, ipv6(17, udp(7, 7, data))))), "L2TPv2 data without options / PPP (no ff03) / IPv6")
    add(over_udp(l2tp_data(0x4321, 0x99, ppp(0xC021, lcp(9, 1, struct.pack("!I", 7)), hdlc=True), prio=True)),
        "L2TPv2 data with priority / PPP / LCP Echo-Request")
    add(over_udp(l2tp_data(0x4321, 0x99, ppp(0x0021, ipv4(17, udp(7, 7, data)), hdlc=True), length=True), sport=40000),
        "L2TPv2 data from port 40000 to 1701, length present")
    add(over_udp(l2tp_control(0, 0, 0, 0, struct.pack("!HHH", 0x8003, 0, 0))),
        "L2TPv2 control: AVP length 3 (< 6)")
    add(over_udp(l2tp_control(0, 0, 0, 0, avp(0, struct.pack("!H", 1)), length=60)), "L2TPv2 control: length beyond the datagram")
    add(over_udp(l2tp_control(0, 0, 0, 0, avp(0, struct.pack("!H", 1)), length=8)), "L2TPv2 control: length 8 (< header)")
    add(over_udp(l2tp_control(0, 0, 0, 0, struct.pack("!HHH", 0x8014, 0, 0) + b"\0\x01")), "L2TPv2 control: AVP longer than the message")
    add(over_udp(l2tp_data(1, 2, ppp(0x0021, b""), length=4)), "L2TPv2 data: length 4 (< header)")
    add(over_udp(b"\xc8"), "L2TP flags cut after one byte")
    add(over_udp(struct.pack("!HHH", 0x0001, 1, 2) + b"\0" * 8), "UDP 1701, version 1 (L2F)")
    add(over_udp(struct.pack("!HHH", 0x0005, 1, 2) + b"\0" * 8), "UDP 1701, version 5")
    # --- L2TPv3 ---
    v3ctl = (avp(0, struct.pack("!H", 1)) + avp(2, b"\x01\x00") + avp(7, b"lcce") + avp(61, struct.pack("!I", 0xABCDEF01))
             + avp(62, struct.pack("!HH", 5, 4)))
    add(over_udp(struct.pack("!HHIHH", 0xC803, 12 + len(v3ctl), 0, 0, 0) + v3ctl), "L2TPv3 over UDP: SCCRQ (assigned control connection id)")
    add(over_udp(struct.pack("!HHIHH", 0xC803, 12, 0xABCDEF01, 1, 1)), "L2TPv3 over UDP: ZLB to control connection 0xabcdef01")
    add(over_udp(struct.pack("!HHI", 0x0003, 0, 0x00C0FFEE) + bytes(4) + data), "L2TPv3 over UDP: data, session 0x00c0ffee")
    add(eth(0x0800, ipv4(115, struct.pack("!IHHIHH", 0, 0xC803, 12 + len(v3ctl), 0, 0, 0) + v3ctl, src="192.0.2.1", dst="192.0.2.2")),
        "L2TPv3 over IP (115): SCCRQ")
    icrq = avp(0, struct.pack("!H", 10)) + avp(63, struct.pack("!I", 0x11223344)) + avp(68, struct.pack("!H", 5))
    add(eth(0x0800, ipv4(115, struct.pack("!IHHIHH", 0, 0xC803, 12 + len(icrq), 0x0BADCAFE, 1, 1) + icrq)),
        "L2TPv3 over IP: ICRQ (local session id, pseudowire type Ethernet)")
    add(eth(0x0800, ipv4(115, struct.pack("!I", 0x11223344) + data)), "L2TPv3 over IP: data, session 0x11223344")
    add(eth(0x86DD, ipv6(115, struct.pack("!I", 0x11223344) + data)), "L2TPv3 over IPv6: data")
    add(eth(0x0800, ipv4(115, struct.pack("!IHHIHH", 0, 0xC803, 8, 0, 0, 0))), "L2TPv3 over IP: control length 8 (< 12)")
    add(eth(0x0800, ipv4(115, b"\0\0")), "L2TPv3 over IP: session id cut")
    # --- IPX ---
    add(pad60(eth(0x8137, ipx(1, 0, 0x0A0B0C0D, RIP_REQ))), "IPX over Ethernet II: RIP request (padded)")
    add(pad60(ieee8023(b"\xe0\xe0\x03" + ipx(4, 0x00001234, 0x0A0B0C0D, b"pep", dst_sock=0x0455, src_sock=0x4001))),
        "IPX over 802.3 / LLC (SAP 0xe0): PEP to NetBIOS")
    add(pad60(ieee8023(b"\xaa\xaa\x03\x00\x00\x00\x81\x37" + ipx(0x11, 0xCAFE, 0xBEEF, b"ncp", dst_sock=0x0451, src_sock=0x4003))),
        "IPX over 802.3 / LLC / SNAP (OUI 0, 0x8137): NCP")
    add(pad60(eth(0x8137, ipx(1, 0, 0, RIP_REQ, length=20))), "IPX length 20 (< 30)")
    add(eth(0x8137, ipx(1, 0, 0, RIP_REQ, length=300)), "IPX length beyond the frame: clamped")
    add(eth(0x8137, ipx(1, 0, 0, RIP_REQ))[:14 + 20], "IPX header cut after 20 bytes")
    add(eth(0x8100, struct.pack("!HH", 5, 0x8137) + ipx(5, 7, 8, b"spx!" * 3, dst_sock=0x8060)), "802.1Q / IPX: SPX")
    return f


def ppp_frames(hdlc_only=False):
    """Frames of LINKTYPE_PPP (9) and LINKTYPE_PPP_HDLC (50)."""
    data = b"ppp"
    f = []
    add = lambda b, note: f.append((b, None, note))
    add(ppp(0x0021, ipv4(17, udp(5, 6, data)), hdlc=True), "PPP ff03 / IPv4 / UDP")
    add(ppp(0x0057, ipv6(17, udp(5, 6, data)), hdlc=True), "PPP ff03 / IPv6 / UDP")
    add(ppp(0xC021, LCP_CONFREQ, hdlc=True), "PPP ff03 / LCP Configure-Request")
    if not hdlc_only:
        add(ppp(0x0021, ipv4(17, udp(5, 6, data))), "PPP without address and control / IPv4")
        add(ppp(0x21, ipv4(17, udp(5, 6, data)), compress=True), "PPP with a compressed protocol field / IPv4")
        add(ppp(0xC021, lcp(9, 1, struct.pack("!I", 3))), "PPP / LCP Echo-Request")
    add(b"\xff", "PPP cut after the address")
    return f


def ppp_ether_frames():
    """LINKTYPE_PPP_ETHER (51): the record starts with the PPPoE session header."""
    data = b"pppoe"
    hdr = lambda p: struct.pack("!BBHH", 0x11, 0, 0x2A, len(p)) + p
    return [
        (hdr(b""), None, "PPPoE session, length 0"),
        (hdr(ppp(0x0021, ipv4(17, udp(5, 6, data)))), None, "PPPoE session / PPP / IPv4 / UDP"),
        (hdr(ppp(0xC021, LCP_CONFREQ)), None, "PPPoE session / PPP / LCP"),
    ]


def oracles(path):
    crafted.oracle(path)
    cmd = ["tshark", "-2", "-r", path, "-o", "tcp.reassemble_out_of_order:TRUE", "-T", "fields", "-E", "header=y",
           "-E", "separator=/t", "-E", "occurrence=f"]
    for f in APP_FIELDS:
        cmd += ["-e", f]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit("tshark failed on %s: %s" % (path, res.stderr))
    with open(path + ".tshark-app.tsv", "w") as o:
        o.write(res.stdout)


def main():
    os.makedirs(OUT, exist_ok=True)
    captures = {
        "crafted_tunnels.pcap": (1, tunnel_frames()),
        "crafted_ppp9.pcap": (9, ppp_frames()),
        "crafted_ppp_hdlc50.pcap": (50, ppp_frames(hdlc_only=True)),
        "crafted_ppp_ether51.pcap": (51, ppp_ether_frames()),
    }
    with open(os.path.join(OUT, "FRAMES-tunnels.tsv"), "w") as notes:
        notes.write("capture\tframe\twhat it exercises\n")
        for name, (lt, frames) in captures.items():
            p = os.path.join(OUT, name)
            crafted.write_pcap(p, lt, frames)
            oracles(p)
            for i, (_, _, note) in enumerate(frames):
                notes.write("%s\t%d\t%s\n" % (name, i + 1, note))
    version = subprocess.run(["tshark", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    print("wrote", ", ".join(captures), "with oracles from", version)


if __name__ == "__main__":
    main()
