meta:
  id: pw_eth_cw
  title: Pseudowire control word for Ethernet over MPLS
  license: MIT
  xref:
    rfc: [4385, 4448]
  endian: be
  -pcapkit:
    name: PW-ETH-CW
    key: pw_eth_cw
    layer: link
    # reached from MPLS when the payload's first nibble is 0
    next-when-empty: false
    next:
      - protocol: ethernet
doc: |
  Four bytes before an Ethernet frame carried over an MPLS pseudowire: a zero nibble (which tells
  it from an IP header), flags, a fragment field, a length and a sequence number.
doc-ref: RFC 4385 section 3; RFC 4448 section 4.6
seq:
  - id: zero
    type: b4
    -hide: true
  - id: flags
    type: b4
    -format: hex
  - id: frag
    type: b2
  - id: length
    type: b6
  - id: sequence
    type: u2
