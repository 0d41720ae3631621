meta:
  id: udp
  title: User Datagram Protocol
  license: MIT
  xref:
    rfc: 768
  endian: be
  -pcapkit:
    name: UDP
    key: udp
    layer: transport
    # the next layer is chosen by port: an empty payload is simply no data
    next-when-empty: false
    dispatch:
      ip_proto: 17
    # a length of 0 announces an IPv6 jumbogram (RFC 2675): the IP payload length bounds it; over
    # IPv4 it is bogus, and like tshark we dissect nothing after the header
    payload-length: "length == 0 ? (_ip_version == 6 ? _rest : 0) : length - 8"
    next:
      - table: udp_port
        key: ["srcport < dstport ? srcport : dstport", "srcport < dstport ? dstport : srcport"]
    # what flow tracking reads: the ports make a flow (udp.stream)
    roles:
      src-port: srcport
      dst-port: dstport
doc: Ports, the length of header and data, and the checksum. The length bounds the payload.
doc-ref: RFC 768
seq:
  - id: srcport
    type: u2
  - id: dstport
    type: u2
  - id: length
    type: u2
    -json: len
    valid:
      expr: _ == 0 or _ >= 8
  - id: checksum
    type: u2
    -format: hex
