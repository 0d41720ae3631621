meta:
  id: ipv6
  title: Internet Protocol version 6
  license: MIT
  xref:
    rfc: 8200
  endian: be
  -pcapkit:
    name: IPv6
    key: ipv6
    layer: internet
    groups: [IP]
    dispatch:
      ethertype: 0x86dd
      linktype: 229
      ip_proto: 41
      ip_version: 6
      bsd_af: [24, 28, 30]
      # PPP's IPv6, and its EtherType, which Wireshark's PPP table names IPv6 too
      ppp_protocol: [0x0057, 0x86dd]
      gre_proto: 0x86dd
    # another version is not IPv6: like Wireshark (its dissector rejects it and shows data), the
    # bytes stay raw rather than make a malformed IPv6 layer
    declines: version
    # a payload length of 0 announces a jumbogram (RFC 2675): use what was captured
    payload-length: "payload_length == 0 ? _rest : payload_length"
    next:
      - table: ip_proto
        key: next_header
    # what flow tracking and defragmentation read (the runtime knows no offsets of its own)
    roles:
      src-address: src
      dst-address: dst
      payload-length: payload_length
doc: |
  The fixed 40-byte IPv6 header. The payload length bounds everything after it, extension
  headers included; each extension header is a layer of its own.
doc-ref: RFC 8200 section 3
seq:
  - id: version
    type: b4
    valid: 6
  - id: traffic_class
    type: b8
    -json: tclass
    -format: hex
  - id: flow_label
    type: b20
    -json: label
    -format: hex
  - id: payload_length
    type: u2
    -json: payload
  - id: next_header
    type: u1
    -json: next
    -enum: ip_proto
  - id: hop_limit
    type: u1
    -json: limit
  - id: src
    size: 16
    -format: ipv6
  - id: dst
    size: 16
    -format: ipv6
