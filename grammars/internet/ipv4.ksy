meta:
  id: ipv4
  title: Internet Protocol version 4
  license: MIT
  xref:
    rfc: 791
  endian: be
  -pcapkit:
    name: IPv4
    key: ipv4
    layer: internet
    groups: [IP]
    dispatch:
      ethertype: 0x0800
      linktype: 228
      ip_proto: 4
      ip_version: 4
      bsd_af: 2
      # PPP's IPv4, and its EtherType, which Wireshark's PPP table names IPv4 too
      ppp_protocol: [0x0021, 0x0800]
      # 0x883e: Wireshark's GRE table names IP for it too
      gre_proto: [0x0800, 0x883e]
      # IP over 802.2 LLC (SAP 0x06)
      llc_sap: 0x06
    # total length 0 comes from captures of TCP segmentation offload: use what was captured
    payload-length: "total_length == 0 ? _rest : total_length - ihl * 4"
    # a first fragment cut short by the snap length is dissected on, as Wireshark does: only a
    # fragment with all its bytes can join a reassembly, and a first fragment's headers are there
    # (a total length of 0 stands for what the frame announces, as above)
    fragment: "frag_offset != 0 or mf and (total_length == 0 ? _reported_size : total_length) > ihl * 4 and (total_length == 0 ? _reported_size : total_length) <= _io.size"
    # tshark hands an empty payload on only when the capture cut it: a total length that lies
    # beyond the frame leaves nothing to dissect, a snap length that cut the datagram leaves the
    # next header cut
    next-when-empty: cut
    next:
      - table: ip_proto
        key: protocol
    # Wireshark's IPv4 dissector hands a datagram of version 6 to IPv6 ("Bogus IPv4 version"): the
    # IPv4 layer shows its version, and IPv6 dissects the same bytes
    hand-over:
      field: version
      table: ip_version
    # what flow tracking and defragmentation read (the runtime knows no offsets of its own)
    roles:
      src-address: src
      dst-address: dst
      total-length: total_length
      fragment-id: identification
      fragment-offset: frag_offset
      more-fragments: mf
      fragment-protocol: protocol
doc: |
  The IPv4 header with its options. The total length bounds the payload, so Ethernet padding is
  never taken for payload; a fragment's payload stays raw until reassembly.
doc-ref: RFC 791 section 3.1
seq:
  - id: version
    type: b4
    valid: 4
  - id: ihl
    type: b4
    valid:
      min: 5
    -json: hdr_len
    -value: _ * 4
    doc: header length in 32-bit words (shown in bytes)
  - id: dscp
    type: b6
    -json: dsfield.dscp
  - id: ecn
    type: b2
    -json: dsfield.ecn
  - id: total_length
    type: u2
    -json: len
    -value: "_ == 0 ? _reported_size : _"
    doc: |
      0 comes from captures of TCP segmentation offload; like Wireshark, the length shown is then
      the bytes the datagram has in the frame by its original length (captured or not)
    valid:
      expr: _ == 0 or _ >= ihl * 4
  - id: identification
    type: u2
    -json: id
    -format: hex
  - id: reserved
    type: b1
    -json: flags.rb
  - id: df
    type: b1
    -json: flags.df
  - id: mf
    type: b1
    -json: flags.mf
  - id: frag_offset
    type: b13
    -value: _ * 8
    doc: in 8-byte units on the wire (shown in bytes)
  - id: ttl
    type: u1
  - id: protocol
    type: u1
    -json: proto
    -enum: ip_proto
  - id: checksum
    type: u2
    -format: hex
  - id: src
    type: u4
    -format: ipv4
  - id: dst
    type: u4
    -format: ipv4
  - id: options
    size: ihl * 4 - 20
    type: options
    if: ihl > 5
    -flatten: true
types:
  options:
    seq:
      # the End of Option List ends the list (RFC 791, RFC 9293): what follows it in the header is
      # padding, not options, as Wireshark reads it (it would make no option malformed)
      - id: entries
        type: option
        repeat: until
        repeat-until: _.kind == 0 or _io.eof
        -json: options
      - id: padding
        size-eos: true
        if: not _io.eof
        doc: the bytes after the End of Option List (zeros, unless the sender left others there)
  option:
    seq:
      - id: kind
        type: u1
        -enum: option_kind
      - id: length
        type: u1
        # absent when the kind is the options' last byte: like Wireshark, the option is shown
        # without it and the datagram is still dissected
        if: kind != 0 and kind != 1 and not _io.eof
        valid:
          # like Wireshark, a known option too short for its fixed fields makes the header
          # malformed (one below 2 or running past the options stops option parsing instead: see
          # invalid); the minimums are those tshark 4.0 checks
          expr: _ < 2 or _ - 2 > _io.size - _io.pos or _ >= min_length
      - id: invalid
        size-eos: true
        if: kind != 0 and kind != 1 and not _io.eof and (length < 2 or length - 2 > _io.size - _io.pos)
        doc: |
          An option whose length is below 2 or runs past the options: like Wireshark, option
          parsing stops there (the rest of the options are these bytes) and the datagram is still
          dissected, since the header length bounds the options.
          Checked before data, where the position still stands after the length byte (once data
          is read the same test would see fewer bytes left). At the end of the options (no length
          byte, or nothing after it) there is nothing left to show here.
      - id: data
        size: length - 2
        # none for an option of length 2, wherever it stands
        if: kind != 0 and kind != 1 and not _io.eof and length > 2 and length - 2 <= _io.size - _io.pos
        type:
          # like Wireshark, a route or timestamp option whose length its addresses or stamps do
          # not fill exactly is kept as bytes and the datagram dissected on
          switch-on: "(kind == 7 or kind == 131 or kind == 137) and (length - 3) % 4 != 0 or kind == 68 and (length - 4) % 4 != 0 ? 0 : kind"
          cases:
            7: route
            131: route
            137: route
            68: timestamp
            148: router_alert
        -flatten: true

    instances:
      min_length:
        value: >-
          kind == 82 ? 12 : kind == 25 ? 8 : kind == 134 ? 6
          : (kind == 68 or kind == 11 or kind == 12 or kind == 136 or kind == 148) ? 4
          : (kind == 7 or kind == 131 or kind == 137 or kind == 130 or kind == 133) ? 3 : 2
        doc: |
          The shortest length tshark 4.0 accepts for the kind: its fixed fields (Traceroute 12,
          Quick-Start 8, CIPSO 6, the timestamp's pointer and flags, MTU probe and reply, stream
          id and Router Alert 4, a route's or security option's pointer or level 3)

  route:
    seq:
      - id: pointer
        type: u1
      - id: addresses
        type: u4
        repeat: eos
        -format: ipv4
  timestamp:
    seq:
      - id: pointer
        type: u1
      - id: overflow
        type: b4
      - id: flag
        type: b4
      - id: data
        type: u4
        repeat: eos
  router_alert:
    seq:
      - id: value
        type: u2
enums:
  option_kind:
    0:
      id: eool
      -name: "EOOL"
    1:
      id: nop
      -name: "NOP"
    7:
      id: rr
      -name: "RR"
    11:
      id: mtup
      -name: "MTUP"
    12:
      id: mtur
      -name: "MTUR"
    25:
      id: qs
      -name: "QS"
    68:
      id: ts
      -name: "TS"
    82:
      id: tr
      -name: "TR"
    130:
      id: sec
      -name: "SEC"
    131:
      id: lsr
      -name: "LSR"
    133:
      id: e_sec
      -name: "E-SEC"
    134:
      id: cipso
      -name: "CIPSO"
    136:
      id: sid
      -name: "SID"
    137:
      id: ssr
      -name: "SSR"
    145:
      id: eip
      -name: "EIP"
    148:
      id: rtralt
      -name: "RTRALT"
