meta:
  id: pcapng_idb
  title: pcapng Interface Description Block body
  license: MIT
  endian:
    switch-on: is_le
    cases:
      true: le
      false: be
doc: |
  One capture interface: its link type, snap length and options. if_tsresol sets the unit of the
  packet timestamps (10^-n seconds, or 2^-n when the top bit is set; default 10^-6) and
  if_tsoffset adds seconds to them.
doc-ref: https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcapng/ section 4.2
params:
  - id: is_le
    type: bool
seq:
  - id: linktype
    type: u2
    -enum: linktype
  - id: reserved
    type: u2
    -hide: true
  - id: snaplen
    type: u4
  - id: options
    size-eos: true
    type: options
    -flatten: true
types:
  options:
    seq:
      - id: entries
        type: option
        repeat: eos
        -json: options
  option:
    seq:
      - id: code
        type: u2
        -enum: idb_option
      - id: length
        type: u2
      - id: value
        size: length
        type:
          switch-on: code
          cases:
            1: text_value
            2: text_value
            3: text_value
            9: tsresol_value
            11: text_value
            12: text_value
            14: tsoffset_value
            15: text_value
        -flatten: true
      - id: padding
        size: (4 - length % 4) % 4
        -hide: true
  text_value:
    seq:
      - id: text
        size-eos: true
        type: str
        encoding: UTF-8
  tsresol_value:
    seq:
      - id: tsresol
        type: u1
  tsoffset_value:
    seq:
      - id: tsoffset
        type: s8
enums:
  idb_option:
    0: opt_endofopt
    1: opt_comment
    2: if_name
    3: if_description
    4:
      id: if_ipv4addr
      -name: "if_IPv4addr"
    5:
      id: if_ipv6addr
      -name: "if_IPv6addr"
    6:
      id: if_macaddr
      -name: "if_MACaddr"
    7:
      id: if_euiaddr
      -name: "if_EUIaddr"
    8: if_speed
    9: if_tsresol
    10: if_tzone
    11: if_filter
    12: if_os
    13: if_fcslen
    14: if_tsoffset
    15: if_hardware
    16: if_txspeed
    17: if_rxspeed
