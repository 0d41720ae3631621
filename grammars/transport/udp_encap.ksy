meta:
  id: udp_encap
  title: UDP encapsulation of IPsec ESP (NAT traversal)
  license: MIT
  xref:
    rfc: 3948
  endian: be
  -pcapkit:
    name: UDPENCAP
    key: udp_encap
    layer: transport
    transparent: true
    dispatch:
      udp_port: 4500
    header-length: 0
    next:
      # a zero "non-ESP marker" introduces IKE, one byte 0xff is a NAT-keepalive: neither is ESP
      - if: marker != 0
        protocol: esp
doc: |
  UDP port 4500 carries ESP packets, IKE messages after a four-byte zero non-ESP marker, and
  one-byte NAT-keepalives. This pseudo layer peeks at the first four bytes (an ESP packet's SPI,
  never zero) and is not shown in the chain; what is not ESP stays raw.
doc-ref: RFC 3948 section 2
seq:
  - id: marker
    type: u4
    if: _io.size >= 4
    doc: the SPI of an ESP packet, or the non-ESP marker (0) before an IKE message
