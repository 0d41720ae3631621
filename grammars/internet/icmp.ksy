meta:
  id: icmp
  title: Internet Control Message Protocol (for IPv4)
  license: MIT
  xref:
    rfc: [792, 950, 1256, 4884]
  endian: be
  -pcapkit:
    name: ICMP
    key: icmp
    layer: internet
    dispatch:
      ip_proto: 1
    # RFC 4884: a length of at least 32 words (the 128 bytes a quote must have when extensions
    # follow it) is the quoted datagram's, and extensions follow; a shorter one is no RFC 4884
    # length (tshark and Linux ignore it too): the whole rest is the quote
    payload-length: "(type == 3 or type == 11 or type == 12) and length >= 32 ? length * 4 : _rest"
    next:
      # an error quotes the IPv4 header and the first bytes of the datagram that caused it: it is
      # dissected as a nested IPv4 layer that may end in any header (as Wireshark does)
      - if: type == 3 or type == 4 or type == 5 or type == 11 or type == 12
        protocol: ipv4
        quoted: true
doc: |
  Type, code and checksum, then the rest of the header by type: echo identifier and sequence,
  the next-hop MTU of a "fragmentation needed", the redirect gateway, the parameter-problem
  pointer, timestamps, address masks, router advertisement entries. The payload of an error
  message (destination unreachable, source quench, redirect, time exceeded, parameter problem)
  is the quoted datagram, dissected as an IPv4 layer; an echo's data stays raw. With an RFC 4884
  length (32 words or more), the quoted datagram is that long and the extension structure after it
  is not dissected.
doc-ref: RFC 792
seq:
  - id: type
    type: u1
    -enum: icmp_type
  - id: code
    type: u1
  - id: checksum
    type: u2
    -format: hex
  - id: pointer
    type: u1
    if: type == 12
    doc: the octet of the quoted header where the problem lies
  - id: unused_byte
    type: u1
    if: type == 3 or type == 11
    -hide: true
  - id: length
    type: u1
    if: type == 3 or type == 11 or type == 12
    -value: _ * 4
    doc: RFC 4884 length of the quoted datagram in 32-bit words (shown in bytes); 0 without extensions
  - id: next_hop_mtu
    type: u2
    if: type == 3 and code == 4
    doc: RFC 1191, for "fragmentation needed and DF set"
  - id: unused_half
    type: u2
    if: (type == 3 and code != 4) or type == 11 or type == 12
    -hide: true
  - id: body
    if: not (type == 3 or type == 11 or type == 12)
    type:
      switch-on: type
      cases:
        0: echo
        8: echo
        15: echo
        16: echo
        4: unused_word
        10: unused_word
        5: redirect
        9: router_advertisement
        13: timestamp
        14: timestamp
        17: address_mask
        18: address_mask
        _: rest_of_header
    -flatten: true
types:
  echo:
    doc: echo, echo reply, information request and reply
    seq:
      - id: identifier
        type: u2
        -json: id
      - id: sequence
        type: u2
        -json: seq
  unused_word:
    seq:
      - id: unused
        type: u4
        -hide: true
  redirect:
    seq:
      - id: gateway
        type: u4
        -format: ipv4
  router_advertisement:
    doc-ref: RFC 1256 section 3
    seq:
      - id: num_entries
        type: u1
        -json: num_addrs
      - id: addr_entry_size
        type: u1
        doc: in 32-bit words (2 for the address and its preference)
      - id: lifetime
        type: u2
      - id: entries
        size: addr_entry_size * 4
        type: router_entry
        repeat: expr
        repeat-expr: num_entries
  router_entry:
    seq:
      - id: router_address
        type: u4
        -format: ipv4
      - id: preference_level
        type: s4
        if: _io.size >= 8
  timestamp:
    seq:
      - id: identifier
        type: u2
        -json: id
      - id: sequence
        type: u2
        -json: seq
      - id: originate
        type: u4
        doc: milliseconds since midnight UT
      - id: receive
        type: u4
      - id: transmit
        type: u4
  address_mask:
    doc-ref: RFC 950 appendix I
    seq:
      - id: identifier
        type: u2
        -json: id
      - id: sequence
        type: u2
        -json: seq
      - id: address_mask
        type: u4
        -format: ipv4
  rest_of_header:
    seq:
      - id: rest
        type: u4
        -format: hex
enums:
  icmp_type:
    0: {id: echo_reply, -name: Echo Reply}
    3: {id: destination_unreachable, -name: Destination Unreachable}
    4: {id: source_quench, -name: Source Quench}
    5: {id: redirect, -name: Redirect}
    8: {id: echo, -name: Echo}
    9: {id: router_advertisement, -name: Router Advertisement}
    10: {id: router_solicitation, -name: Router Solicitation}
    11: {id: time_exceeded, -name: Time Exceeded}
    12: {id: parameter_problem, -name: Parameter Problem}
    13: {id: timestamp, -name: Timestamp}
    14: {id: timestamp_reply, -name: Timestamp Reply}
    15: {id: information_request, -name: Information Request}
    16: {id: information_reply, -name: Information Reply}
    17: {id: address_mask_request, -name: Address Mask Request}
    18: {id: address_mask_reply, -name: Address Mask Reply}
    30: {id: traceroute, -name: Traceroute}
    40: {id: photuris, -name: Photuris}
    42: {id: extended_echo_request, -name: Extended Echo Request}
    43: {id: extended_echo_reply, -name: Extended Echo Reply}
