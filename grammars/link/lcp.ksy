meta:
  id: lcp
  title: PPP Link Control Protocol
  license: MIT
  xref:
    rfc: [1661, 1570, 1990]
  endian: be
  -pcapkit:
    name: LCP
    key: lcp
    layer: link
    dispatch:
      ppp_protocol: 0xc021
      # as an EtherType too, as in Wireshark's table
      ethertype: 0xc021
    # the length covers the whole packet: bytes after it are padding (RFC 1661 section 5); a
    # Protocol-Reject's payload is the rejected packet's information field
    payload-length: "code == 8 ? length - 6 : 0"
    next:
      - if: code == 8
        table: ppp_protocol
        key: rejected_protocol
doc: |
  An LCP packet: code, identifier, length, then by code the configuration options
  (Configure-Request/Ack/Nak/Reject), the magic number (Echo-Request/Reply, Discard-Request,
  Identification, Time-Remaining) or data. Options are type-length-value; the common ones are
  decoded, unknown ones kept as bytes. A Protocol-Reject names the rejected protocol and carries
  the rejected packet's information field, which is dissected as that protocol (as Wireshark
  does).
doc-ref: RFC 1661 section 5 and section 6; RFC 1570 section 1 and section 2.3; RFC 1990 section 5.1
seq:
  - id: code
    type: u1
    -enum: code
  - id: identifier
    type: u1
    -json: id
  - id: length
    type: u2
    valid:
      min: 4
    doc: the whole packet, header included
  - id: rejected_protocol
    type: u2
    if: code == 8
    -format: hex
    -enum: ppp_protocol
  - id: data
    size: length - 4
    if: code != 8
    type:
      switch-on: code
      cases:
        1: options
        2: options
        3: options
        4: options
        9: magic_data
        10: magic_data
        11: magic_data
        12: identification
        13: time_remaining
    -flatten: true
types:
  options:
    seq:
      - id: entries
        type: option
        repeat: eos
        -json: options
  option:
    seq:
      - id: option_type
        type: u1
        -json: type
        -enum: option_type
      - id: option_length
        type: u1
        -json: length
        valid:
          min: 2
      - id: value
        size: option_length - 2
        type:
          switch-on: option_type
          cases:
            1: mru
            2: accm
            3: auth_protocol
            4: quality_protocol
            5: magic_number
            13: callback
            17: mrru
            19: endpoint_discriminator
        -flatten: true
  mru:
    seq:
      - id: mru
        type: u2
  accm:
    seq:
      - id: accm
        type: u4
        -format: hex
  auth_protocol:
    seq:
      - id: protocol
        type: u2
        -format: hex
        -enum: authentication_protocol
      - id: algorithm
        type: u1
        if: not _io.eof
        doc: CHAP's digest algorithm (5 is MD5, 0x80 MS-CHAP, 0x81 MS-CHAPv2)
      - id: data
        size-eos: true
        if: not _io.eof
  quality_protocol:
    seq:
      - id: protocol
        type: u2
        -format: hex
      - id: data
        size-eos: true
  magic_number:
    seq:
      - id: magic_number
        type: u4
        -format: hex
  callback:
    seq:
      - id: operation
        type: u1
      - id: message
        size-eos: true
  mrru:
    seq:
      - id: mrru
        type: u2
  endpoint_discriminator:
    seq:
      - id: address_class
        -json: class
        type: u1
      - id: address
        size-eos: true
  magic_data:
    seq:
      - id: magic_number
        type: u4
        -format: hex
      - id: data
        size-eos: true
  identification:
    seq:
      - id: magic_number
        type: u4
        -format: hex
      - id: message
        type: str
        encoding: UTF-8
        size-eos: true
  time_remaining:
    seq:
      - id: magic_number
        type: u4
        -format: hex
      - id: seconds_remaining
        type: u4
      - id: message
        type: str
        encoding: UTF-8
        size-eos: true
enums:
  code:
    1:
      id: configure_request
      -name: "Configure-Request"
    2:
      id: configure_ack
      -name: "Configure-Ack"
    3:
      id: configure_nak
      -name: "Configure-Nak"
    4:
      id: configure_reject
      -name: "Configure-Reject"
    5:
      id: terminate_request
      -name: "Terminate-Request"
    6:
      id: terminate_ack
      -name: "Terminate-Ack"
    7:
      id: code_reject
      -name: "Code-Reject"
    8:
      id: protocol_reject
      -name: "Protocol-Reject"
    9:
      id: echo_request
      -name: "Echo-Request"
    10:
      id: echo_reply
      -name: "Echo-Reply"
    11:
      id: discard_request
      -name: "Discard-Request"
    12:
      id: identification
      -name: "Identification"
    13:
      id: time_remaining
      -name: "Time-Remaining"
  option_type:
    1:
      id: mru
      -name: "Maximum-Receive-Unit"
    2:
      id: accm
      -name: "Async-Control-Character-Map"
    3:
      id: auth_protocol
      -name: "Authentication-Protocol"
    4:
      id: quality_protocol
      -name: "Quality-Protocol"
    5:
      id: magic_number
      -name: "Magic-Number"
    7:
      id: pfc
      -name: "Protocol-Field-Compression"
    8:
      id: acfc
      -name: "Address-and-Control-Field-Compression"
    13:
      id: callback
      -name: "Callback"
    17:
      id: mrru
      -name: "Multilink-MRRU"
    18:
      id: short_sequence
      -name: "Multilink-Short-Sequence-Number-Header"
    19:
      id: endpoint_discriminator
      -name: "Multilink-Endpoint-Discriminator"
  authentication_protocol:
    0xc023:
      id: pap
      -name: "PAP"
    0xc223:
      id: chap
      -name: "CHAP"
    0xc227:
      id: eap
      -name: "EAP"
  ppp_protocol:
    0x0021:
      id: ipv4
      -name: "IPv4"
    0x002b:
      id: ipx
      -name: "IPX"
    0x0057:
      id: ipv6
      -name: "IPv6"
    0x8021:
      id: ipcp
      -name: "IPCP"
    0x8057:
      id: ipv6cp
      -name: "IPV6CP"
    0x80fd:
      id: ccp
      -name: "CCP"
    0xc021:
      id: lcp
      -name: "LCP"
    0xc023:
      id: pap
      -name: "PAP"
    0xc223:
      id: chap
      -name: "CHAP"
