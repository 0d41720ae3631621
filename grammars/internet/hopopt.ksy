meta:
  id: hopopt
  title: IPv6 Hop-by-Hop Options header
  license: MIT
  xref:
    rfc: 8200
  endian: be
  -pcapkit:
    name: HOPOPT
    key: hopopt
    layer: internet
    dispatch:
      ip_proto: 0
    next:
      - table: ip_proto
        key: next_header
doc: |
  A list of type-length-value options padded to a multiple of 8 bytes. Pad1 is a single zero
  byte; every other option has a length byte. Unknown options are kept as bytes.
doc-ref: RFC 8200 section 4.3
seq:
  - id: next_header
    type: u1
    -json: next
    -enum: ip_proto
  - id: hdr_ext_len
    type: u1
    -json: length
    -value: (_ + 1) * 8
    doc: in 8-byte units, not counting the first 8 bytes (shown as the header's length in bytes)
  - id: options
    size: hdr_ext_len * 8 + 6
    type: options
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
      - id: type
        type: u1
        -enum: option_type
        -format: hex
      # like Wireshark, an option cut by the header's end, or of the wrong length for its type,
      # is shown as bytes and the packet is dissected on; one that runs past the bytes the layer
      # has (the datagram's, as far as captured) is truncated, and the header with it, as
      # Wireshark's reading of it fails there (the options start 2 bytes into the header)
      - id: length
        type: u1
        if: type != 0 and not _io.eof
      - id: invalid
        size-eos: true
        if: type != 0 and not _io.eof and length > _io.size - _io.pos and length <= _root._io.size - 2 - _io.pos
        doc: an option running past the header's end (the rest of the header is these bytes)
      - id: data
        size: length
        # none for an option of length 0 (PadN of two bytes), wherever it stands
        if: type != 0 and not _io.eof and length > 0 and (length <= _io.size - _io.pos or length > _root._io.size - 2 - _io.pos)
        type:
          # a known type with another length than its own is kept as bytes
          switch-on: "type == 0x04 and length != 1 or type == 0x05 and length != 2 or type == 0xc2 and length != 4 or type == 0xc9 and length != 16 ? 0 : type"
          cases:
            0x04: tunnel_limit
            0x05: router_alert
            0xc2: jumbo
            0xc9: home_address
        -flatten: true
  tunnel_limit:
    seq:
      - id: limit
        type: u1
  router_alert:
    seq:
      - id: value
        type: u2
  jumbo:
    seq:
      - id: payload_len
        type: u4
  home_address:
    seq:
      - id: address
        size: 16
        -format: ipv6
enums:
  option_type:
    0x00:
      id: pad1
      -name: "Pad1"
    0x01:
      id: padn
      -name: "PadN"
    0x04:
      id: tunnel_encapsulation_limit
      -name: "Tunnel Encapsulation Limit"
    0x05:
      id: router_alert
      -name: "Router Alert"
    0x07:
      id: calipso
      -name: "CALIPSO"
    0x08:
      id: smf_dpd
      -name: "SMF_DPD"
    0x0f:
      id: pdm
      -name: "PDM"
    0x26:
      id: quick_start
      -name: "Quick-Start"
    0x31:
      id: ioam
      -name: "IOAM"
    0x63:
      id: rpl_option
      -name: "RPL Option"
    0x6d:
      id: mpl_option
      -name: "MPL Option"
    0x8b:
      id: ilnp_nonce
      -name: "ILNP Nonce"
    0x8c:
      id: line_identification
      -name: "Line-Identification"
    0xc2:
      id: jumbo_payload
      -name: "Jumbo Payload"
    0xc9:
      id: home_address
      -name: "Home Address"
    0xee:
      id: ip_dff
      -name: "IP_DFF"
