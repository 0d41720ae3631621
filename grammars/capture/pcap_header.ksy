meta:
  id: pcap_header
  title: Classic pcap global header
  license: MIT
  endian:
    switch-on: is_le
    cases:
      true: le
      false: be
doc: |
  The 24-byte header of a classic pcap file. The magic number, read in the file's byte order,
  is 0xa1b2c3d4 for microsecond and 0xa1b23c4d for nanosecond timestamps; the runtime decodes
  the header once per byte order and keeps the one whose magic is valid.
doc-ref: https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcap/
params:
  - id: is_le
    type: bool
seq:
  - id: magic
    type: u4
    -format: hex
  - id: version_major
    type: u2
  - id: version_minor
    type: u2
  - id: thiszone
    type: s4
    doc: GMT-to-local correction in seconds (always 0 in practice)
  - id: sigfigs
    type: u4
  - id: snaplen
    type: u4
  - id: network
    type: u4
    -hide: true
    doc: link type in the low 16 bits; bits 26-31 may flag an FCS and its length
instances:
  linktype:
    value: network & 0xffff
    -json: network
    -enum: linktype
  fcs_length:
    value: "(network & 0x04000000) != 0 ? ((network >> 28) & 0xf) * 2 : 0"
    doc: FCS length in bytes, when the F bit is set (in 16-bit words on the wire)
  nanosecond:
    value: magic == 0xa1b23c4d
