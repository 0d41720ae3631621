meta:
  id: l2tp_ip
  title: L2TPv3 directly over IP (protocol 115)
  license: MIT
  xref:
    rfc: 3931
  endian: be
  -pcapkit:
    name: L2TP
    key: l2tp
    layer: link
    dispatch:
      ip_proto: 115
    # a control message is its header and AVPs; a data message's payload is kept as bytes
    payload-length: "session_id == 0 ? 0 : _rest"
doc: |
  Over IP, every L2TPv3 message starts with a 32-bit session id. Session id 0 marks a control
  message, whose header follows as over UDP (flags and version 3, length, control connection id,
  Ns, Nr) with its AVPs. Any other session id is a data message: a cookie and an L2-specific
  sublayer follow, whose sizes were negotiated in the control connection, so without that state
  the rest is kept as bytes.
doc-ref: RFC 3931 section 4.1.1.1 and section 4.1.1.2
seq:
  - id: session_id
    type: u4
  - id: control
    type: control_message
    if: session_id == 0
    -flatten: true
types:
  control_message:
    seq:
      - id: type
        type: b1
        -json: flags.type
        -value: "_ ? 1 : 0"
        -enum: message_kind
      - id: length_present
        type: b1
        -json: flags.len
      - id: reserved1
        type: b2
        -hide: true
      - id: sequence_present
        type: b1
        -json: flags.seq
      - id: reserved2
        type: b7
        -hide: true
      - id: version
        type: b4
        -json: ver
      - id: length
        type: u2
        valid:
          min: 12
        doc: the control message in bytes from the flags on
      - id: control_connection_id
        type: u4
      - id: ns
        type: u2
      - id: nr
        type: u2
      - id: avps
        size: length - 12
        type: avps
        -flatten: true
  avps:
    seq:
      - id: entries
        type: avp
        repeat: eos
        -json: avps
  avp:
    doc: |
      An attribute-value pair: the mandatory and hidden bits, the length (header included), the
      vendor (0 for the IETF's attributes), the attribute type and its value. A hidden value is
      encrypted and kept as bytes, like every value of a vendor's attribute.
    seq:
      - id: mandatory
        type: b1
      - id: hidden
        type: b1
      - id: reserved
        type: b4
        -hide: true
      - id: length
        type: b10
        valid:
          min: 6
      - id: vendor_id
        type: u2
      - id: body
        size: length - 4
        type:
          switch-on: "vendor_id != 0 ? 0 : (hidden ? 1 : 2)"
          cases:
            0: opaque_avp
            1: hidden_avp
            2: ietf_avp
        -flatten: true
  opaque_avp:
    seq:
      - id: attr_type
        type: u2
        -json: type
      - id: value
        size-eos: true
  hidden_avp:
    seq:
      - id: attr_type
        type: u2
        -json: type
        -enum: avp_type
      - id: value
        size-eos: true
  ietf_avp:
    seq:
      - id: attr_type
        type: u2
        -json: type
        -enum: avp_type
      - id: value
        size-eos: true
        type:
          switch-on: attr_type
          cases:
            0: avp_message_type
            1: avp_result_code
            2: avp_protocol_version
            3: avp_u4
            4: avp_u4
            5: avp_u8
            6: avp_u2
            7: avp_text
            8: avp_text
            9: avp_u2
            10: avp_u2
            14: avp_u2
            15: avp_u4
            16: avp_u4
            17: avp_u4
            18: avp_u4
            19: avp_u4
            21: avp_text
            22: avp_text
            23: avp_text
            24: avp_u4
            30: avp_text
            38: avp_u4
            61: avp_u4
            63: avp_u4
            64: avp_u4
            68: avp_u2
        -flatten: true
  avp_message_type:
    seq:
      - id: value
        type: u2
        -enum: message_type
  avp_result_code:
    seq:
      - id: result_code
        type: u2
      - id: error_code
        type: u2
        if: _io.size - _io.pos >= 2
      - id: error_message
        type: str
        encoding: UTF-8
        size-eos: true
        if: not _io.eof
  avp_protocol_version:
    seq:
      - id: version
        type: u1
      - id: revision
        type: u1
  avp_u2:
    seq:
      - id: value
        type: u2
  avp_u4:
    seq:
      - id: value
        type: u4
  avp_u8:
    seq:
      - id: value
        type: u8
        -format: hex
  avp_text:
    seq:
      - id: value
        type: str
        encoding: UTF-8
        size-eos: true
enums:
  message_kind:
    0:
      id: data
      -name: "Data"
    1:
      id: control
      -name: "Control"
  message_type:
    1:
      id: sccrq
      -name: "SCCRQ"
    2:
      id: sccrp
      -name: "SCCRP"
    3:
      id: scccn
      -name: "SCCCN"
    4:
      id: stopccn
      -name: "StopCCN"
    6:
      id: hello
      -name: "Hello"
    7:
      id: ocrq
      -name: "OCRQ"
    8:
      id: ocrp
      -name: "OCRP"
    9:
      id: occn
      -name: "OCCN"
    10:
      id: icrq
      -name: "ICRQ"
    11:
      id: icrp
      -name: "ICRP"
    12:
      id: iccn
      -name: "ICCN"
    14:
      id: cdn
      -name: "CDN"
    15:
      id: wen
      -name: "WEN"
    16:
      id: sli
      -name: "SLI"
    20:
      id: ack
      -name: "ACK"
  avp_type:
    0:
      id: message_type
      -name: "Message Type"
    1:
      id: result_code
      -name: "Result-Error Code"
    2:
      id: protocol_version
      -name: "Protocol Version"
    3:
      id: framing_capabilities
      -name: "Framing Capabilities"
    4:
      id: bearer_capabilities
      -name: "Bearer Capabilities"
    5:
      id: tie_breaker
      -name: "Tie Breaker"
    6:
      id: firmware_revision
      -name: "Firmware Revision"
    7:
      id: host_name
      -name: "Host Name"
    8:
      id: vendor_name
      -name: "Vendor Name"
    9:
      id: assigned_tunnel_id
      -name: "Assigned Tunnel ID"
    10:
      id: receive_window_size
      -name: "Receive Window Size"
    11:
      id: challenge
      -name: "Challenge"
    12:
      id: cause_code
      -name: "Cause Code"
    13:
      id: challenge_response
      -name: "Challenge Response"
    14:
      id: assigned_session_id
      -name: "Assigned Session ID"
    15:
      id: call_serial_number
      -name: "Call Serial Number"
    16:
      id: minimum_bps
      -name: "Minimum BPS"
    17:
      id: maximum_bps
      -name: "Maximum BPS"
    18:
      id: bearer_type
      -name: "Bearer Type"
    19:
      id: framing_type
      -name: "Framing Type"
    21:
      id: called_number
      -name: "Called Number"
    22:
      id: calling_number
      -name: "Calling Number"
    23:
      id: sub_address
      -name: "Sub-Address"
    24:
      id: tx_connect_speed
      -name: "Connect Speed"
    25:
      id: physical_channel_id
      -name: "Physical Channel"
    26:
      id: initial_received_lcp_confreq
      -name: "Initial Received LCP CONFREQ"
    27:
      id: last_sent_lcp_confreq
      -name: "Last Sent LCP CONFREQ"
    28:
      id: last_received_lcp_confreq
      -name: "Last Received LCP CONFREQ"
    29:
      id: proxy_authen_type
      -name: "Proxy Authen Type"
    30:
      id: proxy_authen_name
      -name: "Proxy Authen Name"
    31:
      id: proxy_authen_challenge
      -name: "Proxy Authen Challenge"
    32:
      id: proxy_authen_id
      -name: "Proxy Authen ID"
    33:
      id: proxy_authen_response
      -name: "Proxy Authen Response"
    34:
      id: call_errors
      -name: "Call status AVPs"
    35:
      id: accm
      -name: "ACCM"
    36:
      id: random_vector
      -name: "Random Vector"
    37:
      id: private_group_id
      -name: "Private group ID"
    38:
      id: rx_connect_speed
      -name: "RxConnect Speed"
    39:
      id: sequencing_required
      -name: "Sequencing Required"
    58:
      id: extended_vendor_id
      -name: "Extended Vendor ID"
    59:
      id: message_digest
      -name: "Message Digest"
    60:
      id: router_id
      -name: "Router ID"
    61:
      id: assigned_control_connection_id
      -name: "Assigned Control Connection ID"
    62:
      id: pseudowire_capabilities_list
      -name: "Pseudowire Capabilities List"
    63:
      id: local_session_id
      -name: "Local Session ID"
    64:
      id: remote_session_id
      -name: "Remote Session ID"
    65:
      id: assigned_cookie
      -name: "Assigned Cookie"
    66:
      id: remote_end_id
      -name: "Remote End ID"
    68:
      id: pseudowire_type
      -name: "Pseudowire Type"
    69:
      id: l2_specific_sublayer
      -name: "Layer2 Specific Sublayer"
    70:
      id: data_sequencing
      -name: "Data Sequencing"
    71:
      id: circuit_status
      -name: "Circuit Status"
    72:
      id: preferred_language
      -name: "Preferred Language"
    73:
      id: control_message_authentication_nonce
      -name: "Control Message Authentication Nonce"
    74:
      id: tx_connect_speed_v3
      -name: "Tx Connect Speed Version 3"
    75:
      id: rx_connect_speed_v3
      -name: "Rx Connect Speed Version 3"
