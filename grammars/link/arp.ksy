meta:
  id: arp
  title: Address Resolution Protocol (and Reverse ARP)
  license: MIT
  xref:
    rfc: [826, 903]
  endian: be
  -pcapkit:
    name: ARP
    key: arp
    layer: link
    dispatch:
      ethertype:
        - 0x0806
        - value: 0x8035
          name: RARP
          key: rarp
      # ARP only: Wireshark's GRE table has no RARP
      gre_proto: 0x0806
    payload-length: 0
doc: |
  Hardware and protocol types and address lengths, the operation, then the sender's and the
  target's hardware and protocol addresses (their lengths come from hlen and plen). RARP (RFC 903)
  has the same layout under EtherType 0x8035.
seq:
  - id: htype
    type: u2
    -enum: hardware
  - id: ptype
    type: u2
    -enum: ethertype
    -format: hex
  - id: hlen
    type: u1
  - id: plen
    type: u1
  - id: oper
    type: u2
    -enum: operation
  - id: sha
    size: hlen
    -format: mac
  - id: spa
    size: plen
    -format: ipv4
  - id: tha
    size: hlen
    -format: mac
  - id: tpa
    size: plen
    -format: ipv4
enums:
  hardware:
    1:
      id: ethernet
      -name: "Ethernet"
    6:
      id: ieee_802
      -name: "IEEE 802"
    7:
      id: arcnet
      -name: "ARCNET"
    15:
      id: frame_relay
      -name: "Frame Relay"
    16:
      id: atm
      -name: "ATM"
    18:
      id: fibre_channel
      -name: "Fibre Channel"
    20:
      id: serial_line
      -name: "Serial Line"
    24:
      id: ieee_1394
      -name: "IEEE 1394"
    32:
      id: infiniband
      -name: "InfiniBand"
  operation:
    1: request
    2: reply
    3:
      id: request_reverse
      -name: "request-reverse"
    4:
      id: reply_reverse
      -name: "reply-reverse"
    5:
      id: drarp_request
      -name: "DRARP-Request"
    6:
      id: drarp_reply
      -name: "DRARP-Reply"
    7:
      id: drarp_error
      -name: "DRARP-Error"
    8:
      id: inarp_request
      -name: "InARP-Request"
    9:
      id: inarp_reply
      -name: "InARP-Reply"
    10:
      id: arp_nak
      -name: "ARP-NAK"
