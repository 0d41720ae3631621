meta:
  id: ospf
  title: Open Shortest Path First, versions 2 and 3
  license: MIT
  xref:
    rfc: [2328, 5340, 5613, 5709]
  endian: be
  -pcapkit:
    name: OSPF
    key: ospf
    layer: internet
    dispatch:
      ip_proto: 89
doc: |
  The OSPF header (version, message type, packet length, router and area ids, checksum; the
  version 2 authentication type and data, the version 3 instance id), then the message:
  Hello, Database Description, Link State Request, Link State Update with its LSAs (header and
  the common bodies: router, network, summary and AS-external for version 2; router, network,
  inter-area prefix and router, AS-external/NSSA, link and intra-area prefix for version 3) and
  Link State Acknowledgment. After the packet length come the version 2 cryptographic digest
  and a Link-Local Signaling block when present. Other LSA types are kept as bytes.
doc-ref: RFC 2328 appendix A.3; RFC 5340 appendix A.3
seq:
  - id: version
    type: u1
    doc: 2 or 3; another version's packet shows the common header and keeps its message as bytes (as Wireshark does)
  - id: message_type
    type: u1
    -json: type
    -enum: message_type
  - id: packet_length
    type: u2
    -json: len
    doc: |
      the packet's length from the version on, the v2 digest and LLS block excluded; shorter than
      the header, it leaves the message a negative size and the layer is malformed there, after the
      header fields (which Wireshark shows too)
  - id: router_id
    type: u4
    -format: ipv4
  - id: area_id
    type: u4
    -format: ipv4
  - id: checksum
    type: u2
    -format: hex
  # version 2: authentication (RFC 2328 appendix D)
  - id: auth_type
    type: u2
    if: version == 2
    -json: autype
    -enum: auth_type
  - id: auth_data
    size: 8
    if: version == 2 and auth_type != 2
    doc: a simple password, or zeros
  - id: auth_reserved
    type: u2
    if: version == 2 and auth_type == 2
    -hide: true
  - id: key_id
    type: u1
    if: version == 2 and auth_type == 2
  - id: len_auth_digest
    type: u1
    if: version == 2 and auth_type == 2
    -json: auth_data_len
    doc: the length of the digest appended after the packet
  - id: crypto_seq
    type: u4
    if: version == 2 and auth_type == 2
  # version 3 (RFC 5340 appendix A.3.1)
  - id: instance_id
    type: u1
    if: version == 3
  - id: reserved
    type: u1
    if: version == 3
    -hide: true
  - id: body
    size: "packet_length - (version == 2 ? 24 : version == 3 ? 16 : 14)"
    type:
      switch-on: version * 16 + message_type
      cases:
        0x21: hello_v2
        0x22: db_description_v2
        0x23: ls_request_v2
        0x24: ls_update_v2
        0x25: ls_ack_v2
        0x31: hello_v3
        0x32: db_description_v3
        0x33: ls_request_v3
        0x34: ls_update_v3
        0x35: ls_ack_v3
    -flatten: true
  - id: auth_digest
    size: len_auth_digest
    if: version == 2 and auth_type == 2
    doc: the cryptographic digest (RFC 2328 appendix D.3; RFC 5709)
  - id: lls
    size-eos: true
    type: lls
    if: not _io.eof
    doc: Link-Local Signaling (RFC 5613), announced by the L bit of Hello and DD options
types:
  # ---- version 2 (RFC 2328 appendix A) ----
  hello_v2:
    doc-ref: RFC 2328 appendix A.3.2
    seq:
      - id: network_mask
        type: u4
        -format: ipv4
      - id: hello_interval
        type: u2
      - id: options
        type: u1
        -format: hex
      - id: router_priority
        type: u1
      - id: router_dead_interval
        type: u4
      - id: designated_router
        type: u4
        -format: ipv4
      - id: backup_designated_router
        type: u4
        -format: ipv4
      - id: neighbors
        type: u4
        repeat: eos
        -format: ipv4
  db_description_v2:
    doc-ref: RFC 2328 appendix A.3.3
    seq:
      - id: interface_mtu
        type: u2
      - id: options
        type: u1
        -format: hex
      - id: reserved
        type: b5
        -hide: true
      - id: init
        type: b1
        -json: flags.i
      - id: more
        type: b1
        -json: flags.m
      - id: master
        type: b1
        -json: flags.ms
      - id: dd_sequence
        type: u4
      - id: lsa_headers
        type: lsa_header_v2
        repeat: eos
  ls_request_v2:
    doc-ref: RFC 2328 appendix A.3.4
    seq:
      - id: requests
        type: ls_request_entry_v2
        repeat: eos
  ls_request_entry_v2:
    seq:
      - id: ls_type
        type: u4
        -enum: lsa_type_v2
      - id: link_state_id
        type: u4
        -format: ipv4
      - id: advertising_router
        type: u4
        -format: ipv4
  ls_update_v2:
    doc-ref: RFC 2328 appendix A.3.5
    seq:
      - id: num_lsas
        type: u4
      - id: lsas
        type: lsa_v2
        repeat: expr
        repeat-expr: num_lsas
  ls_ack_v2:
    doc-ref: RFC 2328 appendix A.3.6
    seq:
      - id: lsa_headers
        type: lsa_header_v2
        repeat: eos
  lsa_header_v2:
    doc-ref: RFC 2328 appendix A.4.1
    seq:
      - id: ls_age
        type: u2
      - id: options
        type: u1
        -format: hex
      - id: ls_type
        type: u1
        -enum: lsa_type_v2
      - id: link_state_id
        type: u4
        -format: ipv4
      - id: advertising_router
        type: u4
        -format: ipv4
      - id: ls_sequence
        type: u4
        -format: hex
      - id: ls_checksum
        type: u2
        -format: hex
      - id: length
        type: u2
  lsa_v2:
    doc: an LSA header (RFC 2328 appendix A.4.1) and its body
    seq:
      - id: ls_age
        type: u2
      - id: options
        type: u1
        -format: hex
      - id: ls_type
        type: u1
        -enum: lsa_type_v2
      - id: link_state_id
        type: u4
        -format: ipv4
      - id: advertising_router
        type: u4
        -format: ipv4
      - id: ls_sequence
        type: u4
        -format: hex
      - id: ls_checksum
        type: u2
        -format: hex
      - id: length
        type: u2
        valid:
          min: 20
        doc: the whole LSA's, header included
      - id: body
        size: length - 20
        type:
          switch-on: ls_type
          cases:
            1: router_lsa_v2
            2: network_lsa_v2
            3: summary_lsa_v2
            4: summary_lsa_v2
            5: as_external_lsa_v2
            7: as_external_lsa_v2
        -flatten: true
  router_lsa_v2:
    doc-ref: RFC 2328 appendix A.4.2
    seq:
      - id: reserved
        type: b3
        -hide: true
      - id: nssa_translator
        type: b1
        -json: flags.nt
        doc: RFC 3101
      - id: wildcard_multicast
        type: b1
        -json: flags.w
        doc: RFC 1584
      - id: virtual_link_endpoint
        type: b1
        -json: flags.v
      - id: as_boundary_router
        type: b1
        -json: flags.e
      - id: area_border_router
        type: b1
        -json: flags.b
      - id: reserved2
        type: u1
        -hide: true
      - id: num_links
        type: u2
      - id: links
        type: router_link_v2
        repeat: expr
        repeat-expr: num_links
  router_link_v2:
    seq:
      - id: link_id
        type: u4
        -format: ipv4
      - id: link_data
        type: u4
        -format: ipv4
      - id: link_type
        type: u1
        -enum: router_link_type
      - id: num_tos_metrics
        type: u1
        -json: num_tos
      - id: metric
        type: u2
      - id: tos_metrics
        type: tos_metric
        repeat: expr
        repeat-expr: num_tos_metrics
  tos_metric:
    seq:
      - id: tos
        type: u1
      - id: reserved
        type: u1
        -hide: true
      - id: metric
        type: u2
  network_lsa_v2:
    doc-ref: RFC 2328 appendix A.4.3
    seq:
      - id: network_mask
        type: u4
        -format: ipv4
      - id: attached_routers
        type: u4
        repeat: eos
        -format: ipv4
  summary_lsa_v2:
    doc-ref: RFC 2328 appendix A.4.4
    seq:
      - id: network_mask
        type: u4
        -format: ipv4
      - id: reserved
        type: u1
        -hide: true
      - id: metric
        type: b24
      - id: tos_metrics
        type: summary_tos_metric
        repeat: eos
  summary_tos_metric:
    seq:
      - id: tos
        type: u1
      - id: metric
        type: b24
  as_external_lsa_v2:
    doc-ref: RFC 2328 appendix A.4.5; RFC 3101 (type 7)
    seq:
      - id: network_mask
        type: u4
        -format: ipv4
      - id: external_type_2
        type: b1
        -json: flags.e
        doc: the metric is a type 2 external metric
      - id: reserved
        type: b7
        -hide: true
      - id: metric
        type: b24
      - id: forwarding_address
        type: u4
        -format: ipv4
      - id: external_route_tag
        type: u4
      - id: tos_entries
        type: external_tos
        repeat: eos
  external_tos:
    seq:
      - id: external_type_2
        type: b1
        -json: flags.e
      - id: tos
        type: b7
      - id: metric
        type: b24
      - id: forwarding_address
        type: u4
        -format: ipv4
      - id: external_route_tag
        type: u4
  # ---- version 3 (RFC 5340 appendix A) ----
  hello_v3:
    doc-ref: RFC 5340 appendix A.3.2
    seq:
      - id: interface_id
        type: u4
      - id: router_priority
        type: u1
      - id: options
        type: b24
        -format: hex
      - id: hello_interval
        type: u2
      - id: router_dead_interval
        type: u2
      - id: designated_router
        type: u4
        -format: ipv4
      - id: backup_designated_router
        type: u4
        -format: ipv4
      - id: neighbors
        type: u4
        repeat: eos
        -format: ipv4
  db_description_v3:
    doc-ref: RFC 5340 appendix A.3.3
    seq:
      - id: reserved
        type: u1
        -hide: true
      - id: options
        type: b24
        -format: hex
      - id: interface_mtu
        type: u2
      - id: reserved2
        type: u1
        -hide: true
      - id: reserved3
        type: b5
        -hide: true
      - id: init
        type: b1
        -json: flags.i
      - id: more
        type: b1
        -json: flags.m
      - id: master
        type: b1
        -json: flags.ms
      - id: dd_sequence
        type: u4
      - id: lsa_headers
        type: lsa_header_v3
        repeat: eos
  ls_request_v3:
    doc-ref: RFC 5340 appendix A.3.4
    seq:
      - id: requests
        type: ls_request_entry_v3
        repeat: eos
  ls_request_entry_v3:
    seq:
      - id: reserved
        type: u2
        -hide: true
      - id: ls_type
        type: u2
        -enum: lsa_type_v3
      - id: link_state_id
        type: u4
        -format: ipv4
      - id: advertising_router
        type: u4
        -format: ipv4
  ls_update_v3:
    doc-ref: RFC 5340 appendix A.3.5
    seq:
      - id: num_lsas
        type: u4
      - id: lsas
        type: lsa_v3
        repeat: expr
        repeat-expr: num_lsas
  ls_ack_v3:
    doc-ref: RFC 5340 appendix A.3.6
    seq:
      - id: lsa_headers
        type: lsa_header_v3
        repeat: eos
  lsa_header_v3:
    doc-ref: RFC 5340 appendix A.4.2
    seq:
      - id: ls_age
        type: u2
      - id: ls_type
        type: u2
        -enum: lsa_type_v3
      - id: link_state_id
        type: u4
        -format: ipv4
      - id: advertising_router
        type: u4
        -format: ipv4
      - id: ls_sequence
        type: u4
        -format: hex
      - id: ls_checksum
        type: u2
        -format: hex
      - id: length
        type: u2
  lsa_v3:
    doc: an LSA header (RFC 5340 appendix A.4.2) and its body, chosen by the function code
    seq:
      - id: ls_age
        type: u2
      - id: ls_type
        type: u2
        -enum: lsa_type_v3
      - id: link_state_id
        type: u4
        -format: ipv4
      - id: advertising_router
        type: u4
        -format: ipv4
      - id: ls_sequence
        type: u4
        -format: hex
      - id: ls_checksum
        type: u2
        -format: hex
      - id: length
        type: u2
        valid:
          min: 20
        doc: the whole LSA's, header included
      - id: body
        size: length - 20
        type:
          switch-on: ls_type & 0x1fff
          cases:
            1: router_lsa_v3
            2: network_lsa_v3
            3: inter_area_prefix_lsa
            4: inter_area_router_lsa
            5: as_external_lsa_v3
            7: as_external_lsa_v3
            8: link_lsa
            9: intra_area_prefix_lsa
        -flatten: true
  router_lsa_v3:
    doc-ref: RFC 5340 appendix A.4.3
    seq:
      - id: reserved
        type: b3
        -hide: true
      - id: nssa_translator
        type: b1
        -json: flags.nt
      - id: wildcard_multicast
        type: b1
        -json: flags.w
      - id: virtual_link_endpoint
        type: b1
        -json: flags.v
      - id: as_boundary_router
        type: b1
        -json: flags.e
      - id: area_border_router
        type: b1
        -json: flags.b
      - id: options
        type: b24
        -format: hex
      - id: links
        type: router_link_v3
        repeat: eos
  router_link_v3:
    seq:
      - id: link_type
        type: u1
        -enum: router_link_type
      - id: reserved
        type: u1
        -hide: true
      - id: metric
        type: u2
      - id: interface_id
        type: u4
      - id: neighbor_interface_id
        type: u4
      - id: neighbor_router_id
        type: u4
        -format: ipv4
  network_lsa_v3:
    doc-ref: RFC 5340 appendix A.4.4
    seq:
      - id: reserved
        type: u1
        -hide: true
      - id: options
        type: b24
        -format: hex
      - id: attached_routers
        type: u4
        repeat: eos
        -format: ipv4
  inter_area_prefix_lsa:
    doc-ref: RFC 5340 appendix A.4.5
    seq:
      - id: reserved
        type: u1
        -hide: true
      - id: metric
        type: b24
      - id: prefix_length
        type: u1
      - id: prefix_options
        type: u1
        -format: hex
      - id: reserved2
        type: u2
        -hide: true
      - id: address_prefix
        size: (prefix_length + 31) / 32 * 4
        -format: ipv6
        doc: the prefix's leading 32-bit words (16 bytes only for a /97 or longer)
  inter_area_router_lsa:
    doc-ref: RFC 5340 appendix A.4.6
    seq:
      - id: reserved
        type: u1
        -hide: true
      - id: options
        type: b24
        -format: hex
      - id: reserved2
        type: u1
        -hide: true
      - id: metric
        type: b24
      - id: destination_router_id
        type: u4
        -format: ipv4
  as_external_lsa_v3:
    doc-ref: RFC 5340 appendix A.4.7 (and A.4.8 for NSSA)
    seq:
      - id: reserved
        type: b5
        -hide: true
      - id: external_type_2
        type: b1
        -json: flags.e
      - id: has_forwarding_address
        type: b1
        -json: flags.f
      - id: has_route_tag
        type: b1
        -json: flags.t
      - id: metric
        type: b24
      - id: prefix_length
        type: u1
      - id: prefix_options
        type: u1
        -format: hex
      - id: referenced_ls_type
        type: u2
        -format: hex
      - id: address_prefix
        size: (prefix_length + 31) / 32 * 4
        -format: ipv6
      - id: forwarding_address
        size: 16
        if: has_forwarding_address
        -format: ipv6
      - id: external_route_tag
        type: u4
        if: has_route_tag
      - id: referenced_link_state_id
        type: u4
        if: referenced_ls_type != 0
        -format: ipv4
  link_lsa:
    doc-ref: RFC 5340 appendix A.4.9
    seq:
      - id: router_priority
        type: u1
      - id: options
        type: b24
        -format: hex
      - id: link_local_address
        size: 16
        -format: ipv6
      - id: num_prefixes
        type: u4
      - id: prefixes
        type: prefix_v3
        repeat: expr
        repeat-expr: num_prefixes
  intra_area_prefix_lsa:
    doc-ref: RFC 5340 appendix A.4.10
    seq:
      - id: num_prefixes
        type: u2
      - id: referenced_ls_type
        type: u2
        -enum: lsa_type_v3
      - id: referenced_link_state_id
        type: u4
        -format: ipv4
      - id: referenced_advertising_router
        type: u4
        -format: ipv4
      - id: prefixes
        type: prefix_v3
        repeat: expr
        repeat-expr: num_prefixes
  prefix_v3:
    doc-ref: RFC 5340 appendix A.4.1
    seq:
      - id: prefix_length
        type: u1
      - id: prefix_options
        type: u1
        -format: hex
      - id: metric
        type: u2
        doc: reserved (0) in a link-LSA
      - id: address_prefix
        size: (prefix_length + 31) / 32 * 4
        -format: ipv6
  # ---- link-local signaling (RFC 5613) ----
  lls:
    doc-ref: RFC 5613 section 2.2
    seq:
      - id: checksum
        type: u2
        -format: hex
      - id: data_length
        type: u2
        -value: _ * 4
        valid:
          min: 1
        doc: in 32-bit words, this header included (shown in bytes)
      - id: tlvs
        size: data_length * 4 - 4
        type: lls_tlvs
        -flatten: true
  lls_tlvs:
    seq:
      - id: entries
        type: lls_tlv
        repeat: eos
        -json: tlvs
  lls_tlv:
    seq:
      - id: type
        type: u2
        -enum: lls_tlv_type
      - id: length
        type: u2
      - id: value
        size: length
        type:
          switch-on: type
          cases:
            1: lls_extended_options
            2: lls_crypto_auth
        -flatten: true
      - id: padding
        size: (4 - length % 4) % 4
        -hide: true
  lls_extended_options:
    doc-ref: RFC 5613 section 2.5
    seq:
      - id: options
        type: u4
        -format: hex
  lls_crypto_auth:
    doc-ref: RFC 5613 section 2.6
    seq:
      - id: sequence
        type: u4
        -json: seq
      - id: auth_data
        size-eos: true
enums:
  message_type:
    1: {id: hello, -name: Hello}
    2: {id: db_description, -name: DB Description}
    3: {id: ls_request, -name: LS Request}
    4: {id: ls_update, -name: LS Update}
    5: {id: ls_ack, -name: LS Acknowledge}
  auth_type:
    0: {id: null_auth, -name: "Null"}
    1: {id: simple_password, -name: Simple password}
    2: {id: cryptographic, -name: Cryptographic}
  lsa_type_v2:
    1: {id: router, -name: Router-LSA}
    2: {id: network, -name: Network-LSA}
    3: {id: summary_network, -name: Summary-LSA (IP network)}
    4: {id: summary_asbr, -name: Summary-LSA (ASBR)}
    5: {id: as_external, -name: AS-External-LSA}
    6: {id: group_membership, -name: Group Membership LSA}
    7: {id: nssa, -name: NSSA AS-External-LSA}
    9: {id: opaque_link_local, -name: Opaque LSA (link-local)}
    10: {id: opaque_area_local, -name: Opaque LSA (area-local)}
    11: {id: opaque_as, -name: Opaque LSA (AS)}
  lsa_type_v3:
    0x2001: {id: router, -name: Router-LSA}
    0x2002: {id: network, -name: Network-LSA}
    0x2003: {id: inter_area_prefix, -name: Inter-Area-Prefix-LSA}
    0x2004: {id: inter_area_router, -name: Inter-Area-Router-LSA}
    0x4005: {id: as_external, -name: AS-External-LSA}
    0x2006: {id: group_membership, -name: Group-membership-LSA}
    0x2007: {id: nssa, -name: NSSA-LSA}
    0x0008: {id: link, -name: Link-LSA}
    0x2009: {id: intra_area_prefix, -name: Intra-Area-Prefix-LSA}
  router_link_type:
    1: {id: point_to_point, -name: Point-to-point}
    2: {id: transit, -name: Transit}
    3: {id: stub, -name: Stub}
    4: {id: virtual, -name: Virtual link}
  lls_tlv_type:
    1: {id: extended_options, -name: Extended Options}
    2: {id: crypto_auth, -name: Cryptographic Authentication}
