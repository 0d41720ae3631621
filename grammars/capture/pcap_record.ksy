meta:
  id: pcap_record
  title: Classic pcap record header
  license: MIT
  endian:
    switch-on: is_le
    cases:
      true: le
      false: be
doc: |
  The 16-byte header in front of every packet of a classic pcap file. The runtime reads one at a
  time (files over 2 GiB are walked with 64-bit positions) and slices the packet after it.
doc-ref: https://datatracker.ietf.org/doc/draft-ietf-opsawg-pcap/
params:
  - id: is_le
    type: bool
seq:
  - id: ts_sec
    type: u4
  - id: ts_frac
    type: u4
    doc: microseconds, or nanoseconds when the magic says so
  - id: incl_len
    type: u4
    doc: bytes captured (Wireshark's frame.cap_len)
  - id: orig_len
    type: u4
    doc: bytes on the wire (Wireshark's frame.len)
