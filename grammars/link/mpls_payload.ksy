meta:
  id: mpls_payload
  title: What an MPLS label stack carries, by its first nibble
  license: MIT
  endian: be
  -pcapkit:
    name: MPLS-Payload
    key: mpls_payload
    layer: link
    transparent: true
    header-length: 0
    # as Wireshark: 4 and 6 are IP, 0 a pseudowire control word before an Ethernet frame;
    # anything else stays raw
    next:
      - if: version == 0
        protocol: pw_eth_cw
      - table: ip_version
        key: version
doc: |
  The label stack does not say what follows it. This pseudo layer peeks at the first four bits
  after the bottom of the stack and is not shown in the chain, like the raw IP link types'.
doc-ref: RFC 4385 section 2
seq:
  - id: version
    type: b4
