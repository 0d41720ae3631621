meta:
  id: l2tp
  title: Layer Two Tunneling Protocol over UDP (L2TPv2, and the L2TPv3 headers)
  license: MIT
  xref:
    rfc: [2661, 3931]
  endian: be
  -pcapkit:
    name: L2TP
    key: l2tp
    # a layer-2 tunnel, as PyPCAPKit classes it: thresholds above the link layer see through it
    layer: link
    dispatch:
      udp_port: 1701
    # tshark's L2TP takes only versions 2 and 3, and wants the two bytes that hold the version:
    # anything else on the port (it is also an ephemeral port) is data
    declines:
      field: version
      short: true
    # a control message is its header and AVPs; a data message's length (when present) bounds
    # the PPP frame it carries
    payload-length: "type ? 0 : (length_present ? length - hdr_len : _rest)"
    next:
      - if: version == 2 and not type
        protocol: ppp
doc: |
  The flags word says whether the message is control (T) or data and which optional fields are
  present: length (L), the sequence numbers Ns and Nr (S), an offset to the payload (O), and
  priority (P); its low four bits are the version. L2TPv2 then has the tunnel and session ids;
  its data messages carry a PPP frame (in HDLC-like framing, usually with address 0xff and
  control 0x03). A control message's attribute-value pairs (AVPs) run to its length.

  The same port carries L2TPv3 (version 3): a control message has the length, a 32-bit control
  connection id, Ns and Nr, then AVPs; a data message has 16 reserved bits and a 32-bit session
  id, followed by a cookie and an L2-specific sublayer whose sizes were negotiated in the control
  connection, so without that state the rest of a v3 data message is kept as bytes.
doc-ref: RFC 2661 section 3.1 and section 4.1; RFC 3931 section 3.2.1 and section 4.1.2.1
seq:
  - id: type
    type: b1
    -json: flags.type
    -value: "_ ? 1 : 0"
    -enum: message_kind
    doc: 1 for a control message, 0 for a data message
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
    type: b1
    -hide: true
  - id: offset_present
    type: b1
    -json: flags.offset
  - id: priority
    type: b1
    -json: flags.prio
  - id: reserved3
    type: b4
    -hide: true
  - id: version
    type: b4
    -json: ver
    valid:
      any-of: [2, 3]
  - id: length
    type: u2
    if: "version == 3 ? type : length_present"
    doc: the whole message in bytes, header included
  - id: reserved_v3
    type: u2
    if: version == 3 and not type
    -hide: true
  - id: tunnel_id
    type: u2
    if: version == 2
  - id: session_id
    type: u2
    if: version == 2
  - id: control_connection_id
    type: u4
    if: version == 3 and type
  - id: session_id_v3
    type: u4
    if: version == 3 and not type
    -json: session_id
  - id: ns
    type: u2
    if: "version == 3 ? type : sequence_present"
  - id: nr
    type: u2
    if: "version == 3 ? type : sequence_present"
  - id: len_offset_pad
    type: u2
    if: version == 2 and offset_present
    -json: offset
    doc: bytes of padding between this field and the payload
  - id: offset_pad
    size: len_offset_pad
    if: version == 2 and offset_present
    -hide: true
  - id: avps
    size: "length_present or version == 3 ? length - _io.pos : _io.size - _io.pos"
    type: avps
    if: type
    -flatten: true
instances:
  hdr_len:
    value: "version == 2 ? 6 + (length_present ? 2 : 0) + (sequence_present ? 4 : 0) + (offset_present ? 2 + len_offset_pad : 0) : (type ? 12 : 8)"
    -json: hdr_len
    doc: the header before the AVPs or the payload
types:
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
