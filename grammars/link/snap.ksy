meta:
  id: snap
  title: IEEE 802 SubNetwork Access Protocol header
  license: MIT
  endian: be
  -pcapkit:
    name: SNAP
    key: snap
    layer: link
    next:
      - if: oui == 0 or oui == 0xf8
        table: ethertype
        key: pid
doc: |
  An organisation id and a protocol id after an LLC header with SAPs 0xAA. With OUI 0 (or
  0x0000f8, IEEE 802.1H) the protocol id is an EtherType.
doc-ref: IEEE 802-2014 clause 9.3
seq:
  - id: oui
    type: b24
    -format: hex
  - id: pid
    type: u2
    -format: hex
