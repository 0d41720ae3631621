meta:
  id: vxlan
  title: Virtual eXtensible Local Area Network (VXLAN)
  license: MIT
  xref:
    rfc: 7348
  endian: be
  -pcapkit:
    name: VXLAN
    key: vxlan
    # a tunnel, as L2TP: thresholds above the link layer see through it
    layer: link
    dispatch:
      udp_port: 4789
    # like tshark, Ethernet follows even with no payload (it is then malformed)
    next:
      - protocol: ethernet
doc: |
  Eight bytes: flags (I, bit 3, says the VNI is valid), 24 reserved bits, the 24-bit VXLAN
  network identifier and 8 reserved bits; an Ethernet frame follows. Like Wireshark, the frame is
  dissected whatever the I flag says.
doc-ref: RFC 7348 section 5
seq:
  - id: flags
    type: u1
    -format: hex
  - id: reserved1
    type: b24
    -hide: true
  - id: vni
    type: b24
  - id: reserved2
    type: u1
    -hide: true
