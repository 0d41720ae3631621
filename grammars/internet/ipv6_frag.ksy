meta:
  id: ipv6_frag
  title: IPv6 Fragment header
  license: MIT
  xref:
    rfc: 8200
  endian: be
  -pcapkit:
    name: IPv6-Frag
    key: frag
    layer: internet
    dispatch:
      ip_proto: 44
    # an atomic fragment (offset 0, M clear) carries a whole datagram and is dissected on; so is
    # what follows the header in an IPv4 packet, where no IPv6 reassembly applies, and a header
    # whose datagram announces no bytes after it: tshark dissects on in an empty payload (the
    # announced size, not the captured one: a fragment the capture cut is still a fragment)
    fragment: _ip_version == 6 and (frag_offset != 0 or mf) and _reported_size > 8
    next:
      - table: ip_proto
        key: next_header
    # what defragmentation reads; the datagram's addresses are the IPv6 header's
    roles:
      fragment-id: identification
      fragment-offset: frag_offset
      more-fragments: mf
      next-header: next_header
doc: The fragment's offset (in 8-byte units on the wire, shown in bytes), more-fragments flag and identification.
doc-ref: RFC 8200 section 4.5
seq:
  - id: next_header
    type: u1
    -json: next
    -enum: ip_proto
  - id: reserved
    type: u1
    -hide: true
  - id: frag_offset
    type: b13
    -json: offset
    -value: _ * 8
  - id: res
    type: b2
    -hide: true
  - id: mf
    type: b1
  - id: identification
    type: u4
    -json: id
    -format: hex
