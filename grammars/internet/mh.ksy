meta:
  id: mh
  title: IPv6 Mobility Header
  license: MIT
  xref:
    rfc: [6275, 3963, 5213]
  endian: be
  -pcapkit:
    name: MH
    key: mh
    layer: internet
    dispatch:
      # 62 is the number drafts of Mobile IPv6 used before 135 was assigned; Wireshark still
      # dissects it as the Mobility Header
      ip_proto: [135, 62]
    # no next layer: the payload protocol is reserved for a future extension and set to 59 (RFC
    # 6275 section 6.1.1); Wireshark dissects nothing after the header either, so what follows is raw
doc: |
  The Mobile IPv6 extension header: payload protocol (59, no next header, in practice), header
  length, message type and checksum, then the message (Binding Refresh Request, Home and Care-of
  Test Init, Home and Care-of Test, Binding Update, Acknowledgement and Error) and its mobility
  options. Other message types and unknown options are kept as bytes. Nothing after it is
  dissected, whatever the payload protocol says.
doc-ref: RFC 6275 section 6.1
seq:
  - id: payload_proto
    type: u1
    -json: next
    -enum: ip_proto
  - id: header_len
    type: u1
    -json: length
    -value: (_ + 1) * 8
    doc: in 8-byte units, not counting the first 8 bytes (shown as the header's length in bytes)
  - id: mh_type
    type: u1
    -json: type
    -enum: mh_type
  - id: reserved
    type: u1
    -hide: true
  - id: checksum
    type: u2
    -format: hex
  - id: message
    size: header_len * 8 + 2
    type:
      switch-on: mh_type
      cases:
        0: binding_refresh_request
        1: home_test_init
        2: care_of_test_init
        3: home_test
        4: care_of_test
        5: binding_update
        6: binding_acknowledgement
        7: binding_error
    -flatten: true
types:
  binding_refresh_request:
    doc-ref: RFC 6275 section 6.1.2
    seq:
      - id: reserved
        type: u2
        -hide: true
      - id: options
        type: mobility_options
        size-eos: true
        -flatten: true
  home_test_init:
    doc-ref: RFC 6275 section 6.1.3
    seq:
      - id: reserved
        type: u2
        -hide: true
      - id: home_init_cookie
        type: u8
        -format: hex
      - id: options
        type: mobility_options
        size-eos: true
        -flatten: true
  care_of_test_init:
    doc-ref: RFC 6275 section 6.1.4
    seq:
      - id: reserved
        type: u2
        -hide: true
      - id: care_of_init_cookie
        type: u8
        -format: hex
      - id: options
        type: mobility_options
        size-eos: true
        -flatten: true
  home_test:
    doc-ref: RFC 6275 section 6.1.5
    seq:
      - id: home_nonce_index
        type: u2
      - id: home_init_cookie
        type: u8
        -format: hex
      - id: home_keygen_token
        type: u8
        -format: hex
      - id: options
        type: mobility_options
        size-eos: true
        -flatten: true
  care_of_test:
    doc-ref: RFC 6275 section 6.1.6
    seq:
      - id: care_of_nonce_index
        type: u2
      - id: care_of_init_cookie
        type: u8
        -format: hex
      - id: care_of_keygen_token
        type: u8
        -format: hex
      - id: options
        type: mobility_options
        size-eos: true
        -flatten: true
  binding_update:
    doc-ref: RFC 6275 section 6.1.7
    seq:
      - id: sequence
        type: u2
        -json: seq
      - id: acknowledge
        type: b1
        -json: flags.a
      - id: home_registration
        type: b1
        -json: flags.h
      - id: link_local_compatibility
        type: b1
        -json: flags.l
      - id: key_management_mobility
        type: b1
        -json: flags.k
      - id: map_registration
        type: b1
        -json: flags.m
        doc: RFC 5380
      - id: mobile_router
        type: b1
        -json: flags.r
        doc: RFC 3963
      - id: proxy_registration
        type: b1
        -json: flags.p
        doc: RFC 5213
      - id: forcing_udp
        type: b1
        -json: flags.f
        doc: RFC 5555
      - id: tlv_header_format
        type: b1
        -json: flags.t
        doc: RFC 5845
      - id: bulk_binding
        type: b1
        -json: flags.b
        doc: RFC 6602
      - id: reserved
        type: b6
        -hide: true
      - id: lifetime
        type: u2
        -value: _ * 4
        doc: in 4-second units (shown in seconds)
      - id: options
        type: mobility_options
        size-eos: true
        -flatten: true
  binding_acknowledgement:
    doc-ref: RFC 6275 section 6.1.8
    seq:
      - id: status
        type: u1
      - id: key_management_mobility
        type: b1
        -json: flags.k
      - id: mobile_router
        type: b1
        -json: flags.r
        doc: RFC 3963
      - id: proxy_registration
        type: b1
        -json: flags.p
        doc: RFC 5213
      - id: tlv_header_format
        type: b1
        -json: flags.t
        doc: RFC 5845
      - id: bulk_binding
        type: b1
        -json: flags.b
        doc: RFC 6602
      - id: reserved
        type: b3
        -hide: true
      - id: sequence
        type: u2
        -json: seq
      - id: lifetime
        type: u2
        -value: _ * 4
        doc: in 4-second units (shown in seconds)
      - id: options
        type: mobility_options
        size-eos: true
        -flatten: true
  binding_error:
    doc-ref: RFC 6275 section 6.1.9
    seq:
      - id: status
        type: u1
      - id: reserved
        type: u1
        -hide: true
      - id: home_address
        size: 16
        -format: ipv6
      - id: options
        type: mobility_options
        size-eos: true
        -flatten: true
  mobility_options:
    seq:
      - id: entries
        type: mobility_option
        repeat: eos
        -json: options
  mobility_option:
    doc-ref: RFC 6275 section 6.2
    seq:
      - id: type
        type: u1
        -enum: option_type
      - id: length
        type: u1
        if: type != 0
        doc: the data's length, type and length bytes excluded
      - id: data
        size: length
        if: type != 0
        type:
          switch-on: type
          cases:
            2: binding_refresh_advice
            3: alternate_care_of_address
            4: nonce_indices
            5: binding_authorization_data
            6: mobile_network_prefix
        -flatten: true
  binding_refresh_advice:
    seq:
      - id: refresh_interval
        type: u2
        -value: _ * 4
        doc: in 4-second units (shown in seconds)
  alternate_care_of_address:
    seq:
      - id: address
        size: 16
        -format: ipv6
  nonce_indices:
    seq:
      - id: home_nonce_index
        type: u2
      - id: care_of_nonce_index
        type: u2
  binding_authorization_data:
    seq:
      - id: authenticator
        size-eos: true
  mobile_network_prefix:
    doc-ref: RFC 3963 section 4.3
    seq:
      - id: reserved
        type: u1
        -hide: true
      - id: prefix_length
        type: u1
      - id: prefix
        size: 16
        -format: ipv6
enums:
  mh_type:
    0: {id: binding_refresh_request, -name: Binding Refresh Request}
    1: {id: home_test_init, -name: Home Test Init}
    2: {id: care_of_test_init, -name: Care-of Test Init}
    3: {id: home_test, -name: Home Test}
    4: {id: care_of_test, -name: Care-of Test}
    5: {id: binding_update, -name: Binding Update}
    6: {id: binding_acknowledgement, -name: Binding Acknowledgement}
    7: {id: binding_error, -name: Binding Error}
    8: {id: fast_binding_update, -name: Fast Binding Update}
    9: {id: fast_binding_acknowledgment, -name: Fast Binding Acknowledgment}
    10: {id: fast_neighbor_advertisement, -name: Fast Neighbor Advertisement}
    11: {id: experimental, -name: Experimental Mobility Header}
    12: {id: home_agent_switch, -name: Home Agent Switch}
    13: {id: heartbeat, -name: Heartbeat}
    14: {id: handover_initiate, -name: Handover Initiate}
    15: {id: handover_acknowledge, -name: Handover Acknowledge}
    16: {id: binding_revocation, -name: Binding Revocation}
    17: {id: localized_routing_initiation, -name: Localized Routing Initiation}
    18: {id: localized_routing_acknowledgment, -name: Localized Routing Acknowledgment}
    19: {id: update_notification, -name: Update Notification}
    20: {id: update_notification_acknowledgement, -name: Update Notification Acknowledgement}
  option_type:
    0: {id: pad1, -name: Pad1}
    1: {id: padn, -name: PadN}
    2: {id: binding_refresh_advice, -name: Binding Refresh Advice}
    3: {id: alternate_care_of_address, -name: Alternate Care-of Address}
    4: {id: nonce_indices, -name: Nonce Indices}
    5: {id: binding_authorization_data, -name: Binding Authorization Data}
    6: {id: mobile_network_prefix, -name: Mobile Network Prefix}
    7: {id: mobility_header_link_layer_address, -name: Mobility Header Link-Layer Address}
    8: {id: mn_id, -name: MN-ID}
    9: {id: auth, -name: AUTH}
    10: {id: mesg_id, -name: MESG-ID}
    11: {id: cga_parameters_request, -name: CGA Parameters Request}
    12: {id: cga_parameters, -name: CGA Parameters}
    13: {id: signature, -name: Signature}
    14: {id: permanent_home_keygen_token, -name: Permanent Home Keygen Token}
    15: {id: care_of_test_init, -name: Care-of Test Init}
    16: {id: care_of_test, -name: Care-of Test}
