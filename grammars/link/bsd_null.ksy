meta:
  id: bsd_null
  title: BSD loopback encapsulation (LINKTYPE_NULL)
  license: MIT
  endian: le
  -pcapkit:
    name: "NULL"
    key: "null"
    layer: link
    dispatch:
      linktype: 0
    next:
      - table: bsd_af
        key: family
doc: |
  A 4-byte address family in the byte order of the machine that captured. Like Wireshark, a
  value whose upper 16 bits are set and lower 16 bits clear is taken as byte-swapped.
doc-ref: https://www.tcpdump.org/linktypes/LINKTYPE_NULL.html
seq:
  - id: family_raw
    type: u4
    -hide: true
instances:
  family:
    value: "(family_raw & 0xffff0000) != 0 and (family_raw & 0xffff) == 0 ? ((family_raw >> 24) & 0xff) | ((family_raw >> 8) & 0xff00) : family_raw"
    -json: family
    -enum: address_family
enums:
  address_family:
    2:
      id: af_inet
      -name: "AF_INET"
    7:
      id: af_iso
      -name: "AF_ISO"
    10:
      id: af_inet6_linux
      -name: "AF_INET6 (Linux)"
    23:
      id: af_ipx
      -name: "AF_IPX"
    24:
      id: af_inet6_netbsd_openbsd
      -name: "AF_INET6 (NetBSD, OpenBSD)"
    28:
      id: af_inet6_freebsd
      -name: "AF_INET6 (FreeBSD)"
    30:
      id: af_inet6_darwin
      -name: "AF_INET6 (Darwin)"
