meta:
  id: ipv6_route
  title: IPv6 Routing header
  license: MIT
  xref:
    rfc: [8200, 6554, 8754]
  endian: be
  -pcapkit:
    name: IPv6-Route
    key: route
    layer: internet
    dispatch:
      ip_proto: 43
    next:
      - table: ip_proto
        key: next_header
doc: |
  The routing type and segments left, then type-specific data: type 0 (deprecated source route)
  and type 2 (Mobile IPv6 home address, exactly one) carry addresses, type 3 is the RPL source route
  (RFC 6554), type 4 the Segment Routing Header (RFC 8754). Other types are kept as bytes.
doc-ref: RFC 8200 section 4.4
seq:
  - id: next_header
    type: u1
    -json: next
    -enum: ip_proto
  - id: hdr_ext_len
    type: u1
    -json: length
    -value: (_ + 1) * 8
  - id: routing_type
    type: u1
    -json: type
    -enum: routing_type
  - id: segments_left
    type: u1
    -json: seg_left
  - id: data
    size: hdr_ext_len * 8 + 4
    type:
      switch-on: routing_type
      cases:
        0: source_route
        2: home_address
        3: rpl
        4: srh
    -flatten: true
types:
  source_route:
    seq:
      - id: reserved
        type: u4
        -hide: true
      - id: addresses
        size: 16
        repeat: eos
        -format: ipv6
  home_address:
    # RFC 6275 section 6.4: exactly one address; a header too short for it is malformed, as in
    # Wireshark (which also flags a longer one; the bytes past the address are not shown)
    seq:
      - id: reserved
        type: u4
        -hide: true
      - id: addresses
        size: 16
        repeat: expr
        repeat-expr: 1
        -format: ipv6
  rpl:
    seq:
      - id: cmpri
        type: b4
      - id: cmpre
        type: b4
      - id: pad
        type: b4
      - id: reserved
        type: b20
        -hide: true
      - id: addresses
        size-eos: true
  srh:
    seq:
      - id: last_entry
        type: u1
      - id: flags
        type: u1
        -format: hex
      - id: tag
        type: u2
      - id: segments
        size: 16
        repeat: expr
        repeat-expr: last_entry + 1
        -format: ipv6
      - id: tlvs
        size-eos: true
enums:
  routing_type:
    0:
      id: source_route_deprecated
      -name: "Source Route (deprecated)"
    1:
      id: nimrod
      -name: "Nimrod"
    2:
      id: type_2_routing_header
      -name: "Type 2 Routing Header"
    3:
      id: rpl_source_route_header
      -name: "RPL Source Route Header"
    4:
      id: segment_routing_header
      -name: "Segment Routing Header"
    253:
      id: rfc3692_style_experiment_1
      -name: "RFC3692-style Experiment 1"
    254:
      id: rfc3692_style_experiment_2
      -name: "RFC3692-style Experiment 2"
