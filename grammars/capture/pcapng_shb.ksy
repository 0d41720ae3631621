meta:
  id: pcapng_shb
  title: pcapng Section Header Block body
  license: MIT
  endian:
    switch-on: is_le
    cases:
      true: le
      false: be
doc: |
  The body of a Section Header Block (after type and length, before the trailing length). The
  byte-order magic reads 0x1a2b3c4d in the section's byte order.
doc-ref: https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcapng/ section 4.1
params:
  - id: is_le
    type: bool
seq:
  - id: byte_order_magic
    type: u4
    -format: hex
  - id: major_version
    type: u2
  - id: minor_version
    type: u2
  - id: section_length
    type: s8
    doc: -1 when unknown
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
        -enum: shb_option
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
            4: text_value
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
enums:
  shb_option:
    0: opt_endofopt
    1: opt_comment
    2: shb_hardware
    3: shb_os
    4: shb_userappl
