#!/usr/bin/env python3
"""Peer benchmark: dpkt reads every frame and touches the L2-L4 header fields pcapkit outputs.

Usage: python3 bench/dpkt_fields.py FILE   (Debian's python3-dpkt)
"""
import sys

import dpkt


def main(path):
    n = 0
    acc = 0
    with open(path, "rb") as f:
        for ts, buf in dpkt.pcap.Reader(f):
            n += 1
            eth = dpkt.ethernet.Ethernet(buf)
            acc += eth.type
            ip = eth.data
            if isinstance(ip, dpkt.ip.IP):
                acc += ip.v + ip.hl + ip.len + ip.id + ip.off + ip.ttl + ip.p + ip.sum
                acc += len(ip.src) + len(ip.dst)
            elif isinstance(ip, dpkt.ip6.IP6):
                acc += ip.v + ip.fc + ip.flow + ip.plen + ip.nxt + ip.hlim + len(ip.src)
            elif isinstance(ip, dpkt.arp.ARP):
                acc += ip.hrd + ip.pro + ip.op
                continue
            else:
                continue
            l4 = ip.data
            if isinstance(l4, dpkt.tcp.TCP):
                acc += l4.sport + l4.dport + l4.seq + l4.ack + l4.off + l4.flags + l4.win + l4.sum + l4.urp
                acc += len(dpkt.tcp.parse_opts(l4.opts))
            elif isinstance(l4, dpkt.udp.UDP):
                acc += l4.sport + l4.dport + l4.ulen + l4.sum
    print(n, acc & 0xFFFF)


if __name__ == "__main__":
    main(sys.argv[1])
