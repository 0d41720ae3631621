meta:
  id: loop
  title: OpenBSD loopback encapsulation (LINKTYPE_LOOP)
  license: MIT
  endian: be
  -pcapkit:
    name: LOOP
    key: loop
    layer: link
    dispatch:
      linktype: 108
    next:
      - table: bsd_af
        key: family
doc: Like LINKTYPE_NULL, but the address family is always in network byte order.
doc-ref: https://www.tcpdump.org/linktypes/LINKTYPE_LOOP.html
seq:
  - id: family
    type: u4
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
