meta:
  id: ah
  title: IP Authentication Header
  license: MIT
  xref:
    rfc: 4302
  endian: be
  -pcapkit:
    name: AH
    key: ah
    layer: internet
    groups: [IPsec]
    dispatch:
      ip_proto: 51
    next:
      - table: ip_proto
        key: next_header
doc: |
  The same header in IPv4 and IPv6: next header, payload length, SPI, sequence number and the
  integrity check value. The payload length counts 32-bit words minus 2, so the header is
  (payload length + 2) * 4 bytes (PyPCAPKit computed payload length * 4 - 2).
doc-ref: RFC 4302 section 2
seq:
  - id: next_header
    type: u1
    -json: next
    -enum: ip_proto
  - id: payload_len
    type: u1
    -json: length
    -value: (_ + 2) * 4
    valid:
      min: 1
    doc: |
      the header's length in 32-bit words minus 2 (shown as the header's length in bytes); at
      least 1, since SPI and sequence number alone take 3 words
  - id: reserved
    type: u2
    -hide: true
  - id: spi
    type: u4
    -format: hex
  - id: seq
    type: u4
  - id: icv
    size: (payload_len + 2) * 4 - 12
    doc: integrity check value, with any padding
