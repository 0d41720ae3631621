meta:
  id: esp
  title: IP Encapsulating Security Payload
  license: MIT
  xref:
    rfc: [4303, 3948]
  endian: be
  -pcapkit:
    name: ESP
    key: esp
    layer: internet
    groups: [IPsec]
    dispatch:
      ip_proto: 50
doc: |
  The security parameters index and sequence number; everything after them (payload, padding,
  next header and integrity check value) is encrypted and kept as bytes. Reached over IP
  protocol 50, and over UDP port 4500 through udp_encap (RFC 3948).
doc-ref: RFC 4303 section 2
seq:
  - id: spi
    type: u4
    -format: hex
  - id: seq
    type: u4
  - id: data
    size-eos: true
    doc: the encrypted payload, padding, pad length, next header and ICV
