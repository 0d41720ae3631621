meta:
  id: ethernet
  title: Ethernet II and IEEE 802.3 frame header
  license: MIT
  xref:
    wikidata: Q79859
  endian: be
  -pcapkit:
    name: Ethernet
    key: ethernet
    layer: link
    dispatch:
      linktype: 1
      # RFC 8986: an Ethernet frame as an IP payload (SRv6 L2 services); Wireshark dissects it too
      ip_proto: 143
      # Transparent Ethernet Bridging (GRE, Geneve): an Ethernet frame, as in Wireshark's table
      ethertype: 0x6558
      # 0x6400: Wireshark's GRE table names Ethernet for it too
      gre_proto: [0x6558, 0x6400]
    # 802.3: the field is a length and bounds the LLC payload (padding excluded)
    payload-length: "type_or_length >= 1 and type_or_length <= 1500 ? type_or_length : _rest"
    next:
      - if: type_or_length >= 0x600 or type_or_length == 0
        table: ethertype
        key: type_or_length
      - if: type_or_length >= 1 and type_or_length <= 1500
        protocol: llc
doc: |
  Destination and source MAC addresses, then a field that is an EtherType (>= 0x0600) or, in an
  IEEE 802.3 frame, the length of the LLC payload (1 to 1500). No preamble and no FCS: capture
  files start at the destination address. A field of 0 is no length: like Wireshark, the frame is
  Ethernet II with EtherType 0 (no protocol has it, so the payload stays raw).
doc-ref: IEEE 802.3 clause 3.2
seq:
  - id: dst
    size: 6
    -format: mac
  - id: src
    size: 6
    -format: mac
  - id: type_or_length
    type: u2
    -hide: true
instances:
  type:
    value: type_or_length
    if: type_or_length >= 0x600 or type_or_length == 0
    -json: type
    -enum: ethertype
    -format: hex
  len:
    value: type_or_length
    if: type_or_length >= 1 and type_or_length <= 1500
    -json: len
