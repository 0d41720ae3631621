meta:
  id: mpls
  title: Multiprotocol Label Switching label stack
  license: MIT
  xref:
    rfc: [3032, 4023, 4385]
  endian: be
  -pcapkit:
    name: MPLS
    key: mpls
    # a label stack between the link and the network layer (tshark's "layer 2.5")
    layer: link
    dispatch:
      ethertype: [0x8847, 0x8848]
      # MPLS in IP (RFC 4023)
      ip_proto: 137
      ppp_protocol: [0x0281, 0x0283]
      gre_proto: [0x8847, 0x8848]
      # MPLS in UDP (RFC 7510)
      udp_port: 6635
    # the stack does not say what it carries: the first nibble after it does (mpls_payload); a
    # stack with nothing after it is malformed there, as in Wireshark
    next:
      - protocol: mpls_payload
doc: |
  Label stack entries of four bytes each (label, traffic class, bottom-of-stack flag, TTL), down
  to the one with the bottom-of-stack flag set. A stack that runs to the end of the bytes without
  it is truncated.
doc-ref: RFC 3032 section 2.1
seq:
  - id: stack
    type: entry
    repeat: until
    repeat-until: _.bottom
types:
  entry:
    seq:
      - id: label
        type: b20
      - id: tc
        type: b3
        doc: traffic class (formerly EXP)
      - id: bottom
        type: b1
      - id: ttl
        type: u1
