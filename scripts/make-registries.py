#!/usr/bin/env python3
"""Regenerates grammars/registry/*.tsv on this machine, with no network.

Sources (Debian 12 packages):
  - ethertype, ip_proto: Wireshark's value tables, `tshark -G values` (fields eth.type, ip.proto)
  - tcp_port, udp_port: Wireshark's services file (/usr/share/wireshark/services)
  - linktype: libpcap's pcap_datalink_val_to_name / _description (DLT values mapped to the
    LINKTYPE values written in files, as libpcap's pcap-common.c does)

Usage: python3 scripts/make-registries.py [OUTDIR]   (default grammars/registry)
"""
import ctypes
import ctypes.util
import datetime
import os
import re
import subprocess
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "grammars", "registry")
TODAY = datetime.date.today().isoformat()
SCRIPT = "scripts/make-registries.py"


def write(name, cls, title, source, rows):
    path = os.path.join(OUT, name + ".tsv")
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"# class: {cls}\n# title: {title}\n# source: {source}\n# date: {TODAY}\n# made by: {SCRIPT}\n")
        f.write("value\tname\tdescription\n")
        for v, n, d in sorted(rows, key=lambda r: int(r[0], 0)):
            f.write(f"{v}\t{clean(n)}\t{clean(d)}\n")
    print(f"{path}: {len(rows)} values")


def clean(s):
    return re.sub(r"\s+", " ", s.replace("\t", " ")).strip()


def tshark_values(field):
    out = subprocess.run(["tshark", "-G", "values"], capture_output=True, text=True, check=True).stdout
    rows = {}
    for line in out.splitlines():
        cols = line.split("\t")
        if len(cols) >= 4 and cols[0] == "V" and cols[1] == field:
            rows[int(cols[2], 0)] = cols[3]
    return rows


def tshark_version():
    out = subprocess.run(["tshark", "-v"], capture_output=True, text=True, check=True).stdout
    return out.splitlines()[0]


# Short names for the EtherTypes the grammars dispatch on; Wireshark's text is kept as description.
ETHERTYPE_SHORT = {0x0800: "IPv4", 0x0806: "ARP", 0x8035: "RARP", 0x8100: "802.1Q", 0x88a8: "802.1ad",
                   0x86dd: "IPv6", 0x8137: "IPX", 0x8863: "PPPoE-Discovery", 0x8864: "PPPoE-Session",
                   0x9100: "QinQ", 0x88cc: "LLDP", 0x8847: "MPLS", 0x8848: "MPLS-multicast", 0x88e5: "MACsec",
                   0x8809: "Slow-Protocols", 0x88f7: "PTP", 0x0842: "Wake-on-LAN", 0x22f3: "TRILL", 0x9000: "Loopback"}


def ethertype():
    v = tshark_values("eth.type")
    rows = [(f"0x{k:04x}", ETHERTYPE_SHORT.get(k, name), name) for k, name in v.items()]
    write("ethertype", "EtherType", "EtherType values", f"{tshark_version()}, -G values, field eth.type", rows)


def ip_proto():
    v = tshark_values("ip.proto")
    rows = [(str(k), name, name) for k, name in v.items()]
    write("ip_proto", "IpProtocol", "IP protocol numbers (TP_PROTO)", f"{tshark_version()}, -G values, field ip.proto", rows)


def ports():
    path = "/usr/share/wireshark/services"
    rows = {"tcp": {}, "udp": {}}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.split("#", 1)
            comment = line[1].strip() if len(line) > 1 else ""
            fields = line[0].split()
            if len(fields) < 2 or "/" not in fields[1]:
                continue
            name = fields[0]
            port, protos = fields[1].split("/", 1)
            if not port.isdigit():
                continue
            for p in re.split(r"[,/]", protos):
                if p in rows and int(port) not in rows[p]:
                    rows[p][int(port)] = (name, comment or name)
    pkg = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "libwireshark-data"], capture_output=True, text=True).stdout
    for p in ("tcp", "udp"):
        write(f"{p}_port", f"{p.capitalize()}Port", f"{p.upper()} service ports",
              f"Wireshark services file {path} (libwireshark-data {pkg})",
              [(str(k), n, d) for k, (n, d) in rows[p].items()])


# libpcap's DLT values that are written as different LINKTYPE values in files (pcap-common.c)
DLT_TO_LINKTYPE = {11: 100, 12: 101, 14: 101, 15: 102, 16: 103, 19: 106, 18: 246}
# LINKTYPE names where they differ from libpcap's DLT names
LINKTYPE_NAMES = {1: "ETHERNET", 100: "ATM_RFC1483", 101: "RAW", 102: "SLIP_BSDOS", 103: "PPP_BSDOS", 106: "ATM_CLIP"}


def linktype():
    lib = ctypes.CDLL(ctypes.util.find_library("pcap") or "libpcap.so.0.8")
    lib.pcap_datalink_val_to_name.restype = ctypes.c_char_p
    lib.pcap_datalink_val_to_description.restype = ctypes.c_char_p
    lib.pcap_lib_version.restype = ctypes.c_char_p
    rows = {}
    for dlt in range(0, 4096):
        n = lib.pcap_datalink_val_to_name(dlt)
        if not n:
            continue
        d = lib.pcap_datalink_val_to_description(dlt).decode()
        lt = DLT_TO_LINKTYPE.get(dlt, dlt)
        name = LINKTYPE_NAMES.get(lt, n.decode())
        if lt not in rows:
            rows[lt] = (name, d)
    # the old DLT_RAW values still appear in files (tshark reads 12 and 14 as raw IP)
    rows.setdefault(12, ("RAW_12", "Raw IPv4/IPv6 (DLT_RAW on most systems)"))
    rows.setdefault(14, ("RAW_14", "Raw IPv4/IPv6 (DLT_RAW on OpenBSD)"))
    write("linktype", "LinkType", "Link-layer header types (LINKTYPE_ values)",
          f"{lib.pcap_lib_version().decode()}, pcap_datalink_val_to_name/_description",
          [(str(k), n, d) for k, (n, d) in rows.items()])


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    ethertype()
    ip_proto()
    ports()
    linktype()
