meta:
  id: sll2
  title: Linux cooked capture (SLL2), version 2
  license: MIT
  endian: be
  -pcapkit:
    name: SLL2
    key: sll2
    layer: link
    dispatch:
      linktype: 276
    next:
      - if: protocol >= 0x600
        table: ethertype
        key: protocol
      - if: protocol == 4
        protocol: llc
doc: Like SLL, with the interface index and the protocol first.
doc-ref: https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL2.html
seq:
  - id: protocol
    type: u2
    -enum: ethertype
    -format: hex
  - id: reserved
    type: u2
    -hide: true
  - id: ifindex
    type: u4
  - id: hatype
    type: u2
  - id: pkttype
    type: u1
    -enum: packet_type
  - id: halen
    type: u1
  - id: src
    size: "halen > 8 ? 8 : halen"
    -format: mac
  - id: padding
    size: "8 - (halen > 8 ? 8 : halen)"
    -hide: true
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
