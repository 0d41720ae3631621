meta:
  id: raw_ip
  title: Raw IP link types (LINKTYPE_RAW and the old DLT_RAW values)
  license: MIT
  endian: be
  -pcapkit:
    name: RawIP
    key: raw_ip
    layer: link
    transparent: true
    dispatch:
      linktype: [12, 14, 101]
    header-length: 0
    next:
      - table: ip_version
        key: version
doc: |
  No link header: the packet is an IPv4 or IPv6 datagram, told apart by the version in its first
  four bits. This pseudo layer peeks at them and is not shown in the chain.
doc-ref: https://www.tcpdump.org/linktypes/LINKTYPE_RAW.html
seq:
  - id: version
    type: b4
