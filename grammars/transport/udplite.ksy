meta:
  id: udplite
  title: Lightweight User Datagram Protocol (UDP-Lite)
  license: MIT
  xref:
    rfc: 3828
  endian: be
  -pcapkit:
    name: UDPLite
    key: udplite
    layer: transport
    # as UDP: the next layer is chosen by port, an empty payload is simply no data
    next-when-empty: false
    dispatch:
      ip_proto: 136
    # no length field: the IP payload bounds the datagram (RFC 3828 section 3.2)
    next:
      - table: udp_port
        key: ["srcport < dstport ? srcport : dstport", "srcport < dstport ? dstport : srcport"]
    # what flow tracking reads: the ports make a flow, numbered with UDP's (tshark's udp.stream)
    roles:
      src-port: srcport
      dst-port: dstport
doc: |
  UDP's header with the length replaced by the checksum coverage: how many bytes from the start
  of the header the checksum covers (0: the whole datagram). The payload runs to the end of the
  IP payload. Applications share UDP's ports, so the same port table chooses the next layer.
doc-ref: RFC 3828 section 3.1
seq:
  - id: srcport
    type: u2
  - id: dstport
    type: u2
  - id: checksum_coverage
    type: u2
    -json: coverage
    doc: |
      0, or at least the header and at most the datagram (RFC 3828 section 3.1). A receiver drops a
      datagram with any other value; like Wireshark, which flags it, we show it and dissect on,
      since the coverage bounds only the checksum, never the payload.
  - id: checksum
    type: u2
    -format: hex
instances:
  len:
    # a length UDP-Lite does not carry: pcapkit works it out (-value), Kaitai sees a placeholder
    value: 0
    -value: _reported_size
    -json: len
    doc: |
      The datagram's length by the lengths announced before it (the IP payload's), as Wireshark
      works out its udp.length: UDP-Lite replaced UDP's length field by the checksum coverage.
