meta:
  id: vlan
  title: IEEE 802.1Q VLAN tag (and 802.1ad service tag)
  license: MIT
  endian: be
  -pcapkit:
    name: 802.1Q
    key: 802.1q
    layer: link
    dispatch:
      ethertype:
        - 0x8100
        - value: 0x88a8
          name: 802.1ad
          key: 802.1ad
        - 0x9100
    payload-length: "type_or_length <= 1500 ? type_or_length : _rest"
    next:
      - if: type_or_length >= 0x600
        table: ethertype
        key: type_or_length
      - if: type_or_length <= 1500
        protocol: llc
doc: |
  One tag: priority, drop eligibility and VLAN id, then the next EtherType (or an 802.3
  length). Stacked tags (QinQ) are one layer each; 0x88a8 is the 802.1ad service tag.
doc-ref: IEEE 802.1Q clause 9.6
seq:
  - id: pcp
    type: b3
    -json: tci.pcp
  - id: dei
    type: b1
    -json: tci.dei
  - id: vid
    type: b12
    -json: tci.vid
  - id: type_or_length
    type: u2
    -hide: true
instances:
  type:
    value: type_or_length
    if: type_or_length >= 0x600
    -json: type
    -enum: ethertype
    -format: hex
  len:
    value: type_or_length
    if: type_or_length <= 1500
    -json: len
