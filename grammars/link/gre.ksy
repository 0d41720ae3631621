meta:
  id: gre
  title: Generic Routing Encapsulation (GRE, and the enhanced GRE of PPTP)
  license: MIT
  xref:
    rfc: [1701, 2784, 2890, 2637]
  endian: be
  -pcapkit:
    name: GRE
    key: gre
    # a tunnel, as L2TP: thresholds above the link layer see through it
    layer: link
    dispatch:
      ip_proto: 47
      # GRE in UDP (RFC 8086)
      udp_port: 4754
    # an empty payload (a PPTP acknowledgement alone) is no frame of the protocol type, unless the
    # capture cut it: then the next layer shows cut, as in tshark
    next-when-empty: cut
    next:
      # GRE's own table of protocol types (Wireshark's gre.proto): EtherTypes, but not all of
      # them (no 802.1Q, QinQ or PPPoE; an EtherType a grammar does not list there stays raw,
      # as in tshark), and PPTP's PPP (0x880b), which is no EtherType of Ethernet's
      - table: gre_proto
        key: protocol_type
doc: |
  A flags word, then the protocol type of the payload (an EtherType), then the optional fields the
  flags announce, in this order: checksum and offset (C, or R), key (K), sequence number (S), the
  routing entries of RFC 1701 (R), and in version 1 (PPTP) the acknowledgement number (A). In
  version 1 the key field is the payload length and the call id. Like Wireshark, the payload is
  dissected by the protocol type whatever the reserved bits and version say.
doc-ref: RFC 2784 section 2.1; RFC 2890 section 2; RFC 1701 section 2; RFC 2637 section 4.1
seq:
  - id: checksum_present
    type: b1
    -json: flags.checksum
  - id: routing_present
    type: b1
    -json: flags.routing
  - id: key_present
    type: b1
    -json: flags.key
  - id: sequence_present
    type: b1
    -json: flags.seq
  - id: strict_source_route
    type: b1
    -json: flags.ssr
  - id: recursion
    type: b3
    -json: flags.recur
  - id: ack_present
    type: b1
    -json: flags.ack
    doc: PPTP (a version but 0, PPP payload) only
  - id: reserved
    type: b4
    -json: flags.reserved
  - id: version
    type: b3
  - id: protocol_type
    type: u2
    -json: proto
    -enum: ethertype
    -format: hex
  - id: checksum
    type: u2
    if: checksum_present or routing_present
    -format: hex
  - id: offset
    type: u2
    if: checksum_present or routing_present
    doc: RFC 1701 (with the routing entries); reserved in RFC 2784
  - id: key
    type: u4
    if: key_present and version != 1
    -format: hex
  - id: payload_length
    type: u2
    if: key_present and version == 1
    doc: PPTP's use of the key field
  - id: call_id
    type: u2
    if: key_present and version == 1
  - id: sequence
    type: u4
    if: sequence_present
  - id: ack
    type: u4
    # like Wireshark, with PPTP's PPP payload and any version but 0 (another protocol type, or
    # version 0, goes on after the sequence number whatever the A bit says), and before any
    # routing entries, where tshark reads it
    if: ack_present and version != 0 and protocol_type == 0x880b
  - id: routing
    type: sre
    if: routing_present
    repeat: until
    repeat-until: _.address_family == 0 and _.sre_length == 0
    doc: source route entries, the last one empty
types:
  sre:
    seq:
      - id: address_family
        type: u2
      - id: sre_offset
        type: u1
      - id: sre_length
        type: u1
      - id: routing_information
        size: sre_length
