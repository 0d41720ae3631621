meta:
  id: ipv6cp
  title: PPP IPv6 Control Protocol
  license: MIT
  xref:
    rfc: 5072
  endian: be
  -pcapkit:
    name: IPV6CP
    key: ipv6cp
    layer: link
    dispatch:
      ppp_protocol: 0x8057
      # as an EtherType too, as in Wireshark's table
      ethertype: 0x8057
    # the length covers the whole packet: bytes after it are padding
    payload-length: 0
doc: |
  An IPV6CP packet has LCP's format (RFC 1661 section 5) with codes 1 to 7 only; its
  configuration options negotiate the 64-bit interface identifier and header compression.
  Unknown options are kept as bytes.
doc-ref: RFC 5072 section 3 and section 4
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
  - id: data
    size: length - 4
    type:
      switch-on: code
      cases:
        1: options
        2: options
        3: options
        4: options
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
            1: interface_identifier
            2: compression
        -flatten: true
  interface_identifier:
    seq:
      - id: interface_identifier
        type: u8
        -format: hex
  compression:
    seq:
      - id: protocol
        type: u2
        -format: hex
      - id: data
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
  option_type:
    1:
      id: interface_identifier
      -name: "Interface-Identifier"
    2:
      id: ipv6_compression_protocol
      -name: "IPv6-Compression-Protocol"
