meta:
  id: pcapng_trailer
  title: pcapng block trailer
  license: MIT
  endian:
    switch-on: is_le
    cases:
      true: le
      false: be
doc: The copy of the block's total length that ends every block; it must equal the leading one.
doc-ref: https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcapng/ section 3.1
params:
  - id: is_le
    type: bool
seq:
  - id: block_total_length
    type: u4
