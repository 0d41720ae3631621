meta:
  id: pcapng_epb
  title: pcapng Enhanced Packet Block body
  license: MIT
  endian:
    switch-on: is_le
    cases:
      true: le
      false: be
doc: One packet with its interface, a 64-bit timestamp in the interface's unit, and options.
doc-ref: https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcapng/ section 4.3
params:
  - id: is_le
    type: bool
seq:
  - id: interface_id
    type: u4
  - id: timestamp_high
    type: u4
  - id: timestamp_low
    type: u4
  - id: captured_len
    type: u4
  - id: original_len
    type: u4
  - id: packet_data
    size: captured_len
    -hide: true
  - id: padding
    size: (4 - captured_len % 4) % 4
    -hide: true
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
        -enum: epb_option
      - id: length
        type: u2
      - id: value
        size: length
        type:
          switch-on: code
          cases:
            1: text_value
            2: flags_value
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
  flags_value:
    seq:
      - id: flags
        type: u4
        -format: hex
enums:
  epb_option:
    0: opt_endofopt
    1: opt_comment
    2: epb_flags
    3: epb_hash
    4: epb_dropcount
    5: epb_packetid
    6: epb_queue
    7: epb_verdict
