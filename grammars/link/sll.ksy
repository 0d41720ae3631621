meta:
  id: sll
  title: Linux cooked capture (SLL), version 1
  license: MIT
  endian: be
  -pcapkit:
    name: SLL
    key: sll
    layer: link
    dispatch:
      linktype: 113
    next:
      - if: protocol >= 0x600
        table: ethertype
        key: protocol
      - if: protocol == 4
        protocol: llc
doc: |
  The pseudo header libpcap writes for captures on Linux's "any" device: packet direction,
  ARPHRD type, the link-layer address (up to 8 bytes) and the protocol (an EtherType, or 4 for
  802.2 LLC frames).
doc-ref: https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html
seq:
  - id: pkttype
    type: u2
    -enum: packet_type
  - id: hatype
    type: u2
  - id: halen
    type: u2
  - id: src
    size: "halen > 8 ? 8 : halen"
    -format: mac
  - id: padding
    size: "8 - (halen > 8 ? 8 : halen)"
    -hide: true
  - id: protocol
    type: u2
    -enum: ethertype
    -format: hex
enums:
  packet_type:
    0:
      id: unicast_to_us
      -name: "Unicast to us"
    1:
      id: broadcast
      -name: "Broadcast"
    2:
      id: multicast
      -name: "Multicast"
    3:
      id: unicast_to_another_host
      -name: "Unicast to another host"
    4:
      id: sent_by_us
      -name: "Sent by us"
