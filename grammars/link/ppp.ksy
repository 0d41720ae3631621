meta:
  id: ppp
  title: Point-to-Point Protocol frame header
  license: MIT
  xref:
    rfc: [1661, 1662]
  endian: be
  -pcapkit:
    name: PPP
    key: ppp
    layer: link
    dispatch:
      # LINKTYPE_PPP (address and control optional) and LINKTYPE_PPP_HDLC
      linktype: [9, 50]
      # PPTP's enhanced GRE (RFC 2637) carries PPP frames
      gre_proto: 0x880b
    next:
      - table: ppp_protocol
        key: protocol
doc: |
  The protocol field of a PPP frame, which names what the information field carries (IPv4, IPv6,
  LCP, ...). In HDLC-like framing (PPP over serial links, in L2TP data messages) the frame starts
  with the address 0xff and the control 0x03, which a frame may also leave out (address and
  control field compression); PPPoE sends none. A first byte 0xff is taken for the address
  wherever PPP comes (Wireshark's PPPoE reads it as the reserved protocol 0x00ff instead). The
  protocol field itself may be compressed to one byte: a first byte with its lowest bit set is
  the whole field.
doc-ref: RFC 1661 section 2 and section 6.5-6.6; RFC 1662 section 3.1
seq:
  - id: first
    type: u1
    -hide: true
    doc: the address 0xff, or the first byte of the protocol field
  - id: control_byte
    type: u1
    if: first == 0xff
    -hide: true
  - id: protocol_high
    type: u1
    if: first == 0xff
    -hide: true
    doc: the first byte of the protocol field after address and control
  - id: protocol_low
    type: u1
    if: "((first == 0xff ? protocol_high : first) & 1) == 0"
    -hide: true
    doc: absent when the protocol field is compressed to one byte
instances:
  high:
    value: "first == 0xff ? protocol_high : first"
  address:
    value: first
    if: first == 0xff
    -json: address
    -format: hex
  control:
    value: control_byte
    if: first == 0xff
    -json: control
    -format: hex
  protocol:
    value: "(high & 1) == 1 ? high : high * 256 + protocol_low"
    -json: protocol
    -format: hex
    -enum: ppp_protocol
enums:
  ppp_protocol:
    0x0001:
      id: padding
      -name: "Padding"
    0x0021:
      id: ipv4
      -name: "IPv4"
    0x002b:
      id: ipx
      -name: "IPX"
    0x002d:
      id: vj_compressed
      -name: "VJ compressed TCP/IP"
    0x002f:
      id: vj_uncompressed
      -name: "VJ uncompressed TCP/IP"
    0x0031:
      id: bpdu
      -name: "Bridging PDU"
    0x003d:
      id: mp
      -name: "Multilink"
    0x0057:
      id: ipv6
      -name: "IPv6"
    0x00fb:
      id: link_compressed
      -name: "Single link compressed datagram"
    0x00fd:
      id: compressed
      -name: "Compressed datagram"
    0x0281:
      id: mpls_unicast
      -name: "MPLS unicast"
    0x0283:
      id: mpls_multicast
      -name: "MPLS multicast"
    0x8021:
      id: ipcp
      -name: "IPCP"
    0x802b:
      id: ipxcp
      -name: "IPXCP"
    0x803d:
      id: mpcp
      -name: "Multilink Control Protocol"
    0x8057:
      id: ipv6cp
      -name: "IPV6CP"
    0x80fb:
      id: link_ccp
      -name: "Single link CCP"
    0x80fd:
      id: ccp
      -name: "CCP"
    0x8281:
      id: mplscp
      -name: "MPLSCP"
    0xc021:
      id: lcp
      -name: "LCP"
    0xc023:
      id: pap
      -name: "PAP"
    0xc025:
      id: lqr
      -name: "LQR"
    0xc223:
      id: chap
      -name: "CHAP"
    0xc227:
      id: eap
      -name: "EAP"
