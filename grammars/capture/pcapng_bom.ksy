meta:
  id: pcapng_bom
  title: pcapng section start (byte-order probe)
  license: MIT
  endian: be
doc: |
  The first 12 bytes of a Section Header Block read big-endian: the block type (a palindrome),
  the length, and the byte-order magic, which tells the byte order of the whole section.
doc-ref: https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcapng/ section 4.1
seq:
  - id: block_type
    type: u4
    -format: hex
  - id: block_total_length_raw
    type: u4
  - id: byte_order_magic
    type: u4
    -format: hex
instances:
  is_le:
    value: byte_order_magic == 0x4d3c2b1a
  is_valid:
    value: byte_order_magic == 0x4d3c2b1a or byte_order_magic == 0x1a2b3c4d
