meta:
  id: icmpv6
  title: Internet Control Message Protocol for IPv6, with Neighbor Discovery and MLD
  license: MIT
  xref:
    rfc: [4443, 4861, 2710, 3810, 4884, 4191, 8106]
  endian: be
  -pcapkit:
    name: ICMPv6
    key: icmpv6
    layer: internet
    dispatch:
      ip_proto: 58
    # RFC 4884: a non-zero length is the quoted datagram's (in 64-bit words); extensions follow it
    payload-length: "(type == 1 or type == 3) and length != 0 ? length * 8 : _rest"
    next:
      # an error quotes as much of the offending datagram as fits: a nested IPv6 layer that may
      # end in any header (as Wireshark dissects it); bytes that do not start with version 6 are
      # no IPv6 header and stay raw, as in Wireshark
      - if: type >= 1 and type <= 4 and quoted_first >> 4 == 6
        protocol: ipv6
        quoted: true
doc: |
  Type, code and checksum, then the message by type: the error messages' length, MTU or
  pointer (their payload is the quoted datagram, dissected as an IPv6 layer), echo identifier
  and sequence (the data stays raw), Multicast Listener Discovery v1 and v2, and the Neighbor
  Discovery messages (router and neighbor solicitation and advertisement, redirect) with their
  options. Unknown option types are kept as type, length and bytes. With an RFC 4884 length, the
  quoted datagram is that long and the extension structure after it is not dissected.
doc-ref: RFC 4443 section 2.1
seq:
  - id: type
    type: u1
    -enum: icmpv6_type
  - id: code
    type: u1
  - id: checksum
    type: u2
    -format: hex
  - id: length
    type: u1
    if: type == 1 or type == 3
    -value: _ * 8
    doc: RFC 4884 length of the quoted datagram in 64-bit words (shown in bytes); 0 without extensions
  - id: unused
    size: 3
    if: type == 1 or type == 3
    -hide: true
  - id: mtu
    type: u4
    if: type == 2
  - id: pointer
    type: u4
    if: type == 4
    doc: the octet of the quoted datagram where the problem lies
  - id: body
    if: type > 4
    type:
      switch-on: type
      cases:
        128: echo
        129: echo
        130: mld_query
        131: mld
        132: mld
        143: mld_v2_report
        133: router_solicitation
        134: router_advertisement
        135: neighbor_solicitation
        136: neighbor_advertisement
        137: redirect
    -flatten: true
instances:
  quoted_first:
    pos: 8
    type: u1
    if: type >= 1 and type <= 4 and _io.size > 8
    doc: the quoted datagram's first byte, its version in the high nibble (the error messages' header is 8 bytes)
types:
  echo:
    seq:
      - id: identifier
        type: u2
        -json: id
      - id: sequence
        type: u2
        -json: seq
  mld:
    doc-ref: RFC 2710 section 3
    seq:
      - id: max_response_delay
        type: u2
        doc: milliseconds
      - id: reserved
        type: u2
        -hide: true
      - id: multicast_address
        size: 16
        -format: ipv6
  mld_query:
    doc: a version 1 query is 24 bytes; a longer one is a version 2 query (RFC 3810 section 8.1)
    seq:
      - id: max_response_code
        type: u2
      - id: reserved
        type: u2
        -hide: true
      - id: multicast_address
        size: 16
        -format: ipv6
      - id: v2
        type: mld_v2_query
        if: not _io.eof
        -flatten: true
  mld_v2_query:
    doc-ref: RFC 3810 section 5.1
    seq:
      - id: reserved
        type: b4
        -hide: true
      - id: suppress_router_processing
        type: b1
        -json: s_flag
      - id: qrv
        type: b3
      - id: qqic
        type: u1
      - id: num_sources
        type: u2
      - id: sources
        size: 16
        repeat: expr
        repeat-expr: num_sources
        -format: ipv6
  mld_v2_report:
    doc-ref: RFC 3810 section 5.2
    seq:
      - id: reserved
        type: u2
        -hide: true
      - id: num_records
        type: u2
      - id: records
        type: mld_v2_record
        repeat: expr
        repeat-expr: num_records
  mld_v2_record:
    seq:
      - id: record_type
        type: u1
      - id: aux_data_len
        type: u1
        doc: in 32-bit words
      - id: num_sources
        type: u2
      - id: multicast_address
        size: 16
        -format: ipv6
      - id: sources
        size: 16
        repeat: expr
        repeat-expr: num_sources
        -format: ipv6
      - id: aux_data
        size: aux_data_len * 4
        if: aux_data_len != 0
  router_solicitation:
    doc-ref: RFC 4861 section 4.1
    seq:
      - id: reserved
        type: u4
        -hide: true
      - id: options
        type: nd_option
        repeat: eos
  router_advertisement:
    doc-ref: RFC 4861 section 4.2
    seq:
      - id: cur_hop_limit
        type: u1
      - id: managed
        type: b1
        -json: flags.m
      - id: other
        type: b1
        -json: flags.o
      - id: home_agent
        type: b1
        -json: flags.h
        doc: RFC 6275 section 7.1
      - id: preference
        type: b2
        -json: flags.prf
        doc: RFC 4191 default router preference
      - id: proxy
        type: b1
        -json: flags.p
        doc: RFC 4389
      - id: reserved
        type: b2
        -hide: true
      - id: router_lifetime
        type: u2
        doc: seconds
      - id: reachable_time
        type: u4
        doc: milliseconds
      - id: retrans_timer
        type: u4
        doc: milliseconds
      - id: options
        type: nd_option
        repeat: eos
  neighbor_solicitation:
    doc-ref: RFC 4861 section 4.3
    seq:
      - id: reserved
        type: u4
        -hide: true
      - id: target_address
        size: 16
        -format: ipv6
      - id: options
        type: nd_option
        repeat: eos
  neighbor_advertisement:
    doc-ref: RFC 4861 section 4.4
    seq:
      - id: router
        type: b1
        -json: flags.r
      - id: solicited
        type: b1
        -json: flags.s
      - id: override
        type: b1
        -json: flags.o
      - id: reserved
        type: b29
        -hide: true
      - id: target_address
        size: 16
        -format: ipv6
      - id: options
        type: nd_option
        repeat: eos
  redirect:
    doc-ref: RFC 4861 section 4.5
    seq:
      - id: reserved
        type: u4
        -hide: true
      - id: target_address
        size: 16
        -format: ipv6
      - id: destination_address
        size: 16
        -format: ipv6
      - id: options
        type: nd_option
        repeat: eos
  nd_option:
    doc-ref: RFC 4861 section 4.6
    seq:
      - id: type
        type: u1
        -enum: nd_option_type
      - id: length
        type: u1
        -value: _ * 8
        valid:
          min: 1
        doc: |
          in 8-byte units, type and length included (shown in bytes); 0 is invalid (RFC 4861
          says to discard the packet) and would never end the list
      - id: data
        size: length * 8 - 2
        type:
          switch-on: type
          cases:
            1: link_layer_address
            2: link_layer_address
            3: prefix_information
            4: redirected_header
            5: mtu
            24: route_information
            25: rdnss
            31: dnssl
        -flatten: true
  link_layer_address:
    doc: source (type 1) or target (type 2) link-layer address, padded to 8 bytes
    seq:
      - id: address
        size: "_io.size >= 6 ? 6 : _io.size"
        -format: mac
      - id: padding
        size-eos: true
        -hide: true
  prefix_information:
    doc-ref: RFC 4861 section 4.6.2
    seq:
      - id: prefix_length
        type: u1
      - id: on_link
        type: b1
        -json: flags.l
      - id: autonomous
        type: b1
        -json: flags.a
      - id: router_address
        type: b1
        -json: flags.r
        doc: RFC 6275 section 7.2
      - id: reserved1
        type: b5
        -hide: true
      - id: valid_lifetime
        type: u4
      - id: preferred_lifetime
        type: u4
      - id: reserved2
        type: u4
        -hide: true
      - id: prefix
        size: 16
        -format: ipv6
  redirected_header:
    doc-ref: RFC 4861 section 4.6.3
    seq:
      - id: reserved
        size: 6
        -hide: true
      - id: packet
        size-eos: true
        doc: the start of the redirected packet, as bytes
  mtu:
    doc-ref: RFC 4861 section 4.6.4
    seq:
      - id: reserved
        type: u2
        -hide: true
      - id: mtu
        type: u4
  route_information:
    doc-ref: RFC 4191 section 2.3
    seq:
      - id: prefix_length
        type: u1
      - id: reserved1
        type: b3
        -hide: true
      - id: preference
        type: b2
        -json: prf
      - id: reserved2
        type: b3
        -hide: true
      - id: route_lifetime
        type: u4
      - id: prefix
        size-eos: true
        -format: ipv6
  rdnss:
    doc-ref: RFC 8106 section 5.1
    seq:
      - id: reserved
        type: u2
        -hide: true
      - id: lifetime
        type: u4
      - id: addresses
        size: 16
        repeat: eos
        -format: ipv6
  dnssl:
    doc-ref: RFC 8106 section 5.2
    seq:
      - id: reserved
        type: u2
        -hide: true
      - id: lifetime
        type: u4
      - id: domain_names
        size-eos: true
        doc: DNS-encoded names padded with zeros, as bytes
enums:
  icmpv6_type:
    1: {id: destination_unreachable, -name: Destination Unreachable}
    2: {id: packet_too_big, -name: Packet Too Big}
    3: {id: time_exceeded, -name: Time Exceeded}
    4: {id: parameter_problem, -name: Parameter Problem}
    128: {id: echo_request, -name: Echo Request}
    129: {id: echo_reply, -name: Echo Reply}
    130: {id: multicast_listener_query, -name: Multicast Listener Query}
    131: {id: multicast_listener_report, -name: Multicast Listener Report}
    132: {id: multicast_listener_done, -name: Multicast Listener Done}
    133: {id: router_solicitation, -name: Router Solicitation}
    134: {id: router_advertisement, -name: Router Advertisement}
    135: {id: neighbor_solicitation, -name: Neighbor Solicitation}
    136: {id: neighbor_advertisement, -name: Neighbor Advertisement}
    137: {id: redirect_message, -name: Redirect Message}
    138: {id: router_renumbering, -name: Router Renumbering}
    139: {id: node_information_query, -name: ICMP Node Information Query}
    140: {id: node_information_response, -name: ICMP Node Information Response}
    141: {id: inverse_nd_solicitation, -name: Inverse Neighbor Discovery Solicitation}
    142: {id: inverse_nd_advertisement, -name: Inverse Neighbor Discovery Advertisement}
    143: {id: mldv2_report, -name: Version 2 Multicast Listener Report}
    144: {id: haad_request, -name: Home Agent Address Discovery Request}
    145: {id: haad_reply, -name: Home Agent Address Discovery Reply}
    146: {id: mobile_prefix_solicitation, -name: Mobile Prefix Solicitation}
    147: {id: mobile_prefix_advertisement, -name: Mobile Prefix Advertisement}
    148: {id: certification_path_solicitation, -name: Certification Path Solicitation}
    149: {id: certification_path_advertisement, -name: Certification Path Advertisement}
    151: {id: multicast_router_advertisement, -name: Multicast Router Advertisement}
    152: {id: multicast_router_solicitation, -name: Multicast Router Solicitation}
    153: {id: multicast_router_termination, -name: Multicast Router Termination}
    155: {id: rpl_control, -name: RPL Control Message}
    160: {id: extended_echo_request, -name: Extended Echo Request}
    161: {id: extended_echo_reply, -name: Extended Echo Reply}
  nd_option_type:
    1: {id: source_link_layer_address, -name: Source Link-layer Address}
    2: {id: target_link_layer_address, -name: Target Link-layer Address}
    3: {id: prefix_information, -name: Prefix Information}
    4: {id: redirected_header, -name: Redirected Header}
    5: {id: mtu, -name: MTU}
    14: {id: nonce, -name: Nonce}
    24: {id: route_information, -name: Route Information}
    25: {id: rdnss, -name: Recursive DNS Server}
    31: {id: dnssl, -name: DNS Search List}
