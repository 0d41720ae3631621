meta:
  id: pcapng_spb
  title: pcapng Simple Packet Block body
  license: MIT
  endian:
    switch-on: is_le
    cases:
      true: le
      false: be
doc: |
  A packet of interface 0 without timestamp; the captured length is the smaller of the original
  length, the interface's snap length and the bytes the block holds.
doc-ref: https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcapng/ section 4.4
params:
  - id: is_le
    type: bool
seq:
  - id: original_len
    type: u4
