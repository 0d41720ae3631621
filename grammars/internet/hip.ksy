meta:
  id: hip
  title: Host Identity Protocol (version 2)
  license: MIT
  xref:
    rfc: [7401, 7402, 8046, 8003]
  endian: be
  -pcapkit:
    name: HIP
    key: hip
    layer: internet
    dispatch:
      ip_proto: 139
    next:
      - table: ip_proto
        key: next_header
doc: |
  The HIP header (next header, which is 59 in practice, header length, packet type, version,
  checksum, controls, sender's and receiver's Host Identity Tags) and its parameters, each a
  type-length-value padded to 8 bytes. Known parameters are decoded; unknown ones are kept as
  type, length and contents.
doc-ref: RFC 7401 section 5.1
seq:
  - id: next_header
    type: u1
    -json: next
    -enum: ip_proto
  - id: header_length
    type: u1
    -json: length
    -value: (_ + 1) * 8
    doc: |
      in 8-byte units, not counting the first 8 bytes (shown as the header's length in bytes); the
      fixed part takes 40, so below 4 the parameters' size is negative and the layer malformed
      there (after the fixed fields, which Wireshark shows too)
  - id: fixed_zero
    type: b1
    -hide: true
  - id: packet_type
    type: b7
    -json: type
    -enum: packet_type
  - id: version
    type: b4
  - id: reserved
    type: b3
    -hide: true
  - id: fixed_one
    type: b1
    -hide: true
  - id: checksum
    type: u2
    -format: hex
  - id: reserved_controls
    type: b15
    -hide: true
  - id: anonymous
    type: b1
    -json: control.anonymous
  - id: sender_hit
    size: 16
    -json: shit
    -format: ipv6
  - id: receiver_hit
    size: 16
    -json: rhit
    -format: ipv6
  - id: parameters
    size: header_length * 8 - 32
    type: parameters
    -flatten: true
types:
  parameters:
    seq:
      - id: entries
        type: parameter
        repeat: eos
        -json: parameters
  parameter:
    doc-ref: RFC 7401 section 5.2.1
    seq:
      - id: type
        type: u2
        -enum: parameter_type
      - id: length
        type: u2
        doc: the contents' length, type, length and padding excluded
      - id: contents
        size: length
        type:
          switch-on: type
          cases:
            65: esp_info
            129: r1_counter
            193: locator_set
            257: puzzle
            321: solution_param
            385: seq_param
            449: ack_param
            511: dh_group_list
            513: diffie_hellman
            577: transform_list
            579: transform_list
            641: encrypted
            705: host_id
            715: hit_suite_list
            768: cert
            832: notification
            897: echo_data
            930: reg_info
            932: reg_request
            934: reg_request
            936: reg_failed
            961: echo_data
            2049: transform_list
            4095: esp_transform
            61505: mac_param
            61569: mac_param
            61633: signature_param
            61697: signature_param
            63425: echo_data
            63661: echo_data
        -flatten: true
      - id: padding
        size: 7 - (length + 3) % 8
        -hide: true
        doc: to a multiple of 8 bytes (RFC 7401 section 5.2.1)
    instances:
      critical:
        value: (type & 1) == 1
        -json: critical
        doc: the lowest bit of the type marks a critical parameter
  esp_info:
    doc-ref: RFC 7402 section 5.1.1
    seq:
      - id: reserved
        type: u2
        -hide: true
      - id: keymat_index
        type: u2
      - id: old_spi
        type: u4
        -format: hex
      - id: new_spi
        type: u4
        -format: hex
  r1_counter:
    doc-ref: RFC 7401 section 5.2.3
    seq:
      - id: reserved
        type: u4
        -hide: true
      - id: r1_generation_counter
        type: u8
  locator_set:
    doc-ref: RFC 8046 section 4
    seq:
      - id: locators
        type: locator_entry
        repeat: eos
  locator_entry:
    seq:
      - id: traffic_type
        type: u1
      - id: locator_type
        type: u1
      - id: locator_length
        type: u1
        doc: in 4-byte units
      - id: reserved
        type: b7
        -hide: true
      - id: preferred
        type: b1
      - id: lifetime
        type: u4
      - id: locator
        size: locator_length * 4
  puzzle:
    doc-ref: RFC 7401 section 5.2.4
    seq:
      - id: k
        type: u1
        doc: difficulty
      - id: lifetime
        type: u1
        doc: 2^(value - 32) seconds
      - id: opaque
        type: u2
        -format: hex
      - id: random_i
        size-eos: true
  solution_param:
    doc-ref: RFC 7401 section 5.2.5
    seq:
      - id: k
        type: u1
      - id: reserved
        type: u1
        -hide: true
      - id: opaque
        type: u2
        -format: hex
      - id: random_i
        size: (_io.size - 4) / 2
      - id: solution
        size-eos: true
  seq_param:
    doc-ref: RFC 7401 section 5.2.16
    seq:
      - id: update_id
        type: u4
  ack_param:
    doc-ref: RFC 7401 section 5.2.17
    seq:
      - id: peer_update_ids
        type: u4
        repeat: eos
  dh_group_list:
    doc-ref: RFC 7401 section 5.2.6
    seq:
      - id: group_ids
        type: u1
        repeat: eos
  diffie_hellman:
    doc-ref: RFC 7401 section 5.2.7
    seq:
      - id: group_id
        type: u1
      - id: len_public_value
        type: u2
        -json: public_value_length
      - id: public_value
        size: len_public_value
      - id: rest
        size-eos: true
        doc: a second group's value, when the sender offers two (RFC 7401 section 5.2.7)
  transform_list:
    doc: HIP_CIPHER (RFC 7401 section 5.2.8), HIP_TRANSFORM (RFC 5201) and TRANSPORT_FORMAT_LIST (RFC 7401 section 5.2.11)
    seq:
      - id: ids
        type: u2
        repeat: eos
  esp_transform:
    doc-ref: RFC 7402 section 5.1.2
    seq:
      - id: reserved
        type: u2
        -hide: true
      - id: suite_ids
        type: u2
        repeat: eos
  encrypted:
    doc-ref: RFC 7401 section 5.2.18
    seq:
      - id: reserved
        type: u4
        -hide: true
      - id: iv_and_data
        size-eos: true
  host_id:
    doc-ref: RFC 7401 section 5.2.9
    seq:
      - id: len_host_identity
        type: u2
        -json: hi_length
      - id: di_type
        type: b4
      - id: len_domain_identifier
        type: b12
        -json: di_length
      - id: algorithm
        type: u2
      - id: host_identity
        size: len_host_identity
      - id: domain_identifier
        size: len_domain_identifier
        -format: text
  hit_suite_list:
    doc-ref: RFC 7401 section 5.2.10
    seq:
      - id: suite_ids
        type: u1
        repeat: eos
  cert:
    doc-ref: RFC 8002 section 3
    seq:
      - id: cert_group
        type: u1
      - id: cert_count
        type: u1
      - id: cert_id
        type: u1
      - id: cert_type
        type: u1
      - id: certificate
        size-eos: true
  notification:
    doc-ref: RFC 7401 section 5.2.19
    seq:
      - id: reserved
        type: u2
        -hide: true
      - id: notify_message_type
        type: u2
      - id: notification_data
        size-eos: true
  echo_data:
    doc: ECHO_REQUEST/RESPONSE, signed and unsigned (RFC 7401 sections 5.2.20 to 5.2.23)
    seq:
      - id: opaque_data
        size-eos: true
  reg_info:
    doc-ref: RFC 8003 section 4.1
    seq:
      - id: min_lifetime
        type: u1
      - id: max_lifetime
        type: u1
      - id: reg_types
        type: u1
        repeat: eos
  reg_request:
    doc: REG_REQUEST and REG_RESPONSE (RFC 8003 sections 4.2 and 4.3)
    seq:
      - id: lifetime
        type: u1
      - id: reg_types
        type: u1
        repeat: eos
  reg_failed:
    doc-ref: RFC 8003 section 4.4
    seq:
      - id: failure_type
        type: u1
      - id: reg_types
        type: u1
        repeat: eos
  mac_param:
    doc: HIP_MAC and HIP_MAC_2 (RFC 7401 sections 5.2.12 and 5.2.13)
    seq:
      - id: hmac
        size-eos: true
  signature_param:
    doc: HIP_SIGNATURE and HIP_SIGNATURE_2 (RFC 7401 sections 5.2.14 and 5.2.15)
    seq:
      - id: algorithm
        type: u2
      - id: signature
        size-eos: true
enums:
  packet_type:
    1: {id: i1, -name: I1}
    2: {id: r1, -name: R1}
    3: {id: i2, -name: I2}
    4: {id: r2, -name: R2}
    16: {id: update, -name: UPDATE}
    17: {id: notify, -name: NOTIFY}
    18: {id: close, -name: CLOSE}
    19: {id: close_ack, -name: CLOSE_ACK}
    20: {id: hdrr, -name: HDRR}
    32: {id: hip_data, -name: HIP_DATA}
  parameter_type:
    65: {id: esp_info, -name: ESP_INFO}
    128: {id: r1_counter_old, -name: R1_COUNTER (RFC 5201)}
    129: {id: r1_counter, -name: R1_COUNTER}
    193: {id: locator_set, -name: LOCATOR_SET}
    257: {id: puzzle, -name: PUZZLE}
    321: {id: solution, -name: SOLUTION}
    385: {id: seq, -name: SEQ}
    449: {id: ack, -name: ACK}
    511: {id: dh_group_list, -name: DH_GROUP_LIST}
    513: {id: diffie_hellman, -name: DIFFIE_HELLMAN}
    577: {id: hip_transform, -name: HIP_TRANSFORM}
    579: {id: hip_cipher, -name: HIP_CIPHER}
    641: {id: encrypted, -name: ENCRYPTED}
    705: {id: host_id, -name: HOST_ID}
    715: {id: hit_suite_list, -name: HIT_SUITE_LIST}
    768: {id: cert, -name: CERT}
    832: {id: notification, -name: NOTIFICATION}
    897: {id: echo_request_signed, -name: ECHO_REQUEST_SIGNED}
    930: {id: reg_info, -name: REG_INFO}
    932: {id: reg_request, -name: REG_REQUEST}
    934: {id: reg_response, -name: REG_RESPONSE}
    936: {id: reg_failed, -name: REG_FAILED}
    961: {id: echo_response_signed, -name: ECHO_RESPONSE_SIGNED}
    2049: {id: transport_format_list, -name: TRANSPORT_FORMAT_LIST}
    4095: {id: esp_transform, -name: ESP_TRANSFORM}
    61505: {id: hip_mac, -name: HIP_MAC}
    61569: {id: hip_mac_2, -name: HIP_MAC_2}
    61633: {id: hip_signature_2, -name: HIP_SIGNATURE_2}
    61697: {id: hip_signature, -name: HIP_SIGNATURE}
    63425: {id: echo_response_unsigned, -name: ECHO_RESPONSE_UNSIGNED}
    63661: {id: echo_request_unsigned, -name: ECHO_REQUEST_UNSIGNED}
