meta:
  id: geneve
  title: Generic Network Virtualization Encapsulation (Geneve)
  license: MIT
  xref:
    rfc: 8926
  endian: be
  -pcapkit:
    name: Geneve
    key: geneve
    # a tunnel, as VXLAN: thresholds above the link layer see through it
    layer: link
    dispatch:
      udp_port: 6081
    # like tshark, the protocol type is dispatched even with no payload (that layer is then malformed)
    # the EtherType table names Transparent Ethernet Bridging (0x6558) too
    next:
      - table: ethertype
        key: protocol_type
doc: |
  Version and the options' length (in 4-byte words), the O (control packet) and C (critical
  options present) flags, the protocol type of the payload (an EtherType), the 24-bit virtual
  network identifier, then the options: class, type, and data of a length in 4-byte words. An
  option running past the options' length keeps the rest as bytes, and the payload is dissected
  after the length the header gives.
doc-ref: RFC 8926 section 3.4 and section 3.5
seq:
  - id: version
    type: b2
    -json: ver
  - id: options_length
    type: b6
    -json: opt_len
    -value: _ * 4
    doc: in 4-byte words on the wire (shown in bytes)
  - id: oam
    type: b1
    -json: flags.oam
  - id: critical
    type: b1
    -json: flags.critical
  - id: reserved1
    type: b6
    -hide: true
  - id: protocol_type
    type: u2
    -json: proto
    -enum: ethertype
    -format: hex
  - id: vni
    type: b24
  - id: reserved2
    type: u1
    -hide: true
  - id: options
    size: options_length * 4
    type: options
    if: options_length > 0
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
      - id: option_class
        type: u2
        -json: class
        -format: hex
      - id: option_type
        type: u1
        -json: type
        -format: hex
      - id: reserved
        type: b3
        -hide: true
      - id: length
        type: b5
        -value: _ * 4
        doc: of the data, in 4-byte words on the wire (shown in bytes)
      - id: invalid
        size-eos: true
        if: length * 4 > _io.size - _io.pos
        doc: |
          an option running past the options (the rest of them are these bytes); checked before
          data, where the position still stands after the length
      - id: data
        size: length * 4
        if: length > 0 and length * 4 <= _io.size - _io.pos
