meta:
  id: ipcp
  title: PPP Internet Protocol Control Protocol
  license: MIT
  xref:
    rfc: [1332, 1877]
  endian: be
  -pcapkit:
    name: IPCP
    key: ipcp
    layer: link
    dispatch:
      ppp_protocol: 0x8021
      # as an EtherType too, as in Wireshark's table
      ethertype: 0x8021
    # the length covers the whole packet: bytes after it are padding
    payload-length: 0
doc: |
  An IPCP packet has LCP's format (RFC 1661 section 5) with codes 1 to 7 only; its configuration
  options negotiate the IPv4 address, header compression and the DNS and NBNS servers (RFC 1877).
  Unknown options are kept as bytes.
doc-ref: RFC 1332 section 2 and section 3; RFC 1877 section 1
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
            1: ip_addresses
            2: compression
            3: address
            129: address
            130: address
            131: address
            132: address
        -flatten: true
  ip_addresses:
    seq:
      - id: source
        type: u4
        -format: ipv4
      - id: destination
        type: u4
        -format: ipv4
  compression:
    seq:
      - id: protocol
        type: u2
        -format: hex
        doc: 0x002d is Van Jacobson compressed TCP/IP
      - id: data
        size-eos: true
  address:
    seq:
      - id: address
        type: u4
        -format: ipv4
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
      id: ip_addresses
      -name: "IP-Addresses"
    2:
      id: ip_compression_protocol
      -name: "IP-Compression-Protocol"
    3:
      id: ip_address
      -name: "IP-Address"
    129:
      id: primary_dns
      -name: "Primary-DNS-Server"
    130:
      id: primary_nbns
      -name: "Primary-NBNS-Server"
    131:
      id: secondary_dns
      -name: "Secondary-DNS-Server"
    132:
      id: secondary_nbns
      -name: "Secondary-NBNS-Server"
