meta:
  id: pcapng_block
  title: pcapng generic block header
  license: MIT
  endian:
    switch-on: is_le
    cases:
      true: le
      false: be
doc: |
  The type and total length in front of every pcapng block. The body follows, then the total
  length again. The Section Header Block's type (0x0a0d0d0a) reads the same in both byte orders.
doc-ref: https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcapng/
params:
  - id: is_le
    type: bool
seq:
  - id: block_type
    type: u4
    -format: hex
    -enum: block_type
  - id: block_total_length
    type: u4
enums:
  block_type:
    0x00000001:
      id: idb
      -name: "IDB"
    0x00000002:
      id: opb
      -name: "OPB"
    0x00000003:
      id: spb
      -name: "SPB"
    0x00000004:
      id: nrb
      -name: "NRB"
    0x00000005:
      id: isb
      -name: "ISB"
    0x00000006:
      id: epb
      -name: "EPB"
    0x0000000a:
      id: dsb
      -name: "DSB"
    0x0a0d0d0a:
      id: shb
      -name: "SHB"
