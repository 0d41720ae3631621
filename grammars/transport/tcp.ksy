meta:
  id: tcp
  title: Transmission Control Protocol
  license: MIT
  xref:
    rfc: [9293, 7323, 2018]
  endian: be
  -pcapkit:
    name: TCP
    key: tcp
    layer: transport
    # the next layer is chosen by port: an empty payload is simply no data
    next-when-empty: false
    dispatch:
      ip_proto: 6
    next:
      - table: tcp_port
        key: ["srcport < dstport ? srcport : dstport", "srcport < dstport ? dstport : srcport"]
    # what flow tracking and stream reassembly read: the ports make a flow (tcp.stream), the
    # sequence number and control bits order its bytes
    roles:
      src-port: srcport
      dst-port: dstport
      sequence: seq
      acknowledgement: ack
      syn: syn
      ack: flag_ack
      fin: fin
      rst: rst
doc: |
  Ports, sequence and acknowledgement numbers, data offset, the nine flags, window, checksum,
  urgent pointer and options. The payload runs to the end of the IP payload.
doc-ref: RFC 9293 section 3.1
seq:
  - id: srcport
    type: u2
  - id: dstport
    type: u2
  - id: seq
    type: u4
  - id: ack
    type: u4
  - id: data_offset
    type: b4
    valid:
      min: 5
    -json: hdr_len
    -value: _ * 4
    doc: header length in 32-bit words (shown in bytes)
  - id: reserved
    type: b3
    -json: flags.res
    doc: reserved bits (Wireshark's tcp.flags.res); shown, since tcp.flags counts them
  - id: ns
    type: b1
    -json: flags.ns
  - id: cwr
    type: b1
    -json: flags.cwr
  - id: ece
    type: b1
    -json: flags.ece
  - id: urg
    type: b1
    -json: flags.urg
  - id: flag_ack
    type: b1
    -json: flags.ack
  - id: psh
    type: b1
    -json: flags.psh
  - id: rst
    type: b1
    -json: flags.rst
  - id: syn
    type: b1
    -json: flags.syn
  - id: fin
    type: b1
    -json: flags.fin
  - id: window_size
    type: u2
  - id: checksum
    type: u2
    -format: hex
  - id: urgent_pointer
    type: u2
  - id: options
    size: data_offset * 4 - 20
    type: options
    if: data_offset > 5
    -flatten: true
  - id: reset_cause
    size-eos: true
    type: str
    encoding: UTF-8
    if: rst and not _io.eof
    doc: |
      A reset's data: text that may explain the reset (RFC 9293 section 3.5.3). Like Wireshark
      (tcp.reset_cause), it is shown as text and never handed on: no application layer, no stream.
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
        # without it and the segment is still dissected
        if: kind > 1 and not _io.eof
      - id: invalid
        size-eos: true
        if: kind > 1 and not _io.eof and (length < 2 or length - 2 > _io.size - _io.pos)
        doc: |
          An option whose length is below 2 or runs past the options: like Wireshark, option
          parsing stops there (the rest of the options are these bytes) and the segment is still
          dissected, since the data offset bounds the header.
          Checked before data, where the position still stands after the length byte (once data
          is read the same test would see fewer bytes left). At the end of the options (no length
          byte, or nothing after it) there is nothing left to show here.
      - id: data
        size: length - 2
        # none for an option of length 2 (SACK permitted), wherever it stands
        if: kind > 1 and not _io.eof and length > 2 and length - 2 <= _io.size - _io.pos
        type:
          # like Wireshark, a known option of another length than its own is kept as bytes and
          # the segment dissected on (its payload still reaches the stream)
          switch-on: "kind == 2 and length != 4 or kind == 3 and length != 3 or kind == 5 and (length - 2) % 8 != 0 or kind == 8 and length != 10 or kind == 28 and length != 4 ? 0 : kind"
          cases:
            2: mss
            3: window_scale
            5: sack
            8: timestamp
            28: user_timeout
        -flatten: true

  mss:
    seq:
      - id: mss
        type: u2
  window_scale:
    seq:
      - id: shift
        type: u1
  sack:
    seq:
      - id: blocks
        type: sack_block
        repeat: eos
  sack_block:
    seq:
      - id: left
        type: u4
      - id: right
        type: u4
  timestamp:
    seq:
      - id: val
        type: u4
      - id: ecr
        type: u4
  user_timeout:
    seq:
      - id: granularity
        type: b1
      - id: timeout
        type: b15
enums:
  option_kind:
    0:
      id: eol
      -name: "EOL"
    1:
      id: nop
      -name: "NOP"
    2:
      id: mss
      -name: "MSS"
    3:
      id: ws
      -name: "WS"
    4:
      id: sack_perm
      -name: "SACK_PERM"
    5:
      id: sack
      -name: "SACK"
    6:
      id: echo
      -name: "ECHO"
    7:
      id: echoreply
      -name: "ECHOREPLY"
    8:
      id: ts
      -name: "TS"
    9:
      id: poc
      -name: "POC"
    10:
      id: pocsp
      -name: "POCSP"
    11:
      id: cc
      -name: "CC"
    12:
      id: ccnew
      -name: "CCNEW"
    13:
      id: ccecho
      -name: "CCECHO"
    14:
      id: chkreq
      -name: "CHKREQ"
    15:
      id: chksum
      -name: "CHKSUM"
    18:
      id: trailer_chksum
      -name: "TRAILER_CHKSUM"
    19:
      id: md5
      -name: "MD5"
    27:
      id: qs
      -name: "QS"
    28:
      id: user_timeout
      -name: "USER_TIMEOUT"
    29:
      id: tcp_ao
      -name: "TCP_AO"
    30:
      id: mptcp
      -name: "MPTCP"
    34:
      id: tfo
      -name: "TFO"
    69:
      id: encopt
      -name: "ENCOPT"
    253:
      id: exp1
      -name: "EXP1"
    254:
      id: exp2
      -name: "EXP2"
