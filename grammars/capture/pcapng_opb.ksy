meta:
  id: pcapng_opb
  title: pcapng (obsolete) Packet Block body
  license: MIT
  endian:
    switch-on: is_le
    cases:
      true: le
      false: be
doc: The Packet Block of pcapng 1.0, superseded by the Enhanced Packet Block but still written by old tools.
doc-ref: https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcapng/ appendix A
params:
  - id: is_le
    type: bool
seq:
  - id: interface_id
    type: u2
  - id: drops_count
    type: u2
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
    -hide: true
