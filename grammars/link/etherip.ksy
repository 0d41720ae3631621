meta:
  id: etherip
  title: Ethernet-within-IP encapsulation (EtherIP, IP protocol 97)
  license: MIT
  xref:
    rfc: 3378
  endian: be
  -pcapkit:
    name: EtherIP
    key: etherip
    layer: link
    dispatch:
      ip_proto: 97
    # the rest of the IP payload is one Ethernet frame (without its FCS)
    next:
      - protocol: ethernet
doc: |
  A 16-bit header, a version (3) and 12 reserved bits (0), then an Ethernet frame. Like
  Wireshark, another version or non-zero reserved bits are shown and the frame is dissected on.
doc-ref: RFC 3378 section 3
seq:
  - id: version
    type: b4
    doc: 3 for this specification
  - id: reserved
    type: b12
    -format: hex
    doc: must be 0
